"""Text from a release made safe to keep and to show: the one place for it.

Every string a collector puts into the domain (names, licence strings, paths, URLs, evidence, notes)
passes through ``clean`` when the value is built, so every renderer gets text that

- encodes as UTF-8 (lone surrogates such as ``"\\ud800"`` are written as the visible escape
  ``\\ud800``), and cannot drive a terminal (control characters, DEL, C1 controls and the bidi
  overrides are written as visible escapes such as ``\\x1b``); a multi-line field keeps its line
  breaks and tabs;
- holds no credentials: URLs lose their user info (``user:pass@``, a token as the user name) and
  their secret query or fragment parameters (``token``, ``access_token``, ``private_token`` …),
  see ``redact_url``;
- is of bounded length: past ``SHORT_LIMIT`` characters (names, licences, paths, URLs) or
  ``LONG_LIMIT`` (descriptions, evidence, notes) a field is cut and ends with the visible marker
  ``… (N more characters)``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

SHORT_LIMIT = 2_000
"""Characters kept of a one-line field: a name, version, licence string, path, URL or locator."""
LONG_LIMIT = 20_000
"""Characters kept of a free-text field: a description, an evidence detail, a note."""
MAX_NESTING = 64
"""Levels of nested record fields cleaned (the YAML and JSON readers allow no more)."""

# Never kept raw: C0 and C1 controls, DEL, lone surrogates, Unicode line and paragraph separators,
# bidi embeddings, overrides and isolates. A multi-line field keeps tab and line feed.
_NEVER = "\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_ONE_LINE = re.compile(f"[\x00-\x1f{_NEVER}]")
_UNSAFE_MULTI_LINE = re.compile(f"[\x00-\x08\x0b-\x1f{_NEVER}]")
# A scheme is short (RFC 3986 allows any length; none in use is over 32): the bound keeps the search
# linear where a long run of letters is not followed by '://'.
_URL = re.compile(r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s<>\"'`]+")
# 'user:password@host' outside a scheme://URL: git's transport::address form (ext::, fd::) and scp-like
# addresses carry user info too; the password goes with its user.
_USER_PASSWORD = re.compile(r"(?<![\w.%+-])[\w.%+-]{1,256}:[^\s@/:]{1,1024}@")
_TRANSPORT_USER = re.compile(r"::[^\s@/]{1,1024}@")
"""git's transport::address form with user info (a token as the user name): 'ext::TOKEN@host'."""
_TOKEN_USER = re.compile(r"(?<![\w.%+:/@-])[\w.%+-]{8,1024}@(?=[\w-]+\.[\w.-]+[/:])")
"""A long user name before a host and a path, outside a URL: 'TOKEN@host/path' (scp-like addresses use
short names such as 'git@'; an e-mail address has no path after it)."""
_PARAM = re.compile(r"([?&;#])([\w.%-]{1,64})=[^&;#\s]{0,4096}")
_PERCENT = re.compile(r"%([0-9A-Fa-f]{2})")
_SECRET_WORDS = ("token", "secret", "password", "passwd", "signature", "credential", "apikey", "api_key")
_SECRET_NAMES = frozenset({"key", "api-key", "auth", "authorization", "pwd", "sig", "jwt", "access_key"})


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _secret(name: str) -> bool:
    key = _PERCENT.sub(lambda m: chr(int(m.group(1), 16)), name).strip().lower()
    return key in _SECRET_NAMES or any(word in key for word in _SECRET_WORDS)


def _without_secrets(params: str) -> str:
    kept = [p for p in re.split(r"[&;]", params) if not _secret(p.split("=", 1)[0])]
    return "&".join(kept)


def redact_url(url: str) -> str:
    """``url`` without credentials: no user info, no secret query or fragment parameters. Never raises
    (the URL is not validated: a port out of range or a broken host stays as written)."""
    scheme_end = url.find("://")
    if scheme_end < 0:
        return url
    start = scheme_end + 3
    end = len(url)
    for sep in "/?#":
        pos = url.find(sep, start)
        if 0 <= pos < end:
            end = pos
    at = url.rfind("@", start, end)
    if at >= 0:
        url = url[:start] + url[at + 1 :]
    base, hash_mark, fragment = url.partition("#")
    path, question, query = base.partition("?")
    if question:
        query = _without_secrets(query)
        base = f"{path}?{query}" if query else path
    if hash_mark and "=" in fragment:
        fragment = _without_secrets(fragment)
        return f"{base}#{fragment}" if fragment else base
    return f"{base}{hash_mark}{fragment}"


