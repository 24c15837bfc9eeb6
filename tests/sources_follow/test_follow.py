"""--follow-code end to end: a loopback Hub whose card links real git repositories made in tmp_path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.domain.release import Presence, Release
from openness.sources.hf.card import code_repos
from openness.sources.options import CollectOptions
from openness.sources.registry import collect

from ..sources_hf import hubdata
from ..sources_hf.replay import HubReplay
from ..sources_local import builders

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

REPO_ID = "acme/tinygpt-160m"
RAISED = {  # component → its licence in the repository (one preprocessing file has an SPDX header)
    "Training code": "MIT",
    "Evaluation code": "MIT",
    "Inference code": "MIT",
    "Data preprocessing code": "Apache-2.0 AND MIT",
}


def code_repo(tmp_path: Path, name: str = "tinygpt") -> tuple[str, str]:
    """A training repository under MIT as a real git repository; its file:// URL and commit sha."""
    root = builders.training_repo(tmp_path / name)
    sha = builders.git_repo(root)
    return root.as_uri(), sha


def model_linking(*urls: str) -> hubdata.Model:
    text = "# tinygpt-160m\n\nTrained with " + " and ".join(f"[code]({u})" for u in urls) + ".\n"
    return hubdata.Model(
        REPO_ID,
        files={
            "README.md": hubdata.card("license: apache-2.0\n", text),
            "config.json": b"{}",
            "model.safetensors": 324_662_984,
            "LICENSE": hubdata.APACHE,
        },
        card_data={"license": "apache-2.0"},
        tags=["transformers", "safetensors", "license:apache-2.0"],
        config={"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox"},
    )


def assess(hub: HubReplay, follow: bool, **kw: object) -> Release:
    opts = CollectOptions(endpoint=hub.endpoint, backoff=0.0, timeout=5.0, follow_code=follow, **kw)  # type: ignore[arg-type]
    return collect(f"hf:{REPO_ID}", opts)


def state(release: Release, name: str) -> Presence | None:
    comp = release.component(name)
    return comp.presence if comp is not None else None


def test_followed_repository_raises_code_to_included_with_its_licence_and_evidence(
    hub: HubReplay, tmp_path: Path
) -> None:
    url, sha = code_repo(tmp_path)
    hub.add_model(model_linking(url))
    release = assess(hub, follow=True)
    at = f"{url}@{sha}"
    for name, licence in RAISED.items():
        comp = release.component(name)
        assert comp is not None and comp.presence is Presence.INCLUDED, name
        # the repository's licence for the component, never the model's apache-2.0
        assert comp.licence == licence and comp.licence_declared, name
        assert any(e.source == "git" and e.locator.startswith(f"{at}:") for e in comp.evidence), name
    train = release.component("Training code")
    assert train is not None and train.licence_path == f"{at}:LICENSE"
    assert f"{at}:train.py" in train.locations and url in train.locations
    assert any(e.rule == "hf.card.code-link" for e in train.evidence)  # the Hub side is kept
    # what describes the published model is still the Hub's
    final = release.component("Model parameters (Final)")
    assert final is not None and final.licence == "apache-2.0"
    assert release.extra["followed_code"][0]["url"] == url
    assert release.extra["followed_code"][0]["commit"] == sha
    assert any(n.startswith(f"followed the code repository {at}: ") for n in release.notes)


def test_without_follow_code_the_linked_repository_stays_referenced(hub: HubReplay, tmp_path: Path) -> None:
    url, _sha = code_repo(tmp_path)
    hub.add_model(model_linking(url))
    release = assess(hub, follow=False)
    train = release.component("Training code")
    assert train is not None and train.presence is Presence.REFERENCED and train.locations == (url,)
    # not read: its licence is unread, and the code it may hold is unknown, never absent
    assert train.licence is None and train.licence_unread and train.extra["not_read"] == "--no-follow"
    for name in ("Evaluation code", "Data preprocessing code", "Supporting libraries and tools"):
        assert state(release, name) is Presence.UNKNOWN, name
    assert "followed_code" not in release.extra


