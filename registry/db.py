"""Engine, transactions and schema upgrades for the registry database.

The embedded default is a SQLite file under data/; DATABASE_URL (environment or
.streamlit/secrets.toml) switches to PostgreSQL. Alembic is driven from here, so
no alembic.ini is needed: `migrate(engine)` upgrades any back end to the head.
"""

from __future__ import annotations

import fcntl
import os
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, func, inspect, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session

import settings
from registry.measures import measure_codes

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


class RegistryUnavailable(RuntimeError):
    """The registry database cannot be opened; the message says what to fix.

    The message names the server (for the command line and admins); `public`
    says the same without any connection detail, for everyone else.
    """

    def __init__(self, message: str, public: str = "") -> None:
        super().__init__(message)
        self.public = public or PUBLIC_UNAVAILABLE


PUBLIC_UNAVAILABLE = "The registry database cannot be reached right now."


def location(url: str) -> str:
    """``host:port/database`` (or a SQLite path) of a database URL, never user or password.

    Read from the text after the last ``@``, so a password holding an unencoded
    ``@`` does not leak into what is shown as the host.
    """
    scheme, separator, rest = str(url).partition("://")
    if not separator:
        return "(unreadable URL)"
    if scheme.startswith("sqlite"):
        return rest[1:] or "(in memory)"
    netloc, slash, path = rest.partition("/")
    return netloc.rsplit("@", 1)[-1] + slash + path.split("?", 1)[0]


def describe(url: str) -> str:
    """The URL as shown to admins and on the command line: back end, host, port, database."""
    scheme = str(url).partition("://")[0]
    return f"{scheme}:///{location(url)}" if scheme.startswith("sqlite") else \
        f"{scheme}://{location(url)}"


def unavailable(url: str, reason: object) -> RegistryUnavailable:
    """The error to raise when `url` cannot be used, saying how to fix the setting."""
    first_line = str(reason).strip().splitlines()[0] if str(reason).strip() else type(reason)
    return RegistryUnavailable(
        f"The registry database {describe(url)} cannot be used: {first_line}. "
        f"Fix the {settings.DATABASE_URL_VAR} setting (environment variable or "
        f"{settings.DATABASE_URL_VAR.lower()} in .streamlit/secrets.toml), make sure the "
        "server is running and reachable, or unset it to use the embedded SQLite file."
    )


