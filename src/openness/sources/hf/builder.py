"""The shared piece of turning a Snapshot into components: locators, evidence, and one component
with the repo's licence as the Hub states it."""

from __future__ import annotations

from typing import Any

from openness.domain.release import Component, Evidence, Presence
from openness.sources.hf.card import licence_statement
from openness.sources.hf.fetch import Snapshot

SOURCE = "hf"
MAX_LOCATIONS = 20


def mapping_of(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def list_of(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


class Builder:
    def __init__(self, snap: Snapshot) -> None:
        self.s = snap
        self.sha = snap.sha
        self.comps: dict[str, Component] = {}
        self.notes: list[str] = []
        stmt = licence_statement(snap.card_data())
        self.licence = stmt.licence
        self.licence_field = stmt.field
        self.link = stmt.link
        self.licence_path: str | None = None
        readme = any(str(x.get("rfilename", "")).lower() == "readme.md" for x in snap.siblings())
        card_read = snap.card is not None and snap.card.status != "broken"
        self.licence_unread = self.licence is None and readme and not card_read
        """The card that would state the licence is listed but could not be read."""
        self.licence_how = ""
        """How a licence file's text was identified, when the card states no licence."""
        self.licence_confidence = 1.0
        self.card_said_unknown = False
        """The card says ``license: unknown`` and a licence file was read in its place."""

    def at(self, path: str) -> str:
        return f"{self.s.repo_id}@{self.sha}:{path}"

    def card_field(self, name: str) -> str:
        src = self.s.card_source or "README.md"
        return f"{self.s.repo_id}@{self.sha}:{src}#{name}"

    def ev(self, locator: str, rule: str, detail: str, confidence: float = 1.0) -> Evidence:
        return Evidence(SOURCE, locator, rule, confidence, detail)

    def licence_evidence(self) -> tuple[Evidence, ...]:
        if self.licence is None:
            return ()
        if self.licence_field == "licence-file":
            return (
                self.ev(
                    self.at(self.licence_path or ""),
                    f"hf.licence.file-{self.licence_how.split(':')[-1]}",
                    f"the card names no licence; the licence file reads as {self.licence} "
                    f"({self.licence_how})",
                    self.licence_confidence,
                ),
                *(
                    (
                        self.ev(
                            self.card_field("license"),
                            "hf.licence.card-unknown",
                            "the card says license: unknown, so the licence file is read",
                        ),
                    )
                    if self.card_said_unknown
                    else ()
                ),
            )
        return (
            self.ev(
                self.card_field(self.licence_field),
                "hf.licence.card",
                f"the card states {self.licence_field}: {self.licence}",
            ),
            *(
                (self.ev(self.card_field("license_link"), "hf.licence.link", f"license_link: {self.link}"),)
                if self.link
                else ()
            ),
            *(
                (self.ev(self.at(self.licence_path), "hf.licence.file", "licence file in the repo"),)
                if self.licence_path
                else ()
            ),
        )

    def add(
        self,
        name: str,
        presence: Presence,
        evidence: list[Evidence],
        *,
        licence: str | None = None,
        own_licence: bool = False,
        locations: list[str] | None = None,
        description: str = "",
        extra: dict[str, Any] | None = None,
        licence_unread: bool = False,
    ) -> None:
        """One component; ``own_licence`` gives it the repo's licence as the Hub states it;
        ``licence_unread`` says the place that would state its licence was not read (a linked
        repository not followed, a paper whose metadata was not reachable)."""
        if own_licence:
            licence = self.licence
            evidence = evidence + list(self.licence_evidence())
        locs = list(dict.fromkeys(locations or []))
        more = len(locs) - MAX_LOCATIONS
        self.comps[name] = Component(
            name=name,
            presence=presence,
            licence=licence,
            # Every component states its own licence (or none): a repo licence never leaks onto
            # linked code or papers the Hub says nothing about.
            licence_declared=presence in (Presence.INCLUDED, Presence.REFERENCED),
            licence_path=self.licence_path if own_licence else None,
            licence_unread=licence_unread or (own_licence and licence is None and self.licence_unread),
            description=description,
            locations=tuple(locs[:MAX_LOCATIONS]) + ((f"… and {more} more",) if more > 0 else ()),
            evidence=tuple(evidence),
            extra=extra or {},
        )
