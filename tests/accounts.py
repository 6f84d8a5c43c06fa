"""Test helper: an account in the registry and a live sign-in for it (for AppTest pages)."""

from __future__ import annotations

from registry import auth
from registry.db import session_scope

PASSWORD = "a long test password"


def signed_in_as(engine, name: str = "editor1", role: str = "editor") -> auth.SignedIn:
    """Creates the account (once) and signs it in, as the sidebar form would."""
    with session_scope(engine) as session:
        if not any(user["username"] == name for user in auth.users(session)):
            auth.create_user(session, name, PASSWORD, role, by="test")
    with session_scope(engine) as session:
        return auth.sign_in(session, name, PASSWORD)
