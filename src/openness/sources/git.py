"""Evidence from a git repository: a shallow clone with the system ``git`` into a temporary folder,
then the local scan. Branches and tags named like training steps (step1000, checkpoint-*, iter_*) are
intermediate checkpoints, referenced by URL@ref. The report names the commit assessed.

Safety: ``git`` runs without a shell, with a timeout, no terminal prompts, no credential helpers, no
system or user configuration, no hooks, and Git LFS smudging off (LFS files stay pointers, which the
scan reads as referenced weights). Nothing in the clone is executed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from urllib.parse import urlsplit

from openness.domain.release import Component, Evidence, Presence, Release
from openness.domain.text import cut, redact_urls
from openness.domain.text import redact_url as redact
from openness.errors import InputError
from openness.sources.local import collect as collect_local
from openness.sources.options import CollectOptions

SOURCE = "git"
CLONE_TIMEOUT = 600.0
LS_REMOTE_TIMEOUT = 60.0
INTERMEDIATE = "Model parameters (Intermediate)"
FINAL = "Model parameters (Final)"
STEP_REF = re.compile(
    r"^(?:step|ckpt|global_step|epoch|iter)[-_]?\d+\S*$|^checkpoint[-_]\S+$|^iter_\S+$", re.IGNORECASE
)
BAD_URL_HINT = "a port is a number from 0 to 65535; an IPv6 host is written in brackets, [::1]"
SHOWN_TARGET = 300
"""Characters of a target repeated in an error line."""
_REV_RE = re.compile(r"^[A-Za-z0-9._/\-]+$")
_CONFIG = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "credential.helper=",
    "protocol.ext.allow=never",
    "filter.lfs.smudge=",
    "filter.lfs.process=",
    "filter.lfs.required=false",
    "advice.detachedHead=false",
)


def split_target(target: str) -> tuple[str, str | None]:
    """(repository URL or path, revision or None) from ``URL[@REV]``; '@' in the host part is userinfo."""
    scheme_end = target.find("://")
    start = scheme_end + 3 if scheme_end >= 0 else 0
    slash = target.find("/", start)
    at = target.rfind("@")
    if scheme_end >= 0 and slash < 0:
        return target, None  # no path: every '@' is in the host part (user info), none starts a revision
    if at > max(slash, 0) and at > start:
        return target[:at], target[at + 1 :] or None
    return target, None


def claims(target: str) -> bool:
    """https:// and file:// URLs, and local paths ending in .git (each with an optional @REV)."""
    lower = target.lower()
    if lower.startswith(("https://", "file://")):
        return True
    url, _rev = split_target(target)
    return url.rstrip("/").endswith(".git")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "",
            "SSH_ASKPASS": "",
            "GCM_INTERACTIVE": "never",
            "GIT_LFS_SKIP_SMUDGE": "1",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "LC_ALL": "C",
        }
    )
    return env


