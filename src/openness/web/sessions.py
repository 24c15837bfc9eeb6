"""Signed session cookies for the registry's pages: who is signed in, and the form token (``forms``).

Starlette's ``SessionMiddleware`` keeps the session in one cookie signed with ``itsdangerous`` (HMAC;
the content is readable, not secret: only a user id, a password stamp and the form token go in it). The
cookie is HttpOnly and SameSite=Lax; ``Secure`` when the registry is served over HTTPS
(``$OPENNESS_SECURE_COOKIES=1``, ``openness serve --secure-cookies``).

The signing key: ``$OPENNESS_SECRET_KEY``, else a random key made once in the data folder
(``secret_key`` beside the default database, mode 0600) and read by every worker after.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from fastapi import FastAPI

from openness.errors import InputError

SECRET_ENV_VAR = "OPENNESS_SECRET_KEY"
SECURE_ENV_VAR = "OPENNESS_SECURE_COOKIES"
COOKIE = "openness_session"
MAX_AGE = 7 * 24 * 3600
"""Seconds a session lasts after it last changed (signing in, a first form)."""
MIN_SECRET = 32
"""Characters a given key needs at least (a short key can be guessed from a signed cookie)."""


def secret_file() -> Path:
    from openness.store.database import user_data_dir

    return user_data_dir() / "secret_key"


def secret_key() -> str:
    """The key that signs session cookies (see the module's docstring)."""
    given = os.environ.get(SECRET_ENV_VAR, "")
    if given:
        if len(given) < MIN_SECRET:
            raise InputError(
                f"the secret key is shorter than {MIN_SECRET} characters",
                where=f"${SECRET_ENV_VAR}",
                hint="python3 -c 'import secrets; print(secrets.token_hex(32))'",
            )
        return given
    return _key_file(secret_file())


def _key_file(path: Path) -> str:
    """Read the key file, making it first when there is none. Several workers may start at once: the
    key is written to a file of its own and linked into place, so a reader never sees half a key and the
    first link wins."""
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
            fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_hex(32))
            try:
                os.link(draft, path)
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        key = path.read_text("ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read or make the session key: {getattr(exc, 'strerror', None) or exc}",
            where=str(path),
            hint=f"set ${SECRET_ENV_VAR} or fix the folder's permissions",
        ) from exc
    if len(key) < MIN_SECRET:
        raise InputError(
            "the session key file is too short", where=str(path), hint="delete it and a new one is made"
        )
    return key


def secure_cookies() -> bool:
    return os.environ.get(SECURE_ENV_VAR, "") not in ("", "0", "false", "no")


def add_sessions(app: FastAPI, key: str, *, secure: bool) -> None:
    from starlette.middleware.sessions import SessionMiddleware

    app.add_middleware(
        SessionMiddleware,
        secret_key=key,
        session_cookie=COOKIE,
        max_age=MAX_AGE,
        same_site="lax",
        https_only=secure,
    )
