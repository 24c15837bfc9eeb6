"""Bounded, retried, cached reads from the Hugging Face Hub.

HTTP goes through ``huggingface_hub``'s shared httpx2 session (so its client factory, proxy settings
and HF_HUB_OFFLINE apply), its header builder (token from --token, HF_TOKEN or the login cache) and its
error classifier (gated, private, missing repo / revision / file). The API paths are the ones
``HfApi.model_info``, ``dataset_info`` and ``list_repo_refs`` use; openness sends them itself because
it needs what those methods do not give: a timeout on every call, bounded retries, bounded bodies, and
the raw body to cache by commit sha.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from openness import __version__
from openness.sources.bounded import ParseError, load_json
from openness.sources.hf.cache import Cache, is_sha
from openness.sources.options import CollectOptions

DEFAULT_ENDPOINT = "https://huggingface.co"
RETRY_STATUSES = (408, 429, 500, 502, 503, 504)
MAX_JSON_BYTES = 8 * 1024 * 1024
"""model_info with files metadata for a repo of thousands of files stays well under this."""
MAX_BACKOFF = 8.0


@dataclass(frozen=True, slots=True)
class FailedRequest:
    """A request that did not give what was asked, in one line, with what to do."""

    what: str
    url: str
    status: int | None
    error: str
    hint: str = ""
    kind: str = "http"
    """gated, denied, not-found, no-revision, no-file, rate-limited, server, timeout, network,
    malformed, too-large, offline, not-cached, http."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "url": self.url,
            "status": self.status,
            "error": self.error,
            "hint": self.hint,
            "kind": self.kind,
        }


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of one read: a body, or a failure; and whether the cache served it."""

    body: bytes | None = None
    failure: FailedRequest | None = None
    from_cache: bool = False
    truncated: bool = False
    url: str = ""

    @property
    def ok(self) -> bool:
        return self.body is not None


@dataclass
class RequestLog:
    """Every network request made (attempts counted one by one) and every cache hit."""

    network: int = 0
    cache_hits: int = 0
    failures: list[FailedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def sent(self) -> None:
        with self.lock:
            self.network += 1

    def hit(self) -> None:
        with self.lock:
            self.cache_hits += 1

    def failed(self, failure: FailedRequest) -> None:
        with self.lock:
            self.failures.append(failure)


class _Retryable(Exception):
    def __init__(self, status: int | None, error: str, retry_after: float | None = None) -> None:
        super().__init__(error)
        self.status = status
        self.error = error
        self.retry_after = retry_after


class HubClient:
    def __init__(
        self, options: CollectOptions, log: RequestLog | None = None, sleep: Any = time.sleep
    ) -> None:
        from huggingface_hub import constants

        self.options = options
        self.endpoint = (options.endpoint or constants.ENDPOINT or DEFAULT_ENDPOINT).rstrip("/")
        self.cache = Cache(None if options.cache_dir is None else Path(options.cache_dir))
        self.log = log if log is not None else RequestLog()
        self._sleep = sleep

    # ----- URLs -----------------------------------------------------------------------------------
    def repo_url(self, kind: str, repo_id: str) -> str:
        return f"{self.endpoint}/{'' if kind == 'model' else kind + 's/'}{repo_id}"

    def file_url(self, kind: str, repo_id: str, sha: str, path: str) -> str:
        return f"{self.repo_url(kind, repo_id)}/resolve/{sha}/{quote(path)}"

    # ----- reads ----------------------------------------------------------------------------------
    def info(self, kind: str, repo_id: str, revision: str | None) -> tuple[dict[str, Any] | None, Fetched]:
        """``/api/{kind}s/{repo}/revision/{rev}`` (with files metadata for models), cached at its sha."""
        rev = revision or "main"
        url = f"{self.endpoint}/api/{kind}s/{repo_id}/revision/{quote(rev, safe='')}"
        what = f"{kind} info {repo_id}@{rev}"
        if not self.options.refresh:
            sha = self.cache.get_ref(kind, repo_id, rev)
            body = self.cache.get(kind, repo_id, sha, "info.json") if sha else None
            if body is not None:
                data = _json_object(body)
                if data is not None:
                    self.log.hit()
                    return data, Fetched(body, from_cache=True, url=url)
        if self.options.offline:
            return None, self._fail(
                what,
                url,
                None,
                "not in the cache (--offline)",
                "run once without --offline to fill the cache",
                "not-cached",
            )
        fetched = self._get(what, url, {"blobs": "true"} if kind == "model" else None, MAX_JSON_BYTES)
        if fetched.body is None:
            return None, fetched
        data = _json_object(fetched.body)
        sha = data.get("sha") if data else None
        if data is None or fetched.truncated or not isinstance(sha, str) or not is_sha(sha):
            why = (
                "response too large"
                if fetched.truncated
                else (
                    "malformed JSON (truncated or not an object)"
                    if data is None
                    else "no commit sha in the response"
                )
            )
            return None, self._fail(
                what,
                url,
                200,
                why,
                "retry later; if it persists, report it to the Hub",
                "too-large" if fetched.truncated else "malformed",
            )
        self.cache.put(kind, repo_id, sha, "info.json", fetched.body)
        self.cache.put_ref(kind, repo_id, rev, sha)
        return data, fetched

    def refs(self, repo_id: str, sha: str) -> tuple[dict[str, Any] | None, Fetched]:
        """``/api/models/{repo}/refs`` (branches and tags), cached beside the commit assessed."""
        url = f"{self.endpoint}/api/models/{repo_id}/refs"
        fetched = self._cached_get(
            f"refs of {repo_id}", url, "model", repo_id, sha, "refs.json", MAX_JSON_BYTES
        )
        if fetched.body is None:
            return None, fetched
        data = _json_object(fetched.body)
        if data is None or fetched.truncated:
            return None, self._fail(
                f"refs of {repo_id}",
                url,
                200,
                "malformed JSON (truncated or not an object)",
                kind="malformed",
            )
        if not fetched.from_cache:
            self.cache.put("model", repo_id, sha, "refs.json", fetched.body)
        return data, fetched

    def file(self, kind: str, repo_id: str, sha: str, path: str, max_bytes: int) -> Fetched:
        """The first ``max_bytes`` of a file at a commit (never more is read)."""
        url = self.file_url(kind, repo_id, sha, path)
        fetched = self._cached_get(
            f"file {path} of {repo_id}", url, kind, repo_id, sha, "file-" + path, max_bytes
        )
        if fetched.body is not None and not fetched.from_cache:
            self.cache.put(kind, repo_id, sha, "file-" + path, fetched.body)
        return fetched

    # ----- machinery ------------------------------------------------------------------------------
    def _cached_get(
        self, what: str, url: str, kind: str, repo_id: str, sha: str, entry: str, max_bytes: int
    ) -> Fetched:
        if not self.options.refresh:
            body = self.cache.get(kind, repo_id, sha, entry)
            if body is not None:
                self.log.hit()
                return Fetched(body, from_cache=True, url=url, truncated=len(body) >= max_bytes)
        if self.options.offline:
            return self._fail(
                what,
                url,
                None,
                "not in the cache (--offline)",
                "run once without --offline to fill the cache",
                "not-cached",
            )
        return self._get(what, url, None, max_bytes)

    def _fail(
        self, what: str, url: str, status: int | None, error: str, hint: str = "", kind: str = "http"
    ) -> Fetched:
        failure = FailedRequest(what, url, status, error, hint, kind)
        self.log.failed(failure)
        return Fetched(failure=failure, url=url)

    def _get(self, what: str, url: str, params: dict[str, str] | None, max_bytes: int) -> Fetched:
        from huggingface_hub.errors import OfflineModeIsEnabled

        attempt = 0
        while True:
            attempt += 1
            try:
                return self._attempt(what, url, params, max_bytes)
            except OfflineModeIsEnabled:
                return self._fail(
                    what,
                    url,
                    None,
                    "HF_HUB_OFFLINE is set: huggingface_hub refuses every request",
                    "unset HF_HUB_OFFLINE, or use --offline to read the openness cache only",
                    "offline",
                )
            except _Retryable as exc:
                if attempt > self.options.retries:
                    tries = f"after {attempt} attempt{'s' if attempt > 1 else ''}"
                    hint = (
                        "rate limited: wait, or pass a token (--token / HF_TOKEN) for a higher limit"
                        if exc.status == 429
                        else "the Hub or the network is failing: retry later"
                    )
                    kind = (
                        "rate-limited"
                        if exc.status == 429
                        else "server"
                        if exc.status
                        else "timeout"
                        if exc.error.startswith("timed out")
                        else "network"
                    )
                    return self._fail(what, url, exc.status, f"{exc.error} {tries}", hint, kind)
                delay = min(self.options.backoff * 2 ** (attempt - 1), MAX_BACKOFF)
                if exc.retry_after is not None:
                    delay = min(max(delay, exc.retry_after), MAX_BACKOFF)
                self._sleep(delay)

    def _attempt(self, what: str, url: str, params: dict[str, str] | None, max_bytes: int) -> Fetched:
        import httpx2
        from huggingface_hub import get_session, hf_raise_for_status
        from huggingface_hub.errors import HfHubHTTPError
        from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]  # lazily re-exported

        headers = build_hf_headers(
            token=self.options.token, library_name="openness", library_version=__version__
        )
        self.log.sent()
        try:
            with get_session().stream(
                "GET", url, params=params, headers=headers, timeout=self.options.timeout
            ) as response:
                status = response.status_code
                body, truncated = _read_bounded(
                    response,
                    max_bytes if status < 400 else 64 * 1024,
                    time.monotonic() + 3 * self.options.timeout,
                )
                if status in RETRY_STATUSES:
                    raise _Retryable(
                        status, f"HTTP {status}", _retry_after(response.headers.get("Retry-After"))
                    )
                if status >= 400:
                    try:
                        hf_raise_for_status(response)
                    except HfHubHTTPError as exc:
                        error, hint, kind = _classify(
                            exc, status, self.endpoint, self.options.token is not None
                        )
                        return self._fail(what, url, status, error, hint, kind)
                    return self._fail(what, url, status, f"HTTP {status}")
                return Fetched(body, truncated=truncated, url=url)
        except httpx2.TimeoutException as exc:
            raise _Retryable(None, f"timed out ({type(exc).__name__})") from exc
        except httpx2.TransportError as exc:
            raise _Retryable(None, f"connection failed ({type(exc).__name__}: {exc})") from exc


def _read_bounded(response: Any, max_bytes: int, deadline: float) -> tuple[bytes, bool]:
    """At most ``max_bytes`` of the body, read before ``deadline`` (a body that trickles in byte by
    byte cannot hold a request for longer than three timeouts)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        if time.monotonic() > deadline:
            raise _Retryable(None, "timed out (body too slow)")
        chunks.append(chunk)
        size += len(chunk)
        if size >= max_bytes:
            return b"".join(chunks)[:max_bytes], True
    return b"".join(chunks), False


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def _classify(exc: Exception, status: int, endpoint: str, has_token: bool) -> tuple[str, str, str]:
    from huggingface_hub.errors import (
        GatedRepoError,
        RemoteEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    repo = getattr(exc, "repo_id", None)
    page = f"{endpoint}/{repo}" if repo else endpoint
    if isinstance(exc, GatedRepoError):
        return (
            f"gated (HTTP {status}): the files are behind the repository's access conditions",
            f"accept the conditions at {page}, then pass --token or set HF_TOKEN; the verdict is partial",
            "gated",
        )
    if isinstance(exc, RevisionNotFoundError):
        return f"no such revision (HTTP {status})", "check the branch, tag or commit sha", "no-revision"
    if isinstance(exc, RemoteEntryNotFoundError):
        return f"no such file (HTTP {status})", "", "no-file"
    token_hint = "check that your token has read access" if has_token else "pass --token or set HF_TOKEN"
    if isinstance(exc, RepositoryNotFoundError):
        if status == 404:
            return f"no such repository (HTTP {status})", "check the id", "not-found"
        return (
            f"no such repository, or it is private (HTTP {status})",
            f"check the id; if it is private, ask its owner for access and {token_hint}",
            "not-found",
        )
    if status in (401, 403):
        return f"access denied (HTTP {status})", f"{token_hint}; the verdict is partial", "denied"
    return f"HTTP {status}", "", "http"


def _json_object(body: bytes) -> dict[str, Any] | None:
    try:
        data = load_json(body)  # bounded depth and numbers: a hostile body is unreadable, not a crash
    except ParseError:
        return None
    return data if isinstance(data, dict) else None
