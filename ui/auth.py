"""Sign-in for editors and admins: the sign-in page and form, sign-out, and `require_role`.

Viewers need nothing. A sign-in is a registry.auth.SignedIn kept in
st.session_state (server-side, per browser tab); every run re-checks it
against the database (expiry, disabled account, changed password, role).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from registry import auth
from registry.db import RegistryUnavailable, session_scope
from ui.lang import current_language
from views.text import t, term

STATE_KEY = "auth_signed_in"
ENDED_KEY = "auth_ended"
BANGKOK = ZoneInfo("Asia/Bangkok")

def _engine():
    """The process's one registry engine (ui.data owns it; imported here at call time
    because ui.data reads this module's sign-in key)."""
    from ui.data import engine as shared

    return shared()


def signed_in() -> auth.SignedIn | None:
    """The sign-in of this browser tab if it still holds; an ended one is forgotten."""
    held = st.session_state.get(STATE_KEY)
    if held is None:
        return None
    try:
        with session_scope(_engine()) as session:
            fresh = auth.current(session, held)
    except (RegistryUnavailable, SQLAlchemyError):
        # Nobody can change anything while the database is away; keep the sign-in for later.
        return None
    if fresh is None:
        del st.session_state[STATE_KEY]
        st.session_state[ENDED_KEY] = True
    else:
        st.session_state[STATE_KEY] = fresh
    return fresh


def _until(expires_at: dt.datetime) -> str:
    return expires_at.replace(tzinfo=dt.UTC).astimezone(BANGKOK).strftime("%H:%M")


def status(where=None, key: str = "sidebar") -> auth.SignedIn | None:
    """Who is signed in, with a sign-out button (nothing for a viewer); the sign-in or None."""
    where = where or st.sidebar
    lang = current_language()
    user = signed_in()
    if user is not None:
        where.caption(t("auth_signed_in", lang, name=user.username,
                          role=term("user_role", user.role, lang), until=_until(user.expires_at)))
        if where.button(t("auth_sign_out", lang), key=f"sign_out_{key}"):
            del st.session_state[STATE_KEY]
            st.rerun()
    return user


def ended_notice() -> None:
    """"Your sign-in has ended", on top of whatever page the user lands on, until read.

    Kept until dismissed (or a new sign-in): the page the user was on (import,
    admin) is no longer theirs, so Streamlit moves them to the overview, and a
    message shown only once would be lost on the way.
    """
    if not st.session_state.get(ENDED_KEY):
        return
    lang = current_language()
    notice = st.container()
    notice.warning(t("auth_ended", lang), icon="⏱️")
    notice.button(t("auth_ended_ok", lang), key="auth_ended_ok", on_click=_forget_ended)


def _forget_ended() -> None:
    st.session_state.pop(ENDED_KEY, None)


def sign_in_form(where=None, key: str = "page") -> auth.SignedIn | None:
    """The sign-in form, or who is signed in with sign-out; the sign-in or None.

    Keep it off pages with a map: st_folium reruns the app as it loads, and a
    form redrawn meanwhile loses what was typed into it.
    """
    where = where or st.container()
    lang = current_language()
    user = status(where, key)
    if user is not None:
        return user
    with where.form(f"sign_in_{key}", clear_on_submit=True):
        username = st.text_input(t("username", lang), key=f"sign_in_user_{key}",
                                 max_chars=100)
        password = st.text_input(t("password", lang), type="password",
                                 key=f"sign_in_password_{key}", max_chars=auth.PASSWORD_MAX)
        submitted = st.form_submit_button(t("page_sign_in", lang), type="primary")
    if submitted:
        try:
            with session_scope(_engine()) as session:
                user = auth.sign_in(session, username, password)
            if user is None:
                with session_scope(_engine()) as session:
                    paused = auth.paused_until(session, username)
        except (RegistryUnavailable, SQLAlchemyError) as error:
            where.warning(t("auth_no_database", lang, error=type(error).__name__), icon="🛑")
            return None
        if user is None:
            if paused is not None:
                where.error(t("auth_paused", lang, until=_until(paused)), icon="⏸️")
            else:
                where.error(t("auth_failed", lang), icon="🔒")
            return None
        st.session_state[STATE_KEY] = user
        st.session_state.pop(ENDED_KEY, None)
        st.rerun()
    return None


def require_role(role: str) -> auth.SignedIn:
    """The signed-in user if they hold `role` (or more); otherwise the page stops, saying why.

    A viewer gets the sign-in form right here, so the page itself is the way in.
    """
    lang = current_language()
    user = signed_in()
    if user is not None and auth.allows(user.role, role):
        return user
    st.info(t("auth_needs_admin" if role == "admin" else "auth_needs_editor", lang), icon="🔒")
    if user is None:
        sign_in_form()
    st.stop()
