"""Which targets the registry accepts from the public: SSRF-safe by construction.

Only two forms, checked in this order:

1. ``hf:ORG/NAME[@REV]`` (or ``https://huggingface.co/ORG/NAME[/tree/REV]``, read as the same id): a
   Hub id, fetched from the Hub the operator configured; no host comes from the submitter.
2. ``https://HOST/PATH[@REV]``: a git repository on the allow-list of hosts (``DEFAULT_GIT_HOSTS``, or
   ``$OPENNESS_REGISTRY_GIT_HOSTS``, comma-separated). Refused: any other scheme (``file://``,
   ``http://``, ``ssh://``, ``git://``, scp-like ``user@host:path``, ``ext::`` transports), user info,
   an explicit port other than 443, a query or fragment, an address in place of a host name, and a host
   any of whose addresses is private, loopback, link-local, multicast, reserved or otherwise not global
   once resolved (``socket.getaddrinfo``; tests inject a resolver).

Pure validation plus the injected resolver; the same check runs when a job is submitted, again when a
worker starts it (the name may resolve elsewhere by then), and on every repository a model card makes
the worker follow (``CollectOptions.url_guard``). What remains: git resolves the name once more when it
connects, so a name that changes its answer within that second is not caught; the allow-list of
well-known forges is the defence there.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from openness.errors import InputError

DEFAULT_GIT_HOSTS = (
    "github.com",
    "gitlab.com",
    "codeberg.org",
    "bitbucket.org",
    "huggingface.co",
    "git.sr.ht",
)
HOSTS_ENV_VAR = "OPENNESS_REGISTRY_GIT_HOSTS"
MAX_TARGET = 2000
"""Characters of a submitted target (longer is refused whole)."""
HINT = "submit hf:ORG/NAME[@REVISION] or https://HOST/OWNER/REPO[@REVISION] on an allowed host"
_HUB_HOSTS = ("huggingface.co", "www.huggingface.co", "hf.co")
_REVISION = re.compile(r"^[A-Za-z0-9._/-]{1,128}$")
_PATH = re.compile(r"^(/[A-Za-z0-9._~-]+){2,8}/?$")

Resolver = Callable[[str, int], Sequence[str]]
"""host, port → the addresses it resolves to (raises OSError when it does not resolve)."""


def system_resolver(host: str, port: int) -> list[str]:
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


@dataclass(frozen=True, slots=True)
class Policy:
    git_hosts: tuple[str, ...] = DEFAULT_GIT_HOSTS
    resolve: Resolver = field(default=system_resolver)


def policy_from_env() -> Policy:
    given = os.environ.get(HOSTS_ENV_VAR, "")
    hosts = tuple(h.strip().lower().rstrip(".") for h in given.split(",") if h.strip())
    return Policy(git_hosts=hosts or DEFAULT_GIT_HOSTS)


@dataclass(frozen=True, slots=True)
class Target:
    """A submitted target, checked and normalised."""

    target: str
    """What the worker hands ``openness.service``: ``hf:ORG/NAME[@REV]`` or ``https://HOST/PATH[@REV]``."""
    model_key: str
    """The model identity it is stored under: ``hf:ORG/NAME`` or ``git:HOST/PATH``."""
    revision: str | None
    """The revision asked for (None: the default branch)."""


def _refuse(message: str, where: str) -> InputError:
    from openness.domain.text import clean

    return InputError(message, where=clean(where, 200), hint=HINT)


