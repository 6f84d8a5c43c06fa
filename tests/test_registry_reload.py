"""Per-table registry versions: a write records, in its own transaction, which tables it
moved, and the dashboard's cache reads again only the tables that read them."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import event, func, select, update

from registry import queries
from registry.db import registry_version, session_scope, table_versions
from registry.models import AuditEntry, Base, Claim, Coverage, Organisation, Programme
from registry.upsert import upsert_source
from ui import data as ui_data


def _moved(before: dict, after: dict) -> dict[str, tuple[bool, bool]]:
    """Per table whose versions moved: (written moved, changed moved)."""
    return {name: (after[name][0] != before.get(name, (0, 0))[0],
                   after[name][1] != before.get(name, (0, 0))[1])
            for name in after if after[name] != before.get(name)}


def test_an_update_records_its_table_as_written_and_changed(seeded_engine):
    before = table_versions(seeded_engine)
    with session_scope(seeded_engine) as session:
        session.execute(update(Coverage).where(
            Coverage.id == session.scalar(select(func.min(Coverage.id)))).values(year=2001))
    after = table_versions(seeded_engine)
    assert _moved(before, after) == {"coverage": (True, True)}
    assert after["coverage"] == (registry_version(seeded_engine),) * 2


def test_an_insert_records_its_table_as_written_only(seeded_engine):
    before = table_versions(seeded_engine)
    with session_scope(seeded_engine) as session:
        upsert_source(session, kind="edit", file_name="new.txt", quote="q",
                      created_by="test_registry_reload")
    assert _moved(before, table_versions(seeded_engine)) == {"sources": (True, False)}


def test_an_object_edited_and_one_added_in_one_flush(seeded_engine):
    before = table_versions(seeded_engine)
    with session_scope(seeded_engine) as session:
        session.scalars(select(Organisation).limit(1)).one().abbreviation = "X"
        upsert_source(session, kind="edit", file_name="other.txt", quote="q",
                      created_by="test_registry_reload")
    assert _moved(before, table_versions(seeded_engine)) == {
        "organisations": (True, True), "sources": (True, False)}


def test_a_write_in_a_failed_transaction_moves_nothing(seeded_engine):
    before, counter = table_versions(seeded_engine), registry_version(seeded_engine)
    with pytest.raises(RuntimeError), session_scope(seeded_engine) as session:
        session.scalars(select(Programme).limit(1)).one().title_en = "Changed"
        session.flush()
        session.execute(update(Claim).values(value=Claim.value + 1))
        raise RuntimeError("rolled back")
    assert table_versions(seeded_engine) == before
    assert registry_version(seeded_engine) == counter


def test_an_audit_entry_moves_nothing(seeded_engine):
    before, counter = table_versions(seeded_engine), registry_version(seeded_engine)
    with session_scope(seeded_engine) as session:
        session.add(AuditEntry(at=dt.datetime(2026, 1, 1), username="someone",
                               action="sign_in", entity="user", entity_id="someone"))
    assert table_versions(seeded_engine) == before
    assert registry_version(seeded_engine) == counter


def test_reads_names_every_table_each_query_reads(seeded_engine):
    """queries.READS is what the cache trusts: it must list exactly the tables each
    query's SQL reads, own and looked up together."""
    read: list[str] = []

    def statement(_connection, _cursor, sql, *_) -> None:
        read.append(sql)

    event.listen(seeded_engine, "before_cursor_execute", statement)
    try:
        for name, (own, looked_up) in queries.READS.items():
            read.clear()
            getattr(queries, name)(seeded_engine)
            tables = {table for sql in read
                      for table in re.findall(r'\b(?:FROM|JOIN)\s+"?(\w+)', sql)
                      if table in Base.metadata.tables}  # not the driver's catalogue looks
            assert tables == own | looked_up, name
            assert not own & looked_up, name
    finally:
        event.remove(seeded_engine, "before_cursor_execute", statement)


@pytest.fixture
def dashboard(seeded_engine, monkeypatch):
    """The dashboard's registry cache reading `seeded_engine`'s database."""
    url = seeded_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    ui_data.forget_registry()
    yield
    ui_data.forget_registry()
    ui_data._engine.clear()


def _tables() -> dict:
    data = ui_data.registry_data()
    return {name: getattr(data, name) for name in ui_data.REGISTRY_TABLES}


def _reread(before: dict) -> set[str]:
    ui_data.registry_changed()
    after = _tables()
    return {name for name in after if after[name] is not before[name]}


def test_the_cache_reads_again_only_the_tables_a_write_moved(seeded_engine, dashboard):
    first = _tables()
    assert _reread(first) == set()  # nothing written: every table kept

    with session_scope(seeded_engine) as session:
        claim = session.scalars(select(Claim).order_by(Claim.id).limit(1)).one()
        claim.value += 1
        claim_id, value = claim.id, claim.value
    assert _reread(first) == {"claims"}
    claims = _tables()["claims"]
    assert claims.loc[claims["claim_id"] == claim_id, "value"].item() == value

    second = _tables()
    with session_scope(seeded_engine) as session:  # a new source: cited by nothing yet
        upsert_source(session, kind="edit", file_name="new.txt", quote="q",
                      created_by="test_registry_reload")
    assert _reread(second) == {"sources"}

    third = _tables()
    with session_scope(seeded_engine) as session:  # a title every table shows
        session.scalars(select(Programme).limit(1)).one().title_en = "Renamed"
    assert _reread(third) == {"programmes", "partners", "coverage", "claims",
                              "place_mentions", "networks", "events"}

    fourth = _tables()
    with session_scope(seeded_engine) as session:  # not what the pages show
        session.add(AuditEntry(at=dt.datetime(2026, 1, 1), username="someone",
                               action="sign_in", entity="user", entity_id="someone"))
    assert _reread(fourth) == set()


def test_what_a_page_derives_is_kept_until_a_table_moves(seeded_engine, dashboard):
    computed = []

    def compute() -> int:
        computed.append(1)
        return len(computed)

    assert ui_data.per_read(ui_data.registry_data(), "key", compute) == 1
    assert ui_data.per_read(ui_data.registry_data(), "key", compute) == 1
    with session_scope(seeded_engine) as session:
        session.execute(update(Coverage).values(year=2002))
    ui_data.registry_changed()
    assert ui_data.per_read(ui_data.registry_data(), "key", compute) == 2