def _enable_sqlite_foreign_keys(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def get_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: settings.database_url()); SQLite files get their folder."""
    url = url or settings.database_url()
    try:
        parsed = make_url(url)
        if parsed.drivername in ("postgresql", "postgres"):
            # psycopg 3 is the driver installed; SQLAlchemy would otherwise look for psycopg2.
            parsed = parsed.set(drivername="postgresql+psycopg")
        if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
            raise ArgumentError(f"{parsed.get_backend_name()} databases are not supported; "
                                "use sqlite:///PATH or postgresql://USER@HOST:PORT/DB")
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        if parsed.get_backend_name() == "postgresql":
            engine = _postgres_engine(parsed)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, OSError) as error:
        raise unavailable(url, error) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _enable_sqlite_foreign_keys)
    return engine


def _postgres_engine(url) -> Engine:
    """A PostgreSQL engine whose every wait is bounded (settings.db_*_timeout).

    Connecting: libpq's connect_timeout. A statement: the server's
    statement_timeout. A server that accepts and then says nothing (a hung host,
    a relay that stopped forwarding) answers neither, so the client cuts any
    connection silent for longer; a pooled connection is checked with a ping
    bounded the same way before it is used.
    """
    connect = settings.db_connect_timeout()
    statement = settings.db_statement_timeout()
    engine = create_engine(url, connect_args={
        "connect_timeout": max(1, round(connect)),
        "options": f"-c statement_timeout={round(statement * 1000)}",
    })
    watchdog = _Watchdog()
    limit = statement + connect

    @event.listens_for(engine, "before_cursor_execute")
    def _arm(connection, _cursor, _statement, _parameters, _context, _many) -> None:
        watchdog.arm(connection.connection.dbapi_connection, limit)

    @event.listens_for(engine, "after_cursor_execute")
    def _disarm(connection, _cursor, _statement, _parameters, _context, _many) -> None:
        watchdog.disarm(connection.connection.dbapi_connection)

    @event.listens_for(engine.pool, "checkout")
    def _ping(dbapi_connection, _record, _proxy) -> None:
        watchdog.arm(dbapi_connection, connect)
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:  # any failure: this connection is gone, take a new one
            raise DisconnectionError(str(error)) from error
        finally:
            watchdog.disarm(dbapi_connection)

    # A statement that failed stays armed until its connection goes back or away.
    def _released(dbapi_connection, *_) -> None:
        if dbapi_connection is not None:
            watchdog.disarm(dbapi_connection)

    for released in ("checkin", "invalidate", "soft_invalidate", "close", "close_detached"):
        event.listen(engine.pool, released, _released)

    return engine


class _Watchdog:
    """Shuts down the socket of a connection that waits past its deadline.

    psycopg then fails the waiting call with "server closed the connection",
    SQLAlchemy discards the connection, and the caller gets an OperationalError
    instead of waiting forever. One thread per engine, started on first use.
    """

    def __init__(self) -> None:
        self._deadlines: dict[int, tuple[float, int]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def arm(self, dbapi_connection, seconds: float) -> None:
        with self._lock:
            self._deadlines[id(dbapi_connection)] = (time.monotonic() + seconds,
                                                     dbapi_connection.pgconn.socket)
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, daemon=True,
                                                name="registry-db-watchdog")
                self._thread.start()

    def disarm(self, dbapi_connection) -> None:
        with self._lock:
            self._deadlines.pop(id(dbapi_connection), None)

    def _watch(self) -> None:
        while True:
            time.sleep(0.2)
            now = time.monotonic()
            with self._lock:
                late = [key for key, (deadline, _) in self._deadlines.items() if deadline < now]
                sockets = [self._deadlines.pop(key)[1] for key in late]
                # Cut while holding the lock: a connection cannot be disarmed (and its
                # socket closed and reused) between the choice and the cut.
                for descriptor in sockets:
                    _shut_down(descriptor)


def _shut_down(descriptor: int) -> None:
    try:
        duplicate = socket.socket(fileno=os.dup(descriptor))
    except OSError:
        return
    try:
        duplicate.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        duplicate.close()


# Tables a write to which leaves the registry the dashboard shows as it was.
UNVERSIONED_TABLES = frozenset({"users", "audit_log", "sign_in_throttle", "registry_version",
                                "registry_table_versions",
                                "alembic_version", "drafts", "documents"})


# Per database, the version tables it has (a database at an older revision lacks them).
_VERSION_TABLES: dict[str, frozenset[str]] = {}


def _version_tables(connection) -> frozenset[str]:
    from registry.models import RegistryTableVersion, RegistryVersion

    database = connection.engine.url.render_as_string(hide_password=False)
    known = _VERSION_TABLES.get(database)
    if known is None:
        inspector = inspect(connection)
        known = frozenset(name for name in (RegistryVersion.__tablename__,
                                            RegistryTableVersion.__tablename__)
                          if inspector.has_table(name))
        if RegistryTableVersion.__tablename__ in known:  # the newest schema: remembered
            _VERSION_TABLES[database] = known
    return known


def _bump_version(session: Session, written: set[str], changed: set[str]) -> None:
    """Moves the counter and records it against each table written (and, for updates and
    deletes, changed), on the session's connection: committed or rolled back with the write."""
    from registry.models import RegistryTableVersion, RegistryVersion

    connection = session.connection()
    present = _version_tables(connection)
    if RegistryVersion.__tablename__ not in present:
        return
    connection.execute(update(RegistryVersion).values(version=RegistryVersion.version + 1))
    if RegistryTableVersion.__tablename__ not in present:
        return
    version = connection.scalar(select(RegistryVersion.version))
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    for name in sorted(written | changed):
        moved = {"written": version, **({"changed": version} if name in changed else {})}
        connection.execute(dialect.insert(RegistryTableVersion)
                           .values(name=name, written=version,
                                   changed=version if name in changed else 0)
                           .on_conflict_do_update(index_elements=["name"], set_=moved))


def _registry_tables(names: Iterable[str]) -> set[str]:
    return {name for name in names if name and name not in UNVERSIONED_TABLES}


@event.listens_for(Session, "after_flush")
def _version_after_flush(session: Session, _context) -> None:
    """Objects written to a registry table move the version, in their own transaction."""
    def tables(objects) -> set[str]:
        return _registry_tables(getattr(getattr(type(obj), "__table__", None), "name", "")
                                for obj in objects)

    changed = tables((*session.dirty, *session.deleted))
    written = tables(session.new) | changed
    if written:
        _bump_version(session, written, changed)


@event.listens_for(Session, "do_orm_execute")
def _version_on_bulk_write(state) -> None:
    """So do INSERT/UPDATE/DELETE statements run through a session (bulk writes); an
    insert that may update on conflict counts as a change."""
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    written = _registry_tables([table.name] if table is not None else [])
    if not written:
        return
    upsert = getattr(state.statement, "_post_values_clause", None) is not None
    _bump_version(state.session, written,
                  written if state.is_update or state.is_delete or upsert else set())


