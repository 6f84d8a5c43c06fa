"""AppTest smoke test: the entry script and every page run without an exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.painted import maps_painted

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(PROJECT_ROOT).as_posix()
               for p in (PROJECT_ROOT / "pages").glob("*.py"))


@pytest.fixture(autouse=True)
def own_database(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'registry.sqlite'}")


@pytest.mark.parametrize("script", ["dashboard.py", *PAGES])
@pytest.mark.parametrize("lang", ["th", "en"])
def test_page_runs(script, lang):
    app = maps_painted(AppTest.from_file(str(PROJECT_ROOT / script), default_timeout=120))
    app.query_params["lang"] = lang
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def test_pages_run_in_english_when_the_registry_has_no_english_wording(tmp_path):
    """English titles, names and descriptions are optional: the Thai ones stand in."""
    from sqlalchemy import select, update

    from registry.db import ensure_ready, session_scope
    from registry.models import Network, Organisation, PartnerRole, Programme

    engine = ensure_ready(f"sqlite:///{tmp_path / 'registry.sqlite'}")
    with session_scope(engine) as session:
        session.execute(update(Programme).values(title_en=None, description_en=None))
        session.execute(update(Organisation).values(name_en=None, abbreviation=None))
        session.execute(update(PartnerRole).values(description=None))
        session.execute(update(Network).values(name_en=None))
        title_th = session.scalars(select(Programme.title_th).order_by(Programme.title_th)).first()
    engine.dispose()
    for script in ["dashboard.py", *PAGES]:
        app = maps_painted(AppTest.from_file(str(PROJECT_ROOT / script),
                                             default_timeout=120))
        app.query_params["lang"] = "en"
        app.run()
        assert not app.exception, (script, [e.message for e in app.exception])
        assert not app.error, (script, [e.value for e in app.error])
        shown = " ".join(str(getattr(e, "value", "")) for e in app.main)
        assert "nan" not in shown.split(), script
    programme = AppTest.from_file(str(PROJECT_ROOT / "pages/programme.py"), default_timeout=120)
    programme.query_params["lang"] = "en"
    programme.run()
    assert programme.title[0].value.replace("\\", "") == title_th  # Markdown-escaped