def check(text: str, policy: Policy) -> Target:
    """The normalised target, or an InputError saying in one line why it is refused."""
    raw = text.strip()
    if not raw:
        raise _refuse("no target given", "target")
    if len(raw) > MAX_TARGET:
        raise _refuse(f"the target is longer than {MAX_TARGET} characters", raw)
    lower = raw.lower()
    if "::" in lower.split("/", 1)[0]:
        raise _refuse("git transports such as ext:: are refused (they run commands)", raw)
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in raw):
        raise _refuse("the target contains spaces or control characters", raw)
    if lower.startswith("hf:"):
        return _hub(raw)
    scheme = lower.split("://", 1)[0] if "://" in lower else ""
    if not scheme:
        if re.match(r"^[^/@:]+@[^/:]+:", raw):
            raise _refuse("ssh (user@host:path) URLs are refused; give the https URL", raw)
        raise _refuse("not an hf: id nor an https URL", raw)
    if scheme != "https":
        raise _refuse(f"{scheme}:// URLs are refused; only https git URLs are read", raw)
    from openness.sources.git import split_target

    url, revision = split_target(raw)
    hub_host = (urlsplit(url).hostname or "").lower() in _HUB_HOSTS
    host, path = check_url(url, policy, resolve=not hub_host)  # a Hub URL is read as its hf: id
    if revision is not None and (not _REVISION.match(revision) or revision.startswith("-")):
        raise _refuse("not a valid revision after '@' (a branch, tag or commit)", raw)
    if hub_host:
        parts = [p for p in path.split("/") if p]
        if parts[:1] in (["datasets"], ["spaces"]) or len(parts) not in (2, 4):
            raise _refuse("openness assesses models: give huggingface.co/ORG/NAME", raw)
        if len(parts) == 4 and parts[2] not in ("tree", "commit"):
            raise _refuse("a Hub URL names a model, or a model at /tree/REVISION", raw)
        rev = parts[3] if len(parts) == 4 else revision
        return _hub(f"hf:{parts[0]}/{parts[1]}" + (f"@{rev}" if rev else ""))
    repo = path.rstrip("/").removesuffix(".git")
    return Target(
        target=f"https://{host}{repo}" + (f"@{revision}" if revision else ""),
        model_key=f"git:{host}{repo}",
        revision=revision,
    )


def _hub(raw: str) -> Target:
    from openness.sources.hf.target import parse

    body = raw[3:]
    try:
        hub = parse("hf:" + body)
    except InputError as exc:
        raise _refuse(exc.message, raw) from None
    if hub.revision is not None and (not _REVISION.match(hub.revision) or hub.revision.startswith("-")):
        raise _refuse("not a valid revision after '@' (a branch, tag or commit)", raw)
    return Target(target=hub.label, model_key=f"hf:{hub.repo_id}", revision=hub.revision)


def check_url(url: str, policy: Policy, resolve: bool = True) -> tuple[str, str]:
    """(host, path) of an https URL the registry may fetch: an allowed host, no user info, no port but
    443, no query, a plain repository path, and only global addresses. InputError otherwise."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise _refuse("not a valid URL", url) from None
    if parts.scheme.lower() != "https":
        raise _refuse(f"{parts.scheme or 'scheme-less'} URLs are refused; only https is read", url)
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        raise _refuse("URLs with user info (user@ or user:password@) are refused", url)
    if port is not None and port != 443:
        raise _refuse(f"port {port} is refused; only the default https port is read", url)
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise _refuse("URLs with a query or fragment are refused", url)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise _refuse("the URL names no host", url)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        raise _refuse("an address in place of a host name is refused", url)
    if host not in policy.git_hosts and not (host in _HUB_HOSTS and not resolve):
        raise _refuse(
            f"{host} is not on the registry's list of git hosts ({', '.join(policy.git_hosts)})", url
        )
    path = parts.path
    if not _PATH.match(path) or any(seg in (".", "..") for seg in path.split("/")):
        raise _refuse("the path is not OWNER/REPOSITORY (letters, digits, '.', '_', '~', '-')", url)
    if resolve:
        _check_addresses(host, policy.resolve, url)
    return host, path


def _check_addresses(host: str, resolve: Resolver, where: str) -> None:
    try:
        addresses = list(resolve(host, 443))
    except (OSError, UnicodeError) as exc:
        raise _refuse(f"{host} does not resolve ({exc.__class__.__name__})", where) from None
    if not addresses:
        raise _refuse(f"{host} does not resolve", where)
    for text in addresses:
        why = refused_address(text)
        if why:
            raise _refuse(f"{host} resolves to {why} address {text}, which the registry never fetches", where)


def refused_address(text: str) -> str | None:
    """Why an address is not fetched (``"a private"`` …), or None for a global unicast address."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return "an unreadable"
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for name, flag in (
        ("a loopback", address.is_loopback),
        ("a link-local", address.is_link_local),
        ("a multicast", address.is_multicast),
        ("a private", address.is_private),
        ("a reserved", address.is_reserved),
        ("an unspecified", address.is_unspecified),
    ):
        if flag:
            return name
    return None if address.is_global else "a non-global"


def url_guard(policy: Policy) -> Callable[[str], None]:
    """A check for ``CollectOptions.url_guard``: every repository a collector is about to fetch."""

    def guard(url: str) -> None:
        check_url(url, policy)

    return guard
