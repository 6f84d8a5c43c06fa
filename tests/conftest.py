"""Registry database fixtures shared by every test file that needs storage.

Each fixture runs a test once per back end: SQLite (a file in tmp_path) and
PostgreSQL (a fresh, uniquely named database on TEST_POSTGRES_URL's server,
dropped afterwards, so parallel runs by several people never meet).

- `database_url`: an empty database, not migrated (for testing start-up itself);
- `engine`: migrated to the newest revision, no rows;
- `areas_engine`: plus the DOPA gazetteer in `areas`;
- `seeded_engine`: plus the five seed programmes of data/seed.

Migrating and loading ~8,400 areas per test is slow, so each state is built once
per session and per back end as a template, and every test gets its own copy.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url

from registry.areas import sync_areas
from registry.db import get_engine, migrate, session_scope

TEST_POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL",
                                   "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _server_url() -> URL:
    return make_url(TEST_POSTGRES_URL).set(drivername="postgresql+psycopg")


def _unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


class _Postgres:
    """Creates and drops whole databases on the test server."""

    def __init__(self) -> None:
        self.admin = create_engine(_server_url(), isolation_level="AUTOCOMMIT")

    def create(self, name: str, template: str | None = None) -> str:
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return _server_url().set(database=name).render_as_string(hide_password=False)

    def drop(self, name: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _migrated(engine: Engine) -> None:
    migrate(engine)


def _with_areas(engine: Engine) -> None:
    migrate(engine)
    with session_scope(engine) as session:
        sync_areas(session)


def _seeded(engine: Engine) -> None:
    from registry.seed import seed

    _with_areas(engine)
    with session_scope(engine) as session:
        seed(session)


STATES: dict[str, Callable[[Engine], None]] = {
    "migrated": _migrated, "areas": _with_areas, "seeded": _seeded,
}


class _Templates:
    """One prepared database per (back end, state), built on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.built: dict[tuple[str, str], str] = {}
        self._postgres: _Postgres | None = None

    @property
    def postgres(self) -> _Postgres:
        if self._postgres is None:
            self._postgres = _Postgres()
        return self._postgres

    def template(self, backend: str, state: str) -> str:
        """The template's file path (SQLite) or database name (PostgreSQL)."""
        if (backend, state) not in self.built:
            if backend == "sqlite":
                name = str(self.folder / f"{state}.sqlite")
                url = f"sqlite:///{name}"
            else:
                name = _unique_name(f"test_template_{state}")
                url = self.postgres.create(name)
            engine = get_engine(url)
            STATES[state](engine)
            engine.dispose()
            self.built[backend, state] = name
        return self.built[backend, state]

    def close(self) -> None:
        for (backend, _state), name in self.built.items():
            if backend == "postgresql":
                self.postgres.drop(name)
        if self._postgres is not None:
            self._postgres.admin.dispose()


@pytest.fixture(scope="session")
def _templates(tmp_path_factory) -> Iterator[_Templates]:
    templates = _Templates(tmp_path_factory.mktemp("registry_templates"))
    yield templates
    templates.close()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


def _database(backend: str, tmp_path: Path, templates: _Templates,
              state: str | None) -> Iterator[str]:
    if backend == "sqlite":
        path = tmp_path / f"{_unique_name('registry')}.sqlite"
        if state:
            shutil.copyfile(templates.template("sqlite", state), path)
        yield f"sqlite:///{path}"
        return
    name = _unique_name("test_registry")
    template = templates.template("postgresql", state) if state else None
    url = templates.postgres.create(name, template)
    try:
        yield url
    finally:
        templates.postgres.drop(name)


def _engine(url: str) -> Iterator[Engine]:
    engine = get_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture
def database_url(backend, tmp_path, _templates) -> Iterator[str]:
    """An empty, unmigrated database."""
    yield from _database(backend, tmp_path, _templates, None)


@pytest.fixture
def engine(backend, tmp_path, _templates) -> Iterator[Engine]:
    """A migrated registry with no rows."""
    for url in _database(backend, tmp_path, _templates, "migrated"):
        yield from _engine(url)


@pytest.fixture
def areas_engine(backend, tmp_path, _templates) -> Iterator[Engine]:
    """A registry holding the gazetteer (no programmes)."""
    for url in _database(backend, tmp_path, _templates, "areas"):
        yield from _engine(url)


@pytest.fixture
def seeded_engine(backend, tmp_path, _templates) -> Iterator[Engine]:
    """A registry holding the gazetteer and the five seed programmes."""
    for url in _database(backend, tmp_path, _templates, "seeded"):
        yield from _engine(url)