def table_versions(engine: Engine) -> dict[str, tuple[int, int]] | None:
    """Per registry table written since the per-table record began: (written, changed)
    versions; None before the migration that adds the record."""
    from registry.models import RegistryTableVersion

    try:
        with engine.connect() as connection:
            if RegistryTableVersion.__tablename__ not in _version_tables(connection):
                return None
            rows = connection.execute(select(RegistryTableVersion.name,
                                             RegistryTableVersion.written,
                                             RegistryTableVersion.changed))
            return {name: (written, changed) for name, written, changed in rows}
    except OperationalError as error:
        raise unavailable(engine.url.render_as_string(hide_password=True), error.orig) from None


def registry_version(engine: Engine) -> int | None:
    """The registry's write counter; None before the migration that adds it."""
    from registry.models import RegistryVersion

    try:
        with engine.connect() as connection:
            return connection.scalar(select(RegistryVersion.version))
    except OperationalError as error:
        raise unavailable(engine.url.render_as_string(hide_password=True), error.orig) from None


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction: committed when the block ends, rolled back if it raises."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


def _alembic_config(connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


# Alembic keeps its running configuration in module globals: one migration per process
# at a time (Streamlit runs sessions in threads).
_MIGRATING = threading.Lock()


@contextmanager
def _sqlite_keys_off(connection) -> Iterator[None]:
    """SQLite rebuilds a table to change it (batch mode): dropping the old copy of a parent
    table would cascade-delete its children, so foreign keys are off while migrating (the
    pragma only takes effect outside a transaction) and checked before committing."""
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    try:
        yield
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def _check_foreign_keys(connection) -> None:
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"migration left rows pointing at missing parents: {broken[:5]}")


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the schema to `revision`, by default the newest (a no-op when already there)."""
    try:
        with (_MIGRATING, engine.connect() as connection, _sqlite_keys_off(connection),
              connection.begin()):
            command.upgrade(_alembic_config(connection), revision)
            _check_foreign_keys(connection)
            _sync_measures(connection)
    except OperationalError as error:
        raise unavailable(engine.url.render_as_string(hide_password=True), error.orig) from None


def _sync_measures(connection) -> None:
    """Adds to the `measures` lookup table what registry.measures declares and it lacks.

    Never removes one: figures may count it. Before the table exists (a schema taken to an
    older revision) there is nothing to sync.
    """
    if not inspect(connection).has_table("measures"):
        return
    known = set(connection.scalars(text("SELECT code FROM measures")))
    missing = [{"code": code} for code in measure_codes() if code not in known]
    if missing:
        connection.execute(text("INSERT INTO measures (code) VALUES (:code)"), missing)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to `revision` (e.g. to run an older release against it)."""
    _VERSION_TABLES.clear()
    with (_MIGRATING, engine.connect() as connection, _sqlite_keys_off(connection),
          connection.begin()):
        command.downgrade(_alembic_config(connection), revision)
        _check_foreign_keys(connection)


# Any fixed number: the PostgreSQL advisory lock that serialises start-ups.
STARTUP_LOCK_KEY = 7_244_511


@contextmanager
def _startup_lock(engine: Engine) -> Iterator[None]:
    """Only one process at a time migrates, syncs and seeds the same database.

    Replicas starting together would otherwise all find an empty registry and
    all try to fill it. PostgreSQL: an advisory lock; SQLite: a lock file beside
    the database file (in-memory databases are private to one process anyway).
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                                   {"key": STARTUP_LOCK_KEY})
                connection.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or database in (None, "", ":memory:"):
        yield
        return
    with open(f"{database}-startup.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_ready(url: str | None = None,
                 polygon_codes: dict[str, set[str]] | None = None,
                 engine: Engine | None = None) -> Engine:
    """Migrate, fill the gazetteer and seed a never-seeded registry; cheap when all is done.

    The gazetteer is synced when the areas table is empty or when `polygon_codes`
    (level -> codes the boundary layers draw) is given. A registry counts as seeded
    once it holds a seed source, so facts deliberately deleted later stay deleted.
    `engine`: readies that engine instead of making one for `url`, so a process
    keeps one connection pool per database.
    """
    from registry.areas import sync_areas
    from registry.models import Area, Source
    from registry.seed import seed

    engine = engine or get_engine(url)
    where = engine.url.render_as_string(hide_password=True)
    try:
        with _startup_lock(engine):
            migrate(engine)
            with session_scope(engine) as session:
                if polygon_codes is not None or not session.scalar(
                        select(func.count(Area.code))):
                    sync_areas(session, polygon_codes)
                seeded = session.scalar(select(Source.id).where(Source.kind == "seed").limit(1))
                if seeded is None:
                    seed(session)
    except OperationalError as error:
        raise unavailable(where, error.orig) from None
    except OSError as error:
        raise unavailable(where, error) from None
    return engine
