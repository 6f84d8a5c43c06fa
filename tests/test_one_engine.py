"""One database engine (one connection pool) serves every page of a process."""

from __future__ import annotations

from registry import db
from tests.pages import own_registry, run_page
from ui import data as ui_data


def test_one_engine_serves_the_public_and_the_editors_pages(tmp_path, monkeypatch):
    registry = own_registry(tmp_path, monkeypatch)
    made = []
    make = db.get_engine

    def counted(url=None):
        made.append(make(url))
        return made[-1]

    monkeypatch.setattr(db, "get_engine", counted)
    run_page("overview", "en")
    run_page("edit", "en", user=(registry, "editor1"))
    run_page("import_data", "en", user=(registry, "editor1"))
    assert len(made) == 1
    assert ui_data.engine() is made[0]
