"""Faults: the database going away and coming back, a missing boundary source."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

import settings
from registry.auth import SignedIn
from tests.conftest import TEST_POSTGRES_URL, _Postgres, _unique_name
from tests.tcp_proxy import TcpProxy
from ui.auth import STATE_KEY

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
    assert "cannot be reached right now" in app.warning[0].value
    _no_connection_details(app.warning[0].value, proxied_postgres)

    TcpProxy(proxied_postgres.target[0], proxied_postgres.target[1],
             port=proxied_postgres.port).start()
    app.run()
    assert not app.exception
    assert app.caption[0].value == "fresh"
    assert not app.warning


def _no_connection_details(text: str, proxy: TcpProxy) -> None:
    url = make_url(os.environ[settings.DATABASE_URL_VAR])
    for detail in (str(proxy.port), url.host, url.username, url.database):
        assert detail not in text, f"{detail!r} shown to a viewer"


@pytest.fixture
def short_timeouts(monkeypatch):
    monkeypatch.setenv(settings.DB_CONNECT_TIMEOUT_VAR, "2")
    monkeypatch.setenv(settings.DB_STATEMENT_TIMEOUT_VAR, "2")


@pytest.mark.postgres
def test_a_database_that_stops_answering_gives_the_banner_within_seconds(short_timeouts,
                                                                         proxied_postgres):
    app = AppTest.from_string(PROBE_PAGE, default_timeout=180)
    app.run()
    assert app.caption[0].value == "fresh"

    proxied_postgres.stall()
    started = time.monotonic()
    app.run()
    waited = time.monotonic() - started
    assert not app.exception
    assert app.caption[0].value == "stale" and app.metric[0].value == "5"
    assert waited < 15, f"the page waited {waited:.0f} s for a silent server"
    _no_connection_details(app.warning[0].value, proxied_postgres)

    # An admin's tab sees where the database is.
    admin = AppTest.from_string(PROBE_PAGE, default_timeout=180)
    admin.session_state[STATE_KEY] = SignedIn("boss", "admin", dt.datetime(2100, 1, 1), "tag")
    admin.run()
    assert f"127.0.0.1:{proxied_postgres.port}" in admin.warning[0].value


@pytest.mark.postgres
def test_export_from_a_silent_database_exits_with_a_message(short_timeouts, proxied_postgres,
                                                            tmp_path, capsys):
    from loaders.cli import main

    url = os.environ[settings.DATABASE_URL_VAR]
    assert main(["export", str(tmp_path / "first"), "--database-url", url]) == 0
    proxied_postgres.stall()
    started = time.monotonic()
    code = main(["export", str(tmp_path / "second"), "--database-url", url])
    assert code == 2 and time.monotonic() - started < 30
    error = capsys.readouterr().err
    assert error.startswith("export failed: ") and "Traceback" not in error


def test_unreachable_database_at_start_is_a_clear_error(monkeypatch):
    monkeypatch.setenv(settings.DATABASE_URL_VAR, "postgresql://postgres@127.0.0.1:9/nowhere")
    app = AppTest.from_string(PROBE_PAGE, default_timeout=120).run()
    assert not app.exception
    assert "cannot be reached right now" in app.error[0].value
    assert "nowhere" not in app.error[0].value and "Traceback" not in app.error[0].value


def test_missing_boundary_source_names_the_fix(monkeypatch, tmp_path):
    monkeypatch.setenv(settings.BOUNDARY_SOURCE_VAR, str(tmp_path / "nowhere"))
    from ui import data

    data._source_key.clear()
    app = AppTest.from_file(str(PROJECT_ROOT / "pages" / "overview.py"), default_timeout=120).run()
    data._source_key.clear()
    assert not app.exception
    assert "BOUNDARY_SOURCE" in app.error[0].value


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql://editor:p@ss@db.example:5432/registry", "postgresql://db.example:5432/registry"),
    ("postgresql+psycopg://u:secretpw@10.0.0.5/reg?sslmode=require", "postgresql+psycopg://10.0.0.5/reg"),
    ("sqlite:////srv/registry.sqlite", "sqlite:////srv/registry.sqlite"),
])
def test_where_the_database_is_never_names_user_or_password(url, shown):
    from registry.db import describe, unavailable

    assert describe(url) == shown
    error = unavailable(url, "connection refused")
    for secret in ("editor", "p@ss", "ss@", "secretpw"):
        assert secret not in str(error) and secret not in error.public
    assert "db.example" not in error.public and "10.0.0.5" not in error.public
