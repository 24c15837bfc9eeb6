"""API tokens: ``PUBLIC.SECRET``, made with ``secrets``; only a salted sha256 of the secret is stored,
compared in constant time. The clear token is shown once, when it is made."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from openness.store.models import ApiToken


def _hash(salt: str, secret: str) -> str:
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


def create(session: Session, name: str) -> str:
    """Make a token; returns it in clear (the only time it exists in clear)."""
    public, secret, salt = secrets.token_hex(8), secrets.token_urlsafe(32), secrets.token_hex(16)
    session.add(ApiToken(public_id=public, name=name, salt=salt, secret_hash=_hash(salt, secret)))
    session.flush()
    return f"{public}.{secret}"


def verify(session: Session, token: str) -> ApiToken | None:
    """The token's row when the token is valid and not revoked, else None."""
    public, _, secret = token.partition(".")
    if not public or not secret or len(token) > 200:
        return None
    row = session.scalars(select(ApiToken).where(ApiToken.public_id == public)).first()
    if row is None or row.revoked_at is not None:
        return None
    return row if hmac.compare_digest(row.secret_hash, _hash(row.salt, secret)) else None
