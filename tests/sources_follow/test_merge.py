"""The merge rules of --follow-code, table-driven, on constructed releases (no I/O)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openness.domain.components import COMPONENTS
from openness.domain.release import Component, Evidence, GlobalLicence, Presence, Release
from openness.sources.merge import FOLLOWED, Followed, merge_code

INC, R, A, U = Presence.INCLUDED, Presence.REFERENCED, Presence.ABSENT, Presence.UNKNOWN
WHERE = Followed("https://github.com/acme/tinygpt", "a" * 40)
AT = f"https://github.com/acme/tinygpt@{'a' * 40}"


def hub_comp(name: str, presence: Presence, licence: str | None = "apache-2.0") -> Component:
    return Component(
        name,
        presence,
        licence if presence in (INC, R) else None,
        presence in (INC, R),
        locations=("https://github.com/acme/tinygpt",) if presence is R else (f"acme/m@1:{name}",),
        evidence=(Evidence("hf", "acme/m@1:README.md", f"hf.rule.{presence.value}", 1.0, "hub side"),),
    )


def repo_comp(
    name: str, presence: Presence, licence: str | None = None, declared: bool = False, path: str = "train.py"
) -> Component:
    return Component(
        name,
        presence,
        licence,
        declared,
        "LICENSE" if declared else None,
        locations=(path,) if presence is INC else (),
        evidence=(Evidence("git", f"{path}:3", "local.code.training", 0.9, "repo side"),),
    )


def hub(*comps: Component) -> Release:
    return Release("acme/m", version="1", components=comps, notes=("assessed commit 1",))


def repo(*comps: Component, licence: str | None = "MIT") -> Release:
    return Release(
        "tinygpt",
        components=comps,
        licences={"distribution": GlobalLicence(licence, "LICENSE")} if licence else {},
        notes=("scan note",),
    )


# (state on the Hub or None when not listed, state in the repository, expected state after the merge)
CASES = [
    (None, INC, INC),
    (A, INC, INC),
    (U, INC, INC),
    (R, INC, INC),
    (INC, INC, INC),
    (None, R, R),
    (A, R, R),
    (U, R, R),
    (R, R, R),
    (INC, R, INC),
    (A, A, A),
    (U, A, U),
    (R, A, R),
    (INC, A, INC),
    (A, U, U),
    (None, U, U),
    (R, U, R),
    (INC, U, INC),
    (None, A, None),
]


@pytest.mark.parametrize("name", ["Training code", "Evaluation code", "Model architecture", "Data card"])
@pytest.mark.parametrize(("ours", "theirs", "expected"), CASES)
def test_presence_after_merge(
    name: str, ours: Presence | None, theirs: Presence, expected: Presence | None
) -> None:
    model = hub(hub_comp(name, ours)) if ours else hub()
    merged = merge_code(model, repo(repo_comp(name, theirs)), WHERE).component(name)
    if expected is None:
        assert merged is None
        return
    if name == "Data card" and ours is R and theirs is INC:
        expected = R  # a document the card links stays the one it links
    assert merged is not None and merged.presence is expected
    if ours is not None:  # the Hub's evidence is always kept
        assert {e.detail for e in merged.evidence} >= {"hub side"}
    if theirs in (INC, R):  # the repository's evidence is kept, located in the repository at its commit
        from_repo = [e for e in merged.evidence if e.detail == "repo side"]
        assert [e.locator for e in from_repo] == [f"{AT}:train.py:3"]


@pytest.mark.parametrize(
    ("theirs", "release_wide", "licence", "path"),
    [
        (repo_comp("Training code", INC, "Apache-2.0", declared=True), "MIT", "Apache-2.0", f"{AT}:LICENSE"),
        (repo_comp("Training code", INC), "MIT", "MIT", f"{AT}:LICENSE"),
        (repo_comp("Training code", INC), None, None, None),
    ],
    ids=["component's own", "repository-wide", "none in the repository"],
)
def test_a_raised_component_takes_the_repository_licence_never_the_hub_one(
    theirs: Component, release_wide: str | None, licence: str | None, path: str | None
) -> None:
    model = hub(hub_comp("Training code", R, "llama2"))
    merged = merge_code(model, repo(theirs, licence=release_wide), WHERE).component("Training code")
    assert merged is not None and merged.presence is INC
    assert merged.licence == licence and merged.licence_declared is True
    assert merged.licence_path == path
    assert merged.locations[0] == f"{AT}:train.py" and "https://github.com/acme/tinygpt" in merged.locations
    assert merged.extra["followed_from"] == AT


@pytest.mark.parametrize(
    ("hub_licence", "repo_licence", "disagree"),
    [("apache-2.0", "MIT", True), ("MIT", "mit", False), ("apache-2.0", "apache-2.0", False)],
)
def test_both_include_keeps_the_hub_side_and_notes_a_licence_disagreement(
    hub_licence: str, repo_licence: str, disagree: bool
) -> None:
    own = hub_comp("Model architecture", INC, hub_licence)
    out = merge_code(hub(own), repo(repo_comp("Model architecture", INC), licence=repo_licence), WHERE)
    merged = out.component("Model architecture")
    assert merged is not None and merged.licence == hub_licence and merged.licence_declared
    assert merged.evidence[: len(own.evidence)] == own.evidence
    noted = [n for n in out.notes if n.startswith("Model architecture: the Hub repo states")]
    assert bool(noted) is disagree


def _card_code_link(*repos: str) -> Component:
    """Training code as a Hub card's links to code repositories make it (rule hf.card.github)."""
    return Component(
        "Training code",
        R,
        locations=repos,
        evidence=tuple(
            Evidence("hf", "acme/m@1:README.md", "hf.card.github", 0.5, f"links {r}") for r in repos
        ),
    )