def test_a_clone_that_fails_is_a_note_and_the_assessment_completes(hub: HubReplay, tmp_path: Path) -> None:
    missing = (tmp_path / "nothing-here").as_uri()
    hub.add_model(model_linking(missing))
    release = assess(hub, follow=True)
    assert state(release, "Training code") is Presence.REFERENCED
    prefix = f"could not follow {missing}: git ls-remote failed"
    said = [n for n in release.notes if n.startswith(prefix)]
    assert len(said) == 1 and "does not appear to be a git repository" in said[0], release.notes
    assert release.extra["followed_code"] == [
        {"url": missing, "error": release.extra["followed_code"][0]["error"]}
    ]
    assert state(release, "Model parameters (Final)") is Presence.INCLUDED
    assert state(release, "Evaluation code") is Presence.UNKNOWN


def test_at_most_two_repositories_followed_after_dropping_repeats(hub: HubReplay, tmp_path: Path) -> None:
    first, _ = code_repo(tmp_path, "one")
    second, _ = code_repo(tmp_path, "two")
    third, _ = code_repo(tmp_path, "three")
    hub.add_model(model_linking(first, first + "/", second, third))
    release = assess(hub, follow=True)
    assert [f["url"] for f in release.extra["followed_code"]] == [first, second]
    assert any(n.endswith(f"not followed: {third}") for n in release.notes)


def test_offline_does_not_clone(hub: HubReplay, tmp_path: Path) -> None:
    url, _ = code_repo(tmp_path)
    hub.add_model(model_linking(url))
    assess(hub, follow=False)  # fill the Hub cache, not the followed one
    release = assess(hub, follow=True, offline=True)
    assert state(release, "Training code") is Presence.REFERENCED
    assert f"--offline: {url} was not followed (not in the cache); what it holds stays referenced" in (
        release.notes
    )
    assert state(release, "Evaluation code") is Presence.UNKNOWN


