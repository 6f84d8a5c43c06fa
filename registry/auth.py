"""Editors and admins: accounts, argon2 password checks and sign-in sessions.

Viewers have no account. Passwords are kept only as argon2id hashes (argon2-cffi's
defaults). A sign-in is a `SignedIn` value held by the UI (Streamlit's
session_state, which lives on the server); `current` re-checks it on every run
against the database, so it ends when it expires, when the user is disabled or
when the password changes — and a role change applies at once.

Every change to an account is written to the audit log in the same transaction.
No function here ever stores or logs a plain password.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

import settings
from registry import audit
from registry.models import USER_ROLES, SignInThrottle, User

ROLE_RANK = {"viewer": 0, "editor": 1, "admin": 2}
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,49}$")
PASSWORD_MIN = 10
PASSWORD_MAX = 1024
# One message for an unknown user, a wrong password and a disabled account:
# a sign-in form must not tell a stranger which usernames exist.
SIGN_IN_FAILED = "wrong username or password"
# Guessing passwords online: this many checked attempts per account name (case-folded)
# per window, then a pause until the window ends. Refused attempts during a pause are not
# checked, and only the first of them is written to the audit log.
MAX_FAILURES = 10
FAILURE_WINDOW = dt.timedelta(minutes=15)


class AuthError(ValueError):
    """An account operation that cannot be done; the message says why and what to do."""


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _decoy_hash(hasher: PasswordHasher) -> str:
    """A hash to verify against when the user is unknown, so both cases take as long."""
    return hasher.hash(secrets.token_hex(16))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def normalise_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not USERNAME.match(name):
        raise AuthError(f"username {username!r} is not allowed: use 2–50 characters, a–z, 0–9, "
                        "dot, dash or underscore, starting with a letter or digit")
    return name


def check_password(password: str) -> None:
    if not isinstance(password, str) or len(password) < PASSWORD_MIN:
        raise AuthError(f"the password is too short: use at least {PASSWORD_MIN} characters")
    if len(password) > PASSWORD_MAX:
        raise AuthError(f"the password is too long: at most {PASSWORD_MAX} characters")
    if not password.strip():
        raise AuthError("the password cannot be only spaces")


def check_role(role: str) -> str:
    if role not in USER_ROLES:
        raise AuthError(f"role {role!r} is unknown: use {' or '.join(USER_ROLES)}")
    return role


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == normalise_username(username)))
    if user is None:
        raise AuthError(f"there is no user {username!r}; `python -m loaders users list` shows "
                        "them")
    return user


def _public(user: User) -> dict[str, object]:
    """What the audit log keeps of an account (never the hash)."""
    return {"username": user.username, "role": user.role, "disabled": user.disabled}


def create_user(session: Session, username: str, password: str, role: str,
                by: str) -> User:
    name = normalise_username(username)
    check_role(role)
    check_password(password)
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise AuthError(f"user {name!r} already exists; to change the password use "
                        f"`python -m loaders users passwd {name}`")
    user = User(username=name, role=role, password_hash=_hasher().hash(password),
                created_at=_now(), disabled=False)
    session.add(user)
    session.flush()
    audit.record(session, by, "user_add", "user", name, None, _public(user))
    return user


def verify(session: Session, username: str, password: str) -> User:
    """The active user with this password; AuthError(SIGN_IN_FAILED) otherwise.

    The work is the same whether or not the user exists (a decoy hash is
    verified), and argon2's comparison is constant-time.
    """
    try:
        name = normalise_username(username)
    except AuthError:
        name = None
    user = session.scalar(select(User).where(User.username == name)) if name else None
    stored = user.password_hash if user is not None else _decoy_hash(_hasher())
    try:
        _hasher().verify(stored, password or "")
        good = user is not None
    except (VerificationError, InvalidHashError):
        good = False
    if not good or user.disabled:
        raise AuthError(SIGN_IN_FAILED)
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = _hasher().hash(password)
    return user


def change_password(session: Session, username: str, new_password: str, by: str) -> User:
    """A new password; every sign-in made with the old one ends (see `current`)."""
    check_password(new_password)
    user = _user(session, username)
    user.password_hash = _hasher().hash(new_password)
    session.flush()
    audit.record(session, by, "user_passwd", "user", user.username, None,
                 {"password": "changed"})
    return user


def set_disabled(session: Session, username: str, disabled: bool, by: str) -> User:
    """Disable (or enable again) an account; a disabled user's sign-ins end at once."""
    user = _user(session, username)
    if disabled and user.role == "admin" and not user.disabled and _active_admins(session) <= 1:
        raise AuthError(f"{user.username!r} is the last active admin; add another admin first")
    before = _public(user)
    user.disabled = disabled
    session.flush()
    audit.record(session, by, "user_disable" if disabled else "user_enable", "user",
                 user.username, before, _public(user))
    return user