def test_card_links_code_the_repository_could_not_be_read_for() -> None:
    out = merge_code(hub(hub_comp("Training code", R)), repo(repo_comp("Training code", U)), WHERE)
    comp = out.component("Training code")
    assert comp is not None and comp.presence is R
    assert any("could not be looked for there" in n and "stays referenced" in n for n in out.notes)


def test_the_only_code_link_read_whole_without_training_code_makes_it_absent() -> None:
    """Rule follow-code.not-there: the card's link stood for training code until the repository was read."""
    own = _card_code_link("https://github.com/acme/tinygpt")
    out = merge_code(hub(own), repo(repo_comp("Training code", A)), WHERE)
    comp = out.component("Training code")
    assert comp is not None and comp.presence is A and comp.licence is None and comp.locations == ()
    assert [e.rule for e in comp.evidence][:2] == ["hf.card.github", "follow-code.not-there"]
    assert any("holds no training code; absent" in n for n in out.notes)


@pytest.mark.parametrize(
    "own",
    [
        _card_code_link("https://github.com/acme/tinygpt", "https://github.com/acme/tinygpt-train"),
        hub_comp("Training code", R),  # a link the card gives as training code itself
    ],
)
def test_training_code_stays_referenced_while_another_link_may_hold_it(own: Component) -> None:
    out = merge_code(hub(own), repo(repo_comp("Training code", A)), WHERE)
    comp = out.component("Training code")
    assert comp is not None and comp.presence is R


@pytest.mark.parametrize("name", [c.name for c in COMPONENTS if c.name not in FOLLOWED])
def test_what_describes_the_published_model_is_never_taken_from_the_repository(name: str) -> None:
    out = merge_code(hub(hub_comp(name, A)), repo(repo_comp(name, INC)), WHERE)
    assert out.component(name) == hub_comp(name, A)


def test_release_records_what_was_followed_and_keeps_order_and_notes() -> None:
    model = hub(hub_comp("Model card", INC), hub_comp("Training code", R))
    theirs = repo(repo_comp("Training code", INC), repo_comp("Evaluation code", INC, path="eval/run.py"))
    out = merge_code(model, theirs, WHERE)
    assert [c.name for c in out.components] == ["Model card", "Training code", "Evaluation code"]
    assert out.extra["followed_code"] == [
        {
            "url": WHERE.url,
            "commit": WHERE.sha,
            "raised": ["Training code (referenced → included)", "Evaluation code (not listed → included)"],
        }
    ]
    assert out.notes[0] == "assessed commit 1"
    assert f"code repository {WHERE.url}: scan note" in out.notes
    assert out.links["repository"] == WHERE.url


@pytest.mark.parametrize(
    ("locator", "located"),
    [
        ("train.py:3", f"{AT}:train.py:3"),
        (".", AT),
        ("./eval/x.py", f"{AT}:eval/x.py"),
        ("https://huggingface.co/datasets/org/x", "https://huggingface.co/datasets/org/x"),
    ],
)
def test_locators_name_the_repository_and_commit(locator: str, located: str) -> None:
    assert WHERE.locate(locator) == located


_RANK = {INC: 3, R: 2, U: 1, A: 0}
presences = st.sampled_from([INC, R, A, U])


@given(st.dictionaries(st.sampled_from(FOLLOWED), st.tuples(presences, presences), max_size=len(FOLLOWED)))
def test_merge_never_weakens_a_component_nor_drops_hub_evidence(
    states: dict[str, tuple[Presence, Presence]],
) -> None:
    model = hub(*(hub_comp(n, ours) for n, (ours, _) in states.items()))
    theirs = repo(*(repo_comp(n, t) for n, (_, t) in states.items()))
    out = merge_code(model, theirs, WHERE)
    for own in model.components:
        merged = out.component(own.name)
        assert merged is not None
        assert _RANK[merged.presence] >= _RANK[own.presence]
        assert set(own.evidence) <= set(merged.evidence)
        if merged.presence is not own.presence and merged.presence is not U:
            assert merged.licence_declared and merged.licence == "MIT"


@pytest.mark.parametrize("name", ["Research paper", "Technical report", "Data card"])
def test_a_document_the_card_links_is_not_replaced_by_a_file_in_the_code_repository(name: str) -> None:
    model = hub(hub_comp(name, R, None))
    merged = merge_code(model, repo(repo_comp(name, INC, path="plots/loss_curve.pdf")), WHERE).component(name)
    assert merged is not None and merged.presence is R and merged.licence is None
    assert f"{AT}:plots/loss_curve.pdf" in merged.locations  # kept as evidence for whoever checks


def test_an_unread_licence_in_the_repository_stays_unread_after_the_merge() -> None:
    theirs = Component("Training code", INC, None, False, licence_unread=True, locations=("train.py",))
    merged = merge_code(hub(), repo(theirs, licence=None), WHERE).component("Training code")
    assert merged is not None and merged.presence is INC and merged.licence is None and merged.licence_unread


def test_code_referenced_to_the_library_of_the_models_type_is_kept_over_unlicensed_repository_code() -> None:
    from dataclasses import replace

    url = "https://github.com/huggingface/transformers/tree/v5.24.0/src/transformers/models/gpt_neox"
    ours = replace(
        hub_comp("Model architecture", R, "Apache-2.0"), locations=(url,), extra={"library": "transformers"}
    )
    theirs = repo_comp("Model architecture", INC, path="case-studies/model.py")
    merged = merge_code(hub(ours), repo(theirs, licence=None), WHERE).component("Model architecture")
    assert merged is not None and merged.presence is R and merged.licence == "Apache-2.0"
    assert merged.locations[0] == url and f"{AT}:case-studies/model.py" in merged.locations