def _git(args: list[str], cwd: str | None, timeout: float, where: str) -> str:
    cmd = ["git"]
    for c in _CONFIG:
        cmd += ["-c", c]
    try:
        done = subprocess.run(
            cmd + args,
            cwd=cwd,
            env=_env(),
            capture_output=True,
            timeout=timeout,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except FileNotFoundError:
        raise InputError(
            "git is not installed", where=where, hint="install git to assess repositories"
        ) from None
    except subprocess.TimeoutExpired:
        raise InputError(
            f"git {args[0]} timed out after {timeout:g} s",
            where=where,
            hint="try again, or clone it yourself and assess the folder",
        ) from None
    if done.returncode != 0:
        lines = [ln.strip() for ln in done.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
        # The first fatal/error line names the cause; later lines are advice ("Please make sure …").
        flagged = [ln for ln in lines if ln.startswith(("fatal: ", "error: "))]
        reason = (flagged or lines or [f"exit status {done.returncode}"])[0]
        reason = redact_urls(reason.removeprefix("fatal: ").removeprefix("error: "))
        raise InputError(
            f"git {args[0]} failed: {reason}",
            where=where,
            hint="check the URL and revision; private repositories need a local clone",
        )
    return done.stdout.decode("utf-8", "replace")


def _normalise_url(url: str) -> str:
    if "://" in url:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - reading it checks the range
        except ValueError as exc:
            raise InputError(
                f"not a valid URL: {exc}",
                where=redact(url),
                hint=BAD_URL_HINT,
            ) from None
        if parts.scheme not in ("https", "file"):
            raise InputError(
                f"unsupported URL scheme '{parts.scheme}'", where=redact(url), hint="use https:// or file://"
            )
        return url
    return os.path.abspath(url)


def step_refs(url: str, where: str) -> list[tuple[str, str]]:
    """(ref name, sha) of the branches and tags named like training steps."""
    out = _git(["ls-remote", "--heads", "--tags", url], None, LS_REMOTE_TIMEOUT, where)
    refs: list[tuple[str, str]] = []
    for line in out.splitlines():
        sha, _, ref = line.partition("\t")
        name = ref.removeprefix("refs/heads/").removeprefix("refs/tags/").removesuffix("^{}")
        if STEP_REF.match(name) and (name, sha) not in refs:
            refs.append((name, sha))
    return sorted(refs)


def collect(target: str, options: CollectOptions | None = None) -> Release:
    """Clone ``URL[@REV]`` shallowly, scan it, and add the step-named refs as intermediate checkpoints."""
    opts = options or CollectOptions()
    raw_url, rev = split_target(target)
    url = _normalise_url(raw_url)
    if opts.url_guard is not None:
        opts.url_guard(url)
    shown_url, where = redact(raw_url), cut(redact(target), SHOWN_TARGET)
    if rev is not None and (not _REV_RE.match(rev) or rev.startswith("-")):
        raise InputError(
            "not a valid revision after '@'",  # not echoed: it may hold a token (the target is redacted)
            where=where,
            hint="give a branch, tag or commit",
        )
    tmp = tempfile.mkdtemp(prefix="openness-git-")
    try:
        work = os.path.join(tmp, "repo")
        _git(["init", "-q", work], None, 30, where)
        _git(
            ["fetch", "-q", "--depth", "1", "--no-tags", "--", url, rev or "HEAD"],
            work,
            CLONE_TIMEOUT,
            where,
        )
        _git(["checkout", "-q", "--detach", "FETCH_HEAD"], work, CLONE_TIMEOUT, where)
        sha = _git(["rev-parse", "FETCH_HEAD"], work, 30, where).strip()
        refs = step_refs(url, where)
        name = os.path.basename(raw_url.rstrip("/")).removesuffix(".git") or raw_url
        release = collect_local(work, opts, source=SOURCE, name=name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return _with_git_facts(release, shown_url, rev, sha, refs, opts.explain)


def _with_git_facts(
    release: Release, url: str, rev: str | None, sha: str, refs: list[tuple[str, str]], explain: bool
) -> Release:
    commit = Evidence(
        SOURCE,
        f"{url}@{sha}",
        "git.commit",
        1.0,
        f"assessed commit {sha} ({'revision ' + rev if rev else 'default branch'})",
    )
    components = tuple(
        _add_refs(c, release, url, refs, explain) if c.name == INTERMEDIATE and refs else c
        for c in release.components
    )
    extra = dict(release.extra)
    extra["git"] = {"url": url, "revision": rev, "commit": sha, "step_refs": len(refs)}
    return replace(
        release,
        version=rev or "",
        links={**release.links, "repository": url},
        evidence=(commit, *release.evidence),
        components=components,
        extra=extra,
    )


def _add_refs(
    comp: Component, release: Release, url: str, refs: list[tuple[str, str]], explain: bool
) -> Component:
    shown = refs if explain else refs[:5]
    evidence = [
        Evidence(
            SOURCE, f"{url}@{sha}", "git.step-named-ref", 0.8, f"branch or tag '{name}' names a training step"
        )
        for name, sha in shown
    ]
    if len(refs) > len(shown):
        evidence.append(
            Evidence(
                SOURCE,
                url,
                "git.step-named-ref",
                0.8,
                f"{len(refs) - len(shown)} more step-named refs (use --explain to list them all)",
            )
        )
    locations = tuple(f"{url}@{name}" for name, _sha in (refs if explain else refs[:10]))
    if comp.presence in (Presence.INCLUDED, Presence.REFERENCED):
        return replace(comp, locations=comp.locations + locations, evidence=comp.evidence + tuple(evidence))
    final = release.component(FINAL)
    licence, declared, path = (None, False, None)
    if final is not None and final.licence_declared and final.licence:
        licence, declared, path = final.licence, True, final.licence_path
    elif release.global_licence("distribution"):
        licence = release.global_licence("distribution")
    return Component(
        INTERMEDIATE,
        Presence.REFERENCED,
        licence,
        declared,
        path,
        locations=locations,
        evidence=tuple(evidence),
    )
