"""Fuzz target parsing: git URLs (schemes, user info, hosts, ports, IPv6, revisions), Hub ids and URLs,
paths (too long, NUL, newlines, invalid names), through the real source registry. Nothing reaches the
network: the first git command and the first Hub request are replaced by a stop that counts as
"accepted" — what is fuzzed is everything before them. A secret in a URL never appears in an error."""

from __future__ import annotations

from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from openness.sources.hf.target import parse as parse_hub
from openness.sources.options import CollectOptions
from openness.sources.registry import collect

from .harness import Violation, check, fuzz_settings
from .strategies import nasty_text

SURFACE = "targets"
SECRET = "S3CR3Tx"


class _Reached(Exception):
    """The target was accepted: the collector was about to run git or ask the Hub."""


def _stop(*_args: object, **_kwargs: object) -> None:
    raise _Reached


SCHEMES = ["https://", "file://", "http://", "ssh://", "git://", "ext::", "HTTPS://", "", "hf:", "git@"]
USERS = ["", "", "user@", f"user:{SECRET}@", f"ghp_{SECRET}@", "@", ":@", f"oauth2:{SECRET}@", "a@b@"]
HOSTS = [
    "github.com",
    "huggingface.co",
    "hf.co",
    "[::1]",
    "[::1",
    "::1]",
    "[fe80::1%25eth0]",
    "[v1.x]",
    "localhost",
    "",
    "ex ample.com",
    "例え.jp",
    "%00",
    "a" * 300,
]
PORTS = ["", "", ":0", ":443", ":65535", ":65536", ":99999", ":-1", ":abc", ":", ":" + "9" * 30]
PATHS = [
    "/org/repo",
    "/org/repo.git",
    "/EleutherAI/pythia-160m",
    "",
    "/",
    "/../../etc",
    "/a b",
    "/org/repo/tree/main",
]
REVS = ["", "", "@main", "@", "@-x", "@--upload-pack=touch x", "@v1.0", "@" + "a" * 300, "@..", "@a b"]
QUERIES = ["", "", f"?token={SECRET}", f"?access_token={SECRET}&x=1", "#frag", "?"]

urls = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(SCHEMES),
    st.sampled_from(USERS),
    st.sampled_from(HOSTS) | nasty_text,
    st.sampled_from(PORTS),
    st.sampled_from(PATHS) | nasty_text,
    st.sampled_from(REVS) | nasty_text.map(lambda s: "@" + s),
    st.sampled_from(QUERIES),
)
paths = st.one_of(
    st.integers(1, 5000).map(lambda n: "a" * n),
    st.integers(1, 3000).map(lambda n: "a/" * n),
    nasty_text.map(lambda s: f"./{s}"),
    nasty_text.map(lambda s: f"{s}.yml"),
    nasty_text.map(lambda s: f"{s}.git"),
    st.sampled_from(
        ["", " ", "-", "--help", "/dev/null", "/proc/self/mem", "~", "x\x00y", "a\nb", "nowhere/.git"]
    ),
)
targets = st.one_of(urls, paths, nasty_text)


def _collect(target: str) -> None:
    with (
        mock.patch("openness.sources.git._git", _stop),
        mock.patch("openness.sources.hf.fetch.gather", _stop),
    ):
        try:
            collect(target, CollectOptions(offline=True, max_seconds=5))
        except _Reached:
            return
        except Exception as exc:
            if SECRET in str(exc) and SECRET in target:
                raise Violation(f"credential shown in the error: {str(exc)[:200]}") from None
            raise


@fuzz_settings()
@given(targets)
def test_generated_targets(target: str) -> None:
    check(SURFACE, target, lambda: _collect(target))


@fuzz_settings(0.3)
@given(st.builds("{}/{}".format, nasty_text, nasty_text) | st.text(max_size=120))
def test_hub_ids(body: str) -> None:
    for target in (f"hf:{body}", f"https://huggingface.co/{body}"):
        check(SURFACE, target, lambda target=target: parse_hub(target) and None)  # type: ignore[misc]
