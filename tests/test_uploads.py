"""Uploads are kept only for editors' sessions, and the server's upload limit is the import's."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from starlette.exceptions import HTTPException
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.uploaded_file_manager import UploadedFileRec

from loaders.reading import DEFAULT_LIMITS
from registry.auth import SignedIn
from ui.auth import STATE_KEY
from ui.uploads import guard, may_upload

ROOT = Path(__file__).resolve().parent.parent
LATER = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(hours=1)
SESSIONS = {
    "viewer": {},
    "editor": {STATE_KEY: SignedIn("editor1", "editor", LATER, "tag")},
    "admin": {STATE_KEY: SignedIn("boss", "admin", LATER, "tag")},
    "expired": {STATE_KEY: SignedIn("editor1", "editor", dt.datetime(2000, 1, 1), "tag")},
}


def _manager() -> MemoryUploadedFileManager:
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    guard(manager, SESSIONS.get)
    guard(manager, SESSIONS.get)  # installing twice wraps once
    return manager


@pytest.mark.parametrize(("session", "kept"), [("viewer", False), ("editor", True),
                                               ("admin", True), ("expired", False),
                                               ("closed", False)])
def test_only_signed_in_editors_can_store_an_upload(session, kept):
    manager = _manager()
    upload = UploadedFileRec(file_id="f1", name="a.csv", type="text/csv", data=b"x" * 45_000)
    if kept:
        manager.add_file(session_id=session, file=upload)
    else:
        with pytest.raises(HTTPException) as refused:
            manager.add_file(session_id=session, file=upload)
        assert refused.value.status_code == 403
    assert len(manager.get_files(session, ["f1"])) == int(kept)


def test_may_upload_reads_only_what_the_session_holds():
    assert not may_upload(None)
    assert may_upload(SESSIONS["editor"]) and not may_upload(SESSIONS["expired"])


def test_the_server_upload_limit_is_the_import_limit():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] * 2**20 == DEFAULT_LIMITS.max_bytes
