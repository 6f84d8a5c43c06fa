"""Test helper: run a page with AppTest on a registry of the test's own, as a visitor or signed in.

Every page test starts the same way: a seeded SQLite registry (made once per module when
the tests only read it), DATABASE_URL pointing at it, the page's caches told it changed,
then one run of the page checked for exceptions. These helpers are that start, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from registry.db import ensure_ready, session_scope
from registry.models import Organisation, PartnerRole, Programme
from registry.upsert import upsert_coverage, upsert_partner_role, upsert_programme, upsert_source
from tests.accounts import signed_in_as
from tests.painted import maps_painted
from ui import data as ui_data
from ui.auth import STATE_KEY

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGES = PROJECT_ROOT / "pages"


def page_path(name: str) -> str:
    """The script of page `name` ("overview", "edit", …) or of the entry ("dashboard")."""
    return str(PROJECT_ROOT / "dashboard.py") if name == "dashboard" else str(PAGES / f"{name}.py")


def seeded_registry(folder: Path, fill: Callable[[Session], object] | None = None) -> str:
    """The URL of a new seeded SQLite registry in `folder`; `fill` adds rows in one session."""
    url = f"sqlite:///{folder / 'registry.sqlite'}"
    engine = ensure_ready(url)
    if fill is not None:
        with session_scope(engine) as session:
            fill(session)
    engine.dispose()
    return url


def add_synthetic_programme(session: Session, slug: str, file_name: str, by: str,
                            **texts: str) -> None:
    """A synthetic programme (`texts`: its titles, description) funded by CODI in Chiang Mai
    (province 50), signed on 1 May 2020, cited to an edit named `file_name`."""
    source, _ = upsert_source(session, kind="edit", file_name=file_name, created_by=by)
    programme, _ = upsert_programme(session, slug, theme="other", status="active",
                                    signed_on=dt.date(2020, 5, 1), is_synthetic=True, **texts)
    codi = session.query(Organisation).filter_by(slug="codi").one()
    upsert_partner_role(session, programme_id=programme.id, organisation_id=codi.id,
                        role="funder", source_id=source.id)
    upsert_coverage(session, programme_id=programme.id, level="province", code="50",
                    status="active", year=2020, source_id=source.id, is_synthetic=True)


def programme_and_partners(session: Session, slug: str,
                           field=Organisation.slug) -> tuple[Programme, set]:
    """The programme `slug` and the `field` (slug, abbreviation …) of each of its partners."""
    programme = session.scalar(select(Programme).where(Programme.slug == slug))
    partners = set(session.scalars(select(field).join(
        PartnerRole, PartnerRole.organisation_id == Organisation.id).where(
        PartnerRole.programme_id == programme.id)))
    return programme, partners


def use_registry(url: str, monkeypatch) -> str:
    """Pages read `url` from now on, not a copy cached for another test's registry."""
    monkeypatch.setenv("DATABASE_URL", url)
    ui_data.registry_changed()
    return url


def own_registry(tmp_path: Path, monkeypatch) -> Engine:
    """A seeded registry for this test alone, read by the pages; its engine for the test's
    own reads and writes."""
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return ensure_ready(url)


def run_page(name: str, lang: str = "th", *, programme: str | None = None,
             user: tuple[Engine, str] | tuple[Engine, str, str] | None = None, errors: bool = False,
             painted: bool = True, timeout: int = 120) -> AppTest:
    """One run of page `name`, with no exception (and no error box unless `errors`).

    `lang`: through the URL (Thai, the default, leaves it out). `user`: (engine, name) or
    (engine, name, role) signs that account in first, an editor unless a role is given.
    `painted`: as if the browser had drawn the page's map.
    """
    app = AppTest.from_file(page_path(name), default_timeout=timeout)
    if painted:
        maps_painted(app)
    if lang != "th":
        app.query_params["lang"] = lang
    if programme is not None:
        app.query_params["programme"] = programme
    if user is not None:
        app.session_state[STATE_KEY] = signed_in_as(*user)
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    if not errors:
        assert not app.error, [e.value for e in app.error]
    return app