def test_a_followed_repository_is_cached_by_its_commit(
    hub: HubReplay, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from openness.sources import follow

    url, sha = code_repo(tmp_path)
    hub.add_model(model_linking(url))
    first = assess(hub, follow=True)
    clones: list[str] = []

    def counting(target: str, options: CollectOptions) -> Release:
        clones.append(target)
        return follow._default_collect(target, options)

    with caplog.at_level("INFO", logger="openness.diagnostics"):
        follow.follow_code(first, [url], CollectOptions(), collect=counting)
    assert clones == []  # same commit: read from the cache, said as a diagnostic, not in the result
    assert f"{url}@{sha}: read from the openness cache (no clone)" in caplog.text
    offline = assess(hub, follow=True, offline=True)  # offline: the commit read last time
    assert state(offline, "Training code") is Presence.INCLUDED
    root = tmp_path / "tinygpt"
    builders.write(root, "NEWS.md", "a new commit\n")
    builders.git(root, "add", "-A")
    builders.git(root, "commit", "-q", "-m", "news")
    follow.follow_code(first, [url], CollectOptions(), collect=counting)
    assert clones == [url]  # a new commit is read again


@pytest.mark.parametrize(
    ("text", "allow_file", "found"),
    [
        (
            "see https://github.com/EleutherAI/gpt-neox/tree/main/configs.",
            False,
            ["https://github.com/EleutherAI/gpt-neox"],
        ),
        ("[x](https://gitlab.com/grp/sub/proj/-/blob/main/a.py)", False, ["https://gitlab.com/grp/sub/proj"]),
        (
            "https://codeberg.org/o/r.git and https://bitbucket.org/o/r",
            False,
            ["https://codeberg.org/o/r", "https://bitbucket.org/o/r"],
        ),
        ("clone https://git.example.org/team/model.git", False, ["https://git.example.org/team/model.git"]),
        ("https://example.org/blog/post and https://github.com/EleutherAI", False, []),
        ("https://github.com/huggingface/transformers", False, []),
        ("file:///srv/repos/tinygpt", False, []),
        ("file:///srv/repos/tinygpt", True, ["file:///srv/repos/tinygpt"]),
        ("http://github.com/a/b https://github.com/a/b", False, ["https://github.com/a/b"]),
    ],
)
def test_which_links_are_code_repositories(text: str, allow_file: bool, found: list[str]) -> None:
    assert code_repos(text, allow_file=allow_file) == found


def test_cli_follow_code_end_to_end(hub: HubReplay, tmp_path: Path) -> None:
    url, sha = code_repo(tmp_path)
    hub.add_model(model_linking(url))
    args = ["assess", f"hf:{REPO_ID}", "--endpoint", hub.endpoint, "-f", "json"]
    runner = CliRunner()
    plain = runner.invoke(cli, [*args, "--no-follow"])
    followed = runner.invoke(cli, args)  # following is the default
    alias = runner.invoke(cli, [*args, "--follow-code"])  # the former opt-in is still accepted
    assert plain.exit_code == 0 and followed.exit_code == 0, followed.output
    assert (
        alias.exit_code == 0
        and json.loads(alias.stdout)["components"] == json.loads(followed.stdout)["components"]
    )
    before = {c["name"]: c for c in json.loads(plain.stdout)["components"]}
    after = {c["name"]: c for c in json.loads(followed.stdout)["components"]}
    assert before["Training code"]["status"] == "referenced"
    assert after["Training code"]["status"] == "included"
    assert after["Training code"]["licence_as_written"] == "MIT"
    assert after["Evaluation code"]["status"] == "included"
    assert any(sha in n for n in json.loads(followed.stdout)["notes"])


def test_the_scan_budgets_apply_to_a_followed_repository(hub: HubReplay, tmp_path: Path) -> None:
    url, _sha = code_repo(tmp_path)
    hub.add_model(model_linking(url))
    release = assess(hub, follow=True, max_files=2)
    assert state(release, "Training code") is Presence.REFERENCED
    assert state(release, "Evaluation code") is Presence.UNKNOWN  # not on the Hub, repo not fully read
    notes = release.notes
    assert f"Training code: the card links {url}, but training code could not be looked for there" in "".join(
        notes
    )
    assert any(n.startswith(f"code repository {url}: scan budget") for n in notes)


def test_card_text_that_cannot_be_read_follows_nothing_and_says_so(hub: HubReplay, tmp_path: Path) -> None:
    from ..sources_hf.replay import error_reply

    url, _sha = code_repo(tmp_path)
    model = model_linking(url)
    hub.add_model(model)
    hub.route(f"/{REPO_ID}/resolve/{model.sha}/README.md", error_reply(500, None, "boom"))
    release = assess(hub, follow=True, retries=0)
    assert "followed_code" not in release.extra
    assert "following code: the card text could not be read; no repository followed" in release.notes


def test_following_code_asks_the_hub_nothing_more(hub: HubReplay, tmp_path: Path) -> None:
    url, _sha = code_repo(tmp_path)
    hub.add_model(model_linking(url))
    assess(hub, follow=False, refresh=True)
    plain = hub.count()
    hub.reset()
    release = assess(hub, follow=True, refresh=True)
    assert hub.count() == plain and release.extra["followed_code"][0]["url"] == url


def test_past_the_time_bound_no_further_repository_is_started(
    hub: HubReplay, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openness.sources import follow

    url, _ = code_repo(tmp_path)
    hub.add_model(model_linking(url))
    monkeypatch.setattr(follow, "FOLLOW_SECONDS", -1.0)  # already over: nothing may start
    release = assess(hub, follow=True)
    assert "followed_code" not in release.extra
    assert f"not followed {url}: following took over -1 s" in release.notes
    train = release.component("Training code")
    assert train is not None and train.presence is Presence.REFERENCED and train.licence_unread
    assert state(release, "Evaluation code") is Presence.UNKNOWN


def test_a_followed_repository_is_scanned_within_the_follow_budget() -> None:
    from openness.sources.follow import FOLLOW_BUDGET, _budget

    large = _budget(CollectOptions(max_files=10**9, max_bytes=10**12, max_seconds=10**6))
    assert (large.max_files, large.max_bytes, large.max_seconds) == (
        FOLLOW_BUDGET.max_files,
        FOLLOW_BUDGET.max_bytes,
        FOLLOW_BUDGET.max_seconds,
    )
    small = _budget(CollectOptions(max_files=5, max_bytes=10, max_seconds=1.0))
    assert (small.max_files, small.max_bytes, small.max_seconds) == (5, 10, 1.0)  # the user's, when smaller