def redact_urls(text: str) -> str:
    """Every URL in ``text`` without credentials (see ``redact_url``), and no 'user:password@' nor secret
    query parameter elsewhere (a URL cut by a space still carries its '?token=')."""
    if "@" in text:
        text = _TOKEN_USER.sub("", _TRANSPORT_USER.sub("::", _USER_PASSWORD.sub("", text)))
    if "=" in text:
        text = _PARAM.sub(lambda m: "" if _secret(m.group(2)) else m.group(), text)
    if "://" not in text:
        return text
    return _URL.sub(lambda m: redact_url(m.group()), text)


_TARGET_PREFIX = re.compile(r"[A-Za-z][\w+.-]{0,31}::?")
_TOKEN_LIKE = re.compile(r"(?=.*\d)[\w.~-]{8,}")


def redact_target(target: str) -> str:
    """A target as it may be shown: user info removed from its first segment (before the path), also
    where it is not a whole URL — 'user:password@', 'oauth2:TOKEN@', a token as the user name
    ('ghp_…@', eight or more characters with a digit). Short names such as 'git@' and revisions after
    the path ('…/repo@v1.0', 'model.git@v1') are kept. Then cleaned as any text (``clean``)."""
    scheme = target.find("://")
    start = scheme + 3 if scheme >= 0 else 0
    slash = target.find("/", start)
    end = slash if slash >= 0 else len(target)
    head = target[start:end]
    if "@" in head:
        prefix = _TARGET_PREFIX.match(head) if scheme < 0 else None  # 'hf:', git's 'ext::'
        if prefix is not None:
            start += prefix.end()
            head = head[prefix.end() :]
        pieces = head.split("@")
        kept = [pieces[-1]] + [p for p in pieces[:-1][::-1] if ":" not in p and not _TOKEN_LIKE.fullmatch(p)]
        target = target[:start] + "@".join(kept[::-1]) + target[end:]
    return clean(target)


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the last of them a visible marker saying how much
    was left out (so cutting again changes nothing)."""
    if len(text) <= limit:
        return text
    keep = limit - 40  # room for the marker, whose number has at most 15 digits
    return f"{text[:keep]}… ({len(text) - keep:,} more characters)"


def clean(text: str, limit: int = SHORT_LIMIT, multiline: bool = False) -> str:
    """``text`` safe to keep and show: escaped, without credentials, at most ``limit`` characters
    (the marker included). Escaping and redaction come before the cut, so a cut can neither leave
    half a credential behind nor make the text longer again; all three are linear in the text."""
    if not multiline:  # a block scalar's last line break means nothing in a one-line field
        text = text.strip("\r\n")
    unsafe = _UNSAFE_MULTI_LINE if multiline else _UNSAFE_ONE_LINE
    if unsafe.search(text) is not None:
        text = unsafe.sub(_escape, text)
    return cut(redact_urls(text), limit)


def clean_optional(text: str | None, limit: int = SHORT_LIMIT) -> str | None:
    return None if text is None else clean(text, limit)


def clean_value(value: Any, depth: int = 0) -> Any:
    """A record field kept as read (mapping, list, scalar), with every string in it cleaned."""
    if isinstance(value, str):
        return clean(value, LONG_LIMIT, multiline=True)
    if depth >= MAX_NESTING:
        return clean(repr(value), SHORT_LIMIT) if isinstance(value, (Mapping, list, tuple)) else value
    if isinstance(value, Mapping):
        return {clean(k) if isinstance(k, str) else k: clean_value(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_value(v, depth + 1) for v in value]
    if isinstance(value, tuple):
        return tuple(clean_value(v, depth + 1) for v in value)
    return value
