"""What the registry accepts as a submitted target: hf: ids and https git URLs on the allow-list whose
host resolves only to global addresses. Everything else is refused in one line that says why. The
resolver is injected: no test resolves a real name."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from openness.errors import InputError
from openness.store.targets import DEFAULT_GIT_HOSTS, Policy, check, check_url, policy_from_env


def _resolver(answers: dict[str, list[str]]) -> tuple[Policy, list[str]]:
    asked: list[str] = []

    def resolve(host: str, port: int) -> Sequence[str]:
        asked.append(f"{host}:{port}")
        if host not in answers:
            raise OSError("Name or service not known")
        return answers[host]

    hosts = (*DEFAULT_GIT_HOSTS, "evil.example", "rebind.example", "v6.example", "gone.example")
    return Policy(git_hosts=hosts, resolve=resolve), asked


GLOBAL = {
    "github.com": ["140.82.121.3"],
    "codeberg.org": ["217.197.91.145", "2001:67c:1401:20f0::1"],
    "evil.example": ["10.0.0.1"],
    "rebind.example": ["93.184.216.34", "127.0.0.1"],
    "v6.example": ["::ffff:192.168.1.20"],
}


@pytest.mark.parametrize(
    ("given", "target", "key", "revision"),
    [
        ("hf:EleutherAI/pythia-70m", "hf:EleutherAI/pythia-70m", "hf:EleutherAI/pythia-70m", None),
        ("hf:org/model@v1.0", "hf:org/model@v1.0", "hf:org/model", "v1.0"),
        ("  hf:org/model  ", "hf:org/model", "hf:org/model", None),
        ("https://huggingface.co/org/model", "hf:org/model", "hf:org/model", None),
        ("https://huggingface.co/org/model/tree/main", "hf:org/model@main", "hf:org/model", "main"),
        ("https://github.com/org/repo", "https://github.com/org/repo", "git:github.com/org/repo", None),
        ("https://GitHub.com/org/repo.git/", "https://github.com/org/repo", "git:github.com/org/repo", None),
        (
            "https://github.com/org/repo@abc123",
            "https://github.com/org/repo@abc123",
            "git:github.com/org/repo",
            "abc123",
        ),
        (
            "https://codeberg.org/org/repo.git@v2",
            "https://codeberg.org/org/repo@v2",
            "git:codeberg.org/org/repo",
            "v2",
        ),
        ("https://github.com:443/org/repo", "https://github.com/org/repo", "git:github.com/org/repo", None),
    ],
)
def test_accepted_targets_are_normalised(given: str, target: str, key: str, revision: str | None) -> None:
    policy, _ = _resolver(GLOBAL)
    got = check(given, policy)
    assert (got.target, got.model_key, got.revision) == (target, key, revision)


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("file:///etc/passwd", "file:// URLs are refused"),
        ("http://127.0.0.1/", "http:// URLs are refused"),
        ("https://127.0.0.1/org/repo", "an address in place of a host name"),
        ("https://[::1]/org/repo", "an address in place of a host name"),
        ("https://evil.example/org/repo", "resolves to a private address 10.0.0.1"),
        ("https://rebind.example/org/repo", "resolves to a loopback address 127.0.0.1"),
        ("https://v6.example/org/repo", "resolves to a private address ::ffff:192.168.1.20"),
        ("https://gone.example/org/repo", "does not resolve"),
        ("ext::sh -c touch% /tmp/pwned", "ext:: are refused"),
        ("https://github.com/org/repo\nHost: x", "spaces or control characters"),
        ("ext::sh%20-c%20id", "ext:: are refused"),
        ("ssh://git@github.com/org/repo", "ssh:// URLs are refused"),
        ("git@github.com:org/repo.git", "ssh (user@host:path)"),
        ("git://github.com/org/repo", "git:// URLs are refused"),
        ("https://user:token@github.com/org/repo", "user info"),
        ("https://github.com@evil.example/org/repo", "user info"),
        ("https://github.com:8443/org/repo", "port 8443 is refused"),
        ("https://github.com/org/repo?x=1", "query or fragment"),
        ("https://example.org/org/repo", "not on the registry's list of git hosts"),
        ("https://github.com/../etc/passwd", "the path is not OWNER/REPOSITORY"),
        ("https://github.com/org", "the path is not OWNER/REPOSITORY"),
        ("https://github.com/org/repo@--upload-pack=x", "not a valid revision"),
        ("hf:../../etc/passwd", "not a Hub model id"),
        ("hf:org/model@--output=x", "not a valid revision"),
        ("https://huggingface.co/datasets/org/data", "openness assesses models"),
        ("/etc/passwd", "not an hf: id nor an https URL"),
        ("", "no target given"),
        ("hf:org/" + "m" * 3000, "longer than 2000 characters"),
    ],
)
def test_unsafe_targets_are_refused_in_one_line(given: str, says: str) -> None:
    policy, _ = _resolver(GLOBAL)
    with pytest.raises(InputError) as caught:
        check(given, policy)
    line = str(caught.value)
    assert says in line and "\n" not in line
    assert "token" not in line or "user info" in line  # a credential in the URL is never repeated
    assert "hf:ORG/NAME" in line  # what to submit instead


def test_hub_ids_resolve_nothing_and_git_hosts_are_resolved_on_port_443() -> None:
    policy, asked = _resolver(GLOBAL)
    check("hf:org/model", policy)
    assert asked == []
    check("https://github.com/org/repo", policy)
    assert asked == ["github.com:443"]


def test_followed_repositories_are_checked_the_same_way() -> None:
    policy, _ = _resolver(GLOBAL)
    assert check_url("https://github.com/org/repo.git", policy) == ("github.com", "/org/repo.git")
    with pytest.raises(InputError, match="private address"):
        check_url("https://evil.example/org/repo.git", policy)


def test_the_allow_list_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENNESS_REGISTRY_GIT_HOSTS", " git.example.org , Forge.Example.")
    assert policy_from_env().git_hosts == ("git.example.org", "forge.example")
    monkeypatch.delenv("OPENNESS_REGISTRY_GIT_HOSTS")
    assert policy_from_env().git_hosts == DEFAULT_GIT_HOSTS
