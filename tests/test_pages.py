"""AppTest smoke test: the entry script and every page run without an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(PROJECT_ROOT).as_posix()
               for p in (PROJECT_ROOT / "pages").glob("*.py"))


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'registry.sqlite'}")


@pytest.mark.parametrize("script", ["dashboard.py", *PAGES])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_page_runs(script, lang):
    app = AppTest.from_file(str(PROJECT_ROOT / script), default_timeout=120)
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]
