"""Users of the registry's pages: made from the command line (``openness registry user add``), signed in
with a password of which only a salted scrypt hash is kept.

scrypt (``hashlib.scrypt``, memory-hard) with N=2^15, r=8, p=1 (32 MiB, twice the memory of the scrypt
paper's figures for interactive logins: Percival, "Stronger key derivation via sequential memory-hard
functions", 2009), a 16-byte random salt per password; the parameters are stored with the hash.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from openness.errors import InputError
from openness.store.models import User

N, R, P = 2**15, 8, 1
MAXMEM = 64 * 1024 * 1024
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
"""Characters a password has at least and at most (a bound on what is hashed)."""
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_DUMMY = f"scrypt${N}${R}${P}${'00' * 16}${'00' * 64}"
"""Checked against when the name is unknown, so an unknown name takes as long as a wrong password."""


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=N, r=R, p=P, maxmem=MAXMEM, dklen=32)
    return f"scrypt${N}${R}${P}${salt.hex()}${digest.hex()}"


def password_matches(stored: str, password: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt" or len(password) > MAX_PASSWORD:
            return False
        given = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), maxmem=MAXMEM, dklen=32
        )
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(given.hex(), digest)


def check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise InputError(
            f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters",
            where="password",
            hint="choose another",
        )


def check_name(name: str) -> None:
    if not NAME.fullmatch(name):
        raise InputError(
            "a user name is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
            where=repr(name),
        )


def find(session: Session, name: str) -> User | None:
    return session.scalars(select(User).where(User.name == name)).first()


def add(session: Session, name: str, password: str, *, maintainer: bool) -> User:
    check_name(name)
    check_password(password)
    if find(session, name) is not None:
        raise InputError(
            "this user exists", where=name, hint="'openness registry user password NAME' sets a new password"
        )
    user = User(name=name, password_hash=hash_password(password), maintainer=maintainer)
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, name: str, password: str) -> User:
    check_password(password)
    user = find(session, name)
    if user is None:
        raise InputError("no such user", where=name, hint="'openness registry user add NAME' makes one")
    user.password_hash = hash_password(password)
    return user


def authenticate(session: Session, name: str, password: str) -> User | None:
    """The user when the name and password match, else None (in about the same time either way)."""
    user = find(session, name) if NAME.fullmatch(name) else None
    if user is None:
        password_matches(_DUMMY, password)
        return None
    return user if password_matches(user.password_hash, password) else None


def stamp(user: User) -> str:
    """What a session keeps of the password hash: a new password ends every session signed in before."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]
