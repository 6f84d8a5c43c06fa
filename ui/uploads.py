"""Files reach the server only from sessions signed in as editors.

Streamlit's upload endpoint (`/_stcore/upload_file/<session>/<file>`) stores a
file for any open session, with or without an uploader on its page: a viewer's
tab could keep adding files (each up to `server.maxUploadSize`) that stay in
memory until the tab closes. The file manager is wrapped once per process so
that a file is kept only for a session holding an editor's or admin's
sign-in that has not expired; others get HTTP 403 and nothing is stored. A
refused request still costs one read of at most maxUploadSize while it lasts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from registry.auth import allows
from ui.auth import STATE_KEY

GUARD_MARK = "_editors_only"


def may_upload(state: Mapping[str, Any] | None, now: dt.datetime | None = None) -> bool:
    """Whether a session (its session_state) holds an unexpired editor or admin sign-in.

    The sign-in is re-checked against the database on the session's next run; here
    (on the server's event loop) only what the session holds is read.
    """
    if state is None or STATE_KEY not in state:
        return False
    held = state[STATE_KEY]
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    return held is not None and allows(held.role, "editor") and now < held.expires_at


def guard(manager, state_of: Callable[[str], Mapping[str, Any] | None]) -> None:
    """Make `manager.add_file` refuse (403) sessions that `may_upload` refuses; once."""
    from starlette.exceptions import HTTPException

    if getattr(manager, GUARD_MARK, False):
        return
    add_file = manager.add_file

    def add_file_for_editors(session_id: str, file) -> None:
        if not may_upload(state_of(session_id)):
            raise HTTPException(status_code=403, detail="Sign in as an editor to upload files")
        add_file(session_id=session_id, file=file)

    manager.add_file = add_file_for_editors
    setattr(manager, GUARD_MARK, True)


def _session_state(session_id: str) -> Mapping[str, Any] | None:
    from streamlit.runtime import Runtime

    info = Runtime.instance()._session_mgr.get_active_session_info(session_id)
    return None if info is None else info.session.session_state


def refuse_uploads_without_editor() -> None:
    """Install the guard on this server's upload manager (nothing to do without a server)."""
    from streamlit.runtime import Runtime

    if Runtime.exists() and Runtime.instance().uploaded_file_mgr is not None:
        guard(Runtime.instance().uploaded_file_mgr, _session_state)
