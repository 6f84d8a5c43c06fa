"""Faults: the database going away and coming back, a missing boundary source."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

import settings
from tests.conftest import TEST_POSTGRES_URL, _Postgres, _unique_name
from tests.tcp_proxy import TcpProxy

PROJECT_ROOT = Path(__file__).resolve().parent.parent

PROBE_PAGE = """
import streamlit as st
from ui.data import registry_changed, registry_data

registry_changed()  # skip the cache interval: read the database on every run
data = registry_data()
st.metric("programmes", len(data.programmes))
st.caption("stale" if data.stale else "fresh")
"""


@pytest.fixture
def proxied_postgres(monkeypatch):
    """A fresh PostgreSQL database reached through a relay the test can cut."""
    postgres = _Postgres()
    name = _unique_name("test_faults")
    postgres.create(name)
    server = make_url(TEST_POSTGRES_URL)
    proxy = TcpProxy(server.host or "127.0.0.1", server.port or 5432).start()
    url = server.set(host="127.0.0.1", port=proxy.port, database=name)
    monkeypatch.setenv(settings.DATABASE_URL_VAR, url.render_as_string(hide_password=False))
    yield proxy
    proxy.stop()
    postgres.drop(name)
    postgres.admin.dispose()


@pytest.mark.postgres
def test_database_outage_serves_last_data_read_only_and_recovers(proxied_postgres):
    app = AppTest.from_string(PROBE_PAGE, default_timeout=180)
    app.run()
    assert not app.exception
    assert app.metric[0].value == "5"
    assert app.caption[0].value == "fresh"

    proxied_postgres.stop()
    app.run()
    assert not app.exception
    assert app.metric[0].value == "5", "the last good copy is still shown"
    assert app.caption[0].value == "stale"
    assert "cannot be used" in app.warning[0].value
    assert "DATABASE_URL" in app.warning[0].value

    TcpProxy(proxied_postgres.target[0], proxied_postgres.target[1],
             port=proxied_postgres.port).start()
    app.run()
    assert not app.exception
    assert app.caption[0].value == "fresh"
    assert not app.warning


def test_unreachable_database_at_start_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(settings.DATABASE_URL_VAR, "postgresql://postgres@127.0.0.1:9/nowhere")
    app = AppTest.from_string(PROBE_PAGE, default_timeout=120).run()
    assert not app.exception
    assert "DATABASE_URL" in app.error[0].value
    assert "Traceback" not in app.error[0].value


def test_missing_boundary_source_names_the_fix(monkeypatch, tmp_path):
    monkeypatch.setenv(settings.BOUNDARY_SOURCE_VAR, str(tmp_path / "nowhere"))
    from ui import data

    data._source_key.clear()
    app = AppTest.from_file(str(PROJECT_ROOT / "pages" / "overview.py"), default_timeout=120).run()
    data._source_key.clear()
    assert not app.exception
    assert "BOUNDARY_SOURCE" in app.error[0].value
