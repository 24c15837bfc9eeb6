"""Git targets: real repositories made in tmp_path, reached by file:// URL or path (no network)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from openness.cli.main import cli
from openness.domain.release import Presence
from openness.errors import InputError
from openness.sources import git
from openness.sources.options import CollectOptions
from openness.sources.registry import collect

from . import builders as b

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.mark.parametrize(
    ("target", "url", "rev"),
    [
        (
            "https://huggingface.co/EleutherAI/pythia-70m@step1000",
            "https://huggingface.co/EleutherAI/pythia-70m",
            "step1000",
        ),
        ("https://user@example.org/r.git", "https://user@example.org/r.git", None),
        ("https://user@example.org/r.git@v1.0", "https://user@example.org/r.git", "v1.0"),
        ("file:///tmp/x/repo.git@main", "file:///tmp/x/repo.git", "main"),
        ("/srv/repo.git", "/srv/repo.git", None),
        ("/srv/repo.git@abc123", "/srv/repo.git", "abc123"),
    ],
)
def test_split_target(target: str, url: str, rev: str | None) -> None:
    assert git.split_target(target) == (url, rev)


@pytest.mark.parametrize(
    ("target", "claimed"),
    [
        ("https://github.com/karpathy/nanoGPT", True),
        ("file:///tmp/r", True),
        ("/srv/r.git", True),
        ("/srv/r.git@step1", True),
        ("model.yml", False),
        ("/srv/folder", False),
    ],
)
def test_claims(target: str, claimed: bool) -> None:
    assert git.claims(target) is claimed


@pytest.mark.parametrize(
    ("ref", "is_step"),
    [
        ("step1000", True),
        ("step0", True),
        ("checkpoint-500", True),
        ("iter_0001000", True),
        ("global_step20", True),
        ("main", False),
        ("v1.0", False),
        ("stepping-stone", False),
        ("release-step", False),
    ],
)
def test_step_named_refs(ref: str, is_step: bool) -> None:
    assert bool(git.STEP_REF.match(ref)) is is_step


def test_checkpoints_as_branches_and_the_commit_named(tmp_path: Path) -> None:
    repo = b.hf_model_repo(tmp_path / "pythia-tiny")
    sha = b.git_repo(repo, branches=("step1000", "step2000"), tags=("checkpoint-final-3000", "v1.0"))
    url = repo.resolve().as_uri()
    release = collect(url, CollectOptions(explain=True))
    assert release.name == "pythia-tiny"
    commit = release.evidence[0]
    assert commit.locator == f"{url}@{sha}" and commit.rule == "git.commit"
    assert release.extra["git"]["commit"] == sha
    inter = release.component("Model parameters (Intermediate)")
    assert inter is not None and inter.presence is Presence.REFERENCED
    assert set(inter.locations) == {f"{url}@step1000", f"{url}@step2000", f"{url}@checkpoint-final-3000"}
    assert inter.licence == "apache-2.0"  # the card's licence for the model's weights
    assert all(e.source == "git" for c in release.components for e in c.evidence)
    final = release.component("Model parameters (Final)")
    assert final is not None and final.presence is Presence.INCLUDED


def test_revision_selects_a_branch(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    b.write(repo, "README.md", "# r\n")
    b.git_repo(repo)
    b.git(repo, "checkout", "-q", "-b", "with-training")
    b.write(repo, "train.py", "loss.backward()\n")
    b.git(repo, "add", "-A")
    b.git(repo, "commit", "-q", "-m", "training")
    branch_sha = b.git(repo, "rev-parse", "HEAD")
    b.git(repo, "checkout", "-q", "main")
    url = repo.resolve().as_uri()
    on_main = collect(url)
    on_branch = collect(f"{url}@with-training")
    assert on_main.component("Training code").presence is Presence.ABSENT  # type: ignore[union-attr]
    assert on_branch.component("Training code").presence is Presence.INCLUDED  # type: ignore[union-attr]
    assert on_branch.evidence[0].locator == f"{url}@{branch_sha}"
    assert on_branch.version == "with-training"


def test_bare_repository_path_ending_dot_git(tmp_path: Path) -> None:
    work = tmp_path / "work"
    b.training_repo(work)
    b.git_repo(work)
    bare = tmp_path / "tinygpt.git"
    b.git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    release = collect(str(bare))
    assert release.name == "tinygpt"
    assert release.component("Training code").presence is Presence.INCLUDED  # type: ignore[union-attr]


def test_lfs_files_stay_pointers(tmp_path: Path) -> None:
    repo = tmp_path / "lfs"
    b.write(repo, "model.safetensors", b.lfs_pointer(123456789))
    b.write(repo, ".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n")
    b.git_repo(repo)
    final = collect(repo.resolve().as_uri()).component("Model parameters (Final)")
    assert final is not None and final.presence is Presence.REFERENCED
    assert final.locations == (f"git-lfs:sha256:{b.SHA}",)


def test_clone_failure_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = (tmp_path / "nope.git").as_uri()
    with pytest.raises(InputError) as info:
        collect(missing)
    assert "git fetch failed" in str(info.value)
    result = CliRunner().invoke(cli, ["assess", missing, "--format", "json"])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("openness: error:")]
    assert len(errors) == 1 and "nope.git" in errors[0]
    assert "Traceback" not in result.output
    assert json.loads(result.stdout)["error"]


def test_unknown_revision_and_bad_revision(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    b.write(repo, "README.md", "# r\n")
    b.git_repo(repo)
    with pytest.raises(InputError, match="git fetch failed"):
        collect(f"{repo.resolve().as_uri()}@no-such-branch")
    with pytest.raises(InputError, match="unsupported URL scheme 'ssh'"):
        collect("ssh://host/r.git")
    with pytest.raises(InputError, match="not a valid revision"):
        collect(f"{repo.resolve().as_uri()}@--upload-pack=touch")


def test_revision_by_commit_sha(tmp_path: Path) -> None:
    repo = tmp_path / "r"
    b.write(repo, "README.md", "# r\n")
    first = b.git_repo(repo)
    b.write(repo, "generate.py", "model.generate(x)\n")
    b.git(repo, "add", "-A")
    b.git(repo, "commit", "-q", "-m", "inference")
    url = repo.resolve().as_uri()
    old = collect(f"{url}@{first}")
    assert old.evidence[0].locator == f"{url}@{first}"
    assert old.component("Inference code").presence is Presence.ABSENT  # type: ignore[union-attr]
    assert collect(url).component("Inference code").presence is Presence.INCLUDED  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:tok3n@example.org/r.git", "https://example.org/r.git"),  # user info removed whole
        ("https://:tok3n@example.org:8443/r", "https://example.org:8443/r"),
        ("https://example.org/r.git", "https://example.org/r.git"),
        ("/srv/r.git", "/srv/r.git"),
    ],
)
def test_credentials_never_reach_reports(url: str, shown: str) -> None:
    assert git.redact(url) == shown


def test_failure_message_hides_the_token(tmp_path: Path) -> None:
    target = "https://user:s3cret@localhost:9/none.git"
    with pytest.raises(InputError) as info:
        collect(target)
    assert "s3cret" not in str(info.value)