def _active_admins(session: Session) -> int:
    return len(session.scalars(select(User.id).where(User.role == "admin",
                                                     User.disabled.is_(False))).all())


def users(session: Session) -> list[dict[str, object]]:
    """Every account (no hashes), by name."""
    found = session.scalars(select(User).order_by(User.username)).all()
    return [{**_public(user), "created_at": user.created_at} for user in found]


# ---- sign-in sessions --------------------------------------------------------------------------

@dataclass(frozen=True)
class SignedIn:
    """One sign-in: who, with which role, until when (UTC), and a tag of the password it used."""

    username: str
    role: str
    expires_at: dt.datetime
    password_tag: str


def _tag(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def session_hours() -> float:
    return float(settings.session_hours())


def sign_in(session: Session, username: str, password: str,
            now: dt.datetime | None = None, hours: float | None = None) -> SignedIn | None:
    """Verify and start a sign-in that ends `hours` later at the latest; None when refused.

    Every checked attempt is audited (the caller commits either way). An attempt
    first reserves one of the account name's MAX_FAILURES checks in the window
    with a conditional UPDATE; the row stays locked until the caller commits, so
    simultaneous attempts queue and cannot check more passwords than the limit.
    A successful sign-in gives its reservation back. Once the checks are used
    up, attempts are refused unchecked until the window ends (`paused_until`).
    """
    started = now or _now()
    typed = str(username or "").strip()[:100]
    key = throttle_key(typed)
    if not _reserve_check(session, key, started):
        paused = session.execute(
            update(SignInThrottle).where(SignInThrottle.username == key,
                                         SignInThrottle.pause_logged.is_(False))
            .values(pause_logged=True)).rowcount
        if paused:
            audit.record(session, typed, "sign_in_paused", "user", typed, None,
                         {"until": paused_until(session, typed, started)}, at=started)
        return None
    try:
        user = verify(session, username, password)
    except AuthError:
        audit.record(session, typed, "sign_in_failed", "user", typed, None, None, at=started)
        return None
    session.execute(update(SignInThrottle).where(SignInThrottle.username == key)
                    .values(failures=SignInThrottle.failures - 1))
    audit.record(session, user.username, "sign_in", "user", user.username, None, None,
                 at=started)
    return SignedIn(user.username, user.role,
                    started + dt.timedelta(hours=session_hours() if hours is None else hours),
                    _tag(user.password_hash))


def throttle_key(username: str) -> str:
    """The account name attempts are counted under: `EDITOR1` and `editor1` are one."""
    return str(username or "").strip().casefold()[:100]


def _reserve_check(session: Session, key: str, now: dt.datetime) -> bool:
    """Take one of the name's checks in the current window; False when none is left."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    # A write first: SQLite then takes its write lock at once (no read-to-write upgrade).
    session.execute(dialect.insert(SignInThrottle)
                    .values(username=key, failures=0, window_started_at=now, pause_logged=False)
                    .on_conflict_do_nothing(index_elements=["username"]))
    session.execute(update(SignInThrottle).where(
        SignInThrottle.username == key,
        SignInThrottle.window_started_at <= now - FAILURE_WINDOW)
        .values(failures=0, window_started_at=now, pause_logged=False))
    return bool(session.execute(
        update(SignInThrottle).where(SignInThrottle.username == key,
                                     SignInThrottle.failures < MAX_FAILURES)
        .values(failures=SignInThrottle.failures + 1)).rowcount)


def paused_until(session: Session, username: str,
                 now: dt.datetime | None = None) -> dt.datetime | None:
    """When sign-ins for this account name resume (UTC), or None if they are not paused."""
    now = now or _now()
    row = session.get(SignInThrottle, throttle_key(username))
    if row is None or row.failures < MAX_FAILURES:
        return None
    until = row.window_started_at + FAILURE_WINDOW
    return until if until > now else None


def current(session: Session, signed_in: SignedIn | None,
            now: dt.datetime | None = None) -> SignedIn | None:
    """The sign-in if it still holds (not expired, user active, same password), else None.

    The role is read afresh, so a promotion or demotion applies on the next run.
    """
    if signed_in is None or (now or _now()) >= signed_in.expires_at:
        return None
    user = session.scalar(select(User).where(User.username == signed_in.username))
    if user is None or user.disabled or _tag(user.password_hash) != signed_in.password_tag:
        return None
    if user.role != signed_in.role:
        return SignedIn(user.username, user.role, signed_in.expires_at, signed_in.password_tag)
    return signed_in


def allows(role: str | None, needed: str) -> bool:
    """Whether `role` (None = a viewer) may do what `needed` may."""
    return ROLE_RANK.get(role or "viewer", 0) >= ROLE_RANK[needed]
