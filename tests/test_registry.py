"""Registry schema, constraints in the database itself, engine set-up and read queries."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select, text, update
from sqlalchemy.exc import IntegrityError

from dates import DateError, format_be, format_when, parse_date
from registry import queries, upsert
from registry.areas import sync_areas
from registry.db import (
    MIGRATIONS_DIR,
    RegistryUnavailable,
    downgrade,
    get_engine,
    migrate,
    registry_version,
    session_scope,
)
from registry.models import Area

HEAD = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
TABLES = {"areas", "sources", "import_files", "organisations", "programmes",
          "coverage_imports", "claim_imports", "sign_in_throttle",
          "users", "audit_log", "programme_sources", "partner_roles", "coverage",
          "place_mentions", "claims", "networks", "events", "indicators",
          "organisation_aliases", "drafts", "documents", "registry_version",
          "organisation_logos", "measures", "registry_table_versions"}


def test_migration_creates_exactly_the_registry_tables(engine):
    assert set(inspect(engine).get_table_names()) == TABLES | {"alembic_version"}


def test_migrate_twice_is_a_no_op(engine):
    migrate(engine)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == HEAD


def test_areas_hold_the_gazetteer(areas_engine):
    with session_scope(areas_engine) as session:
        maruebo = session.get(Area, "960510")
        assert (maruebo.name_th, maruebo.level, maruebo.parent_code, maruebo.province_code) == (
            "มะรือโบตก", "subdistrict", "9605", "96")
        assert maruebo.in_dopa and maruebo.has_polygon is None
        counts = dict(session.execute(
            text("SELECT level, count(*) FROM areas GROUP BY level")).all())
    assert counts == {"province": 77, "district": 928, "subdistrict": 7436}


def _insert_basics(connection, *, indicators: bool = True) -> None:
    """One source, programme and organisation (and, from 0004 on, two indicators), by raw
    SQL as any outside writer would."""
    connection.execute(text(
        "INSERT INTO sources (id, kind, file_name, content_sha256, quote, created_at, created_by)"
        " VALUES (901, 'seed', 'doc.txt', 'abc', 'quote', '2024-01-01 00:00:00', 'test')"))
    connection.execute(text(
        "INSERT INTO programmes (id, slug, title_th, theme, is_synthetic)"
        " VALUES (901, 'p', 'โครงการ', 'resilience', false)"))
    connection.execute(text(
        "INSERT INTO organisations (id, slug, name_th, org_type)"
        " VALUES (901, 'o', 'องค์กร', 'foundation'), (902, 'o2', 'องค์กร 2', 'university')"))
    if indicators:
        connection.execute(text(
            "INSERT INTO indicators (id, programme_id, measure, level, within_code,"
            " natural_key) VALUES (901, 901, 'subdistricts', 'subdistrict', '71', 'k1'),"
            " (902, 901, 'networks', NULL, NULL, 'k2')"))


# A claim before 0004 (no indicator) and now (a figure of indicator 901).
CLAIM_AT_0003 = ("INSERT INTO claims (programme_id, measure, level, within_code, value, kind,"
                 " source_id, is_synthetic, natural_key) VALUES (901, {measure}, {level},"
                 " {within}, {value}, {kind}, 901, false, {key})")
CLAIM = CLAIM_AT_0003.replace("(programme_id,", "(indicator_id, programme_id,").replace(
    "VALUES (901,", "VALUES (901, 901,")
COVERAGE = ("INSERT INTO coverage (programme_id, level, area_code, village_no, status, year,"
            " source_id, is_synthetic) VALUES (901, {level}, {code}, {village}, {status}, {year},"
            " 901, false)")
ACCEPTED_CLAIM = dict(measure="'subdistricts'", level="'subdistrict'", within="'71'",
                      value="95", kind="'actual'", key="'k'")
ACCEPTED_COVERAGE = dict(level="'province'", code="'71'", village="0", status="'planned'",
                         year="2019")


def _refused(engine: Engine, statement: str, *before: str) -> None:
    """With the basic rows and then `before` stored, the database refuses `statement`."""
    with engine.begin() as connection:
        _insert_basics(connection)
        for row in before:
            connection.execute(text(row))
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text(statement))


@pytest.mark.parametrize(("why", "statement"), [
    ("negative count", CLAIM.format(**ACCEPTED_CLAIM | {"value": "-1"})),
    ("unknown measure", CLAIM.format(**ACCEPTED_CLAIM | {"measure": "'bananas'"})),
    ("unknown claim kind", CLAIM.format(**ACCEPTED_CLAIM | {"kind": "'hope'"})),
    ("unknown area in claim", CLAIM.format(**ACCEPTED_CLAIM | {"within": "'99'"})),
    ("village number without a subdistrict",
     CLAIM.replace("is_synthetic", "within_village_no, is_synthetic").replace(
         "{kind}, 901,", "{kind}, 901, 3,").format(**ACCEPTED_CLAIM)),
    ("unknown area in coverage", COVERAGE.format(**ACCEPTED_COVERAGE | {"code": "'999999'"})),
    ("district code at province level",
     COVERAGE.format(**ACCEPTED_COVERAGE | {"code": "'7101'"})),
    ("village without number",
     COVERAGE.format(**ACCEPTED_COVERAGE | {"level": "'village'", "code": "'710101'"})),
    ("village number 100", COVERAGE.format(
        **ACCEPTED_COVERAGE | {"level": "'village'", "code": "'710101'", "village": "100"})),
    ("province with a village number", COVERAGE.format(**ACCEPTED_COVERAGE | {"village": "3"})),
    ("unknown coverage status", COVERAGE.format(**ACCEPTED_COVERAGE | {"status": "'maybe'"})),
    ("BE year stored as CE", COVERAGE.format(**ACCEPTED_COVERAGE | {"year": "2562"})),
    ("unknown programme theme", "INSERT INTO programmes (slug, title_th, theme, is_synthetic)"
                                " VALUES ('q', 'x', 'bananas', false)"),
    ("end before start", "INSERT INTO programmes (slug, title_th, theme, is_synthetic, start_on,"
                         " end_on) VALUES ('q', 'x', 'other', false, '2020-02-01', '2020-01-01')"),
    ("end month before start day", "INSERT INTO programmes (slug, title_th, theme, is_synthetic,"
     " start_on, end_on) VALUES ('q', 'x', 'other', false, '2020-02-01', '2020-01')"),
    ("start given as a range", "INSERT INTO programmes (slug, title_th, theme, is_synthetic,"
     " start_on) VALUES ('q', 'x', 'other', false, '2020-02-01/2020-02-03')"),
    ("unknown organisation type", "INSERT INTO organisations (slug, name_th, org_type)"
                                  " VALUES ('q', 'x', 'club')"),
    ("organisation in a district", "INSERT INTO organisations (slug, name_th, org_type,"
                                   " province_code) VALUES ('q', 'x', 'other', '7101')"),
    ("duplicate programme slug", "INSERT INTO programmes (slug, title_th, theme, is_synthetic)"
                                 " VALUES ('p', 'x', 'other', false)"),
    ("import source without its file", "INSERT INTO sources (kind, file_name, content_sha256,"
     " quote, created_at, created_by) VALUES ('import', 'a.csv', 'x', '', '2024-01-01', 't')"),
    ("unknown partner role", "INSERT INTO partner_roles (programme_id, organisation_id, role,"
                             " source_id) VALUES (901, 901, 'mascot', 901)"),
    ("network with neither name nor number", "INSERT INTO networks (programme_id, source_id,"
                                             " natural_key) VALUES (901, 901, '||')"),
    ("claim citing no source", "INSERT INTO claims (indicator_id, programme_id, measure, value,"
     " kind, source_id, is_synthetic, natural_key)"
     " VALUES (902, 901, 'networks', 9, 'actual', 42, false, 'k')"),
    ("claim of no indicator", CLAIM_AT_0003.format(**ACCEPTED_CLAIM)),
    ("claim measuring something else than its indicator",
     CLAIM.format(**ACCEPTED_CLAIM | {"measure": "'villages'"})),
    ("baseline without its source", "UPDATE indicators SET baseline_value = 3 WHERE id = 901"),
    ("ambiguity of unknown kind", "INSERT INTO place_mentions (programme_id, name_as_written,"
     " level, resolution, candidate_codes, source_id) VALUES (901, 'x', 'subdistrict', 'guess',"
     " '', 901)"),
])
def test_database_rejects(areas_engine, why, statement):
    _refused(areas_engine, statement)


def test_database_accepts_the_valid_rows_the_rejections_are_variants_of(areas_engine):
    with areas_engine.begin() as connection:
        _insert_basics(connection)
        connection.execute(text(CLAIM.format(**ACCEPTED_CLAIM)))
        connection.execute(text(COVERAGE.format(**ACCEPTED_COVERAGE)))
        connection.execute(text(COVERAGE.format(
            **ACCEPTED_COVERAGE | {"level": "'village'", "code": "'710101'", "village": "12"})))
        assert connection.scalar(text("SELECT count(*) FROM coverage")) == 2


@pytest.mark.parametrize(("first", "second"), [
    ("INSERT INTO partner_roles (programme_id, organisation_id, role, source_id)"
     " VALUES (901, 901, 'lead', 901)",
     # One role once per partner and programme (several roles are several rows).
     "INSERT INTO partner_roles (programme_id, organisation_id, role, source_id, description)"
     " VALUES (901, 901, 'lead', 901, 'again')"),
    (COVERAGE.format(**ACCEPTED_COVERAGE), COVERAGE.format(**ACCEPTED_COVERAGE)),
    # NULL years must collide too, although SQL calls two NULLs distinct.
    (COVERAGE.format(**ACCEPTED_COVERAGE | {"year": "NULL"}),
     COVERAGE.format(**ACCEPTED_COVERAGE | {"year": "NULL", "status": "'active'"})),
    (CLAIM.format(**ACCEPTED_CLAIM), CLAIM.format(**ACCEPTED_CLAIM | {"value": "96"})),
    ("SELECT 1", "INSERT INTO sources (kind, file_name, content_sha256, quote, created_at,"
     " created_by) VALUES ('seed', 'doc.txt', 'abc', 'quote', '2024-01-02', 'other')"),
])
def test_database_rejects_a_second_row_with_the_same_natural_key(areas_engine, first, second):
    _refused(areas_engine, second, first)


def test_deleting_a_programme_removes_its_rows_but_an_area_in_use_cannot_go(areas_engine):
    _refused(areas_engine, "DELETE FROM areas WHERE code = '71'",
             COVERAGE.format(**ACCEPTED_COVERAGE))
    with areas_engine.begin() as connection:
        connection.execute(text("DELETE FROM programmes WHERE id = 901"))
        assert connection.scalar(text("SELECT count(*) FROM coverage")) == 0


@pytest.mark.parametrize("url", [
    "postgresql://postgres@127.0.0.1:1/registry",
    "nonsense://nowhere",
    "sqlite:////proc/no-such-dir/registry.sqlite",
])
def test_unreachable_database_gives_a_clear_error(url):
    with pytest.raises(RegistryUnavailable, match="DATABASE_URL"):
        migrate(get_engine(url))


def _registry_at(database_url: str, revision: str, *statements: str) -> Engine:
    """A registry at migration `revision` holding the gazetteer, the basic rows as they were
    then (_insert_basics) and what `statements` write, by raw SQL."""
    engine = get_engine(database_url)
    migrate(engine, revision)
    with session_scope(engine) as session:
        sync_areas(session)
    with engine.begin() as connection:
        _insert_basics(connection, indicators=False)
        for statement in statements:
            connection.execute(text(statement))
    return engine


def test_sqlite_file_and_folder_are_created_on_demand(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'new' / 'registry.sqlite'}")
    migrate(engine)
    assert (tmp_path / "new" / "registry.sqlite").exists()
    with session_scope(engine) as session:
        assert session.scalar(select(Area).limit(1)) is None


def test_upgrade_from_the_first_revision_keeps_the_rows(database_url):
    engine = _registry_at(database_url, "0001", CLAIM_AT_0003.format(**ACCEPTED_CLAIM))
    migrate(engine)
    frame = queries.claims(engine)
    engine.dispose()
    assert frame[["within_code", "within_village_no", "value"]].values.tolist() == [
        ["71", 0, 95]]


def test_areas_sync_with_boundary_codes(areas_engine):
    drawn = {"province": {"71"}, "subdistrict": {"710101", "104701"}}
    with session_scope(areas_engine) as session:
        report = sync_areas(session, drawn)
        assert report.added == 1  # 104701: drawn by the 2019 layers, no longer listed by DOPA
        old = session.get(Area, "104701")
        assert (old.in_dopa, old.has_polygon, old.level, old.parent_code, old.name_th) == (
            False, True, "subdistrict", "1047", None)
        assert session.get(Area, "710101").has_polygon is True
        assert session.get(Area, "710102").has_polygon is False
        assert session.get(Area, "70").has_polygon is False
        assert session.get(Area, "7101").has_polygon is None  # districts were not given
    with session_scope(areas_engine) as session:
        assert sync_areas(session, drawn).changed == 0
        # Without boundary codes, what the last sync learnt about polygons stays.
        assert sync_areas(session).changed == 0
        assert session.get(Area, "104701").in_dopa is False


def test_boundary_code_of_the_wrong_length_is_refused(areas_engine):
    with pytest.raises(ValueError, match="no subdistrict code"), \
            session_scope(areas_engine) as session:
        sync_areas(session, {"subdistrict": {"7101"}})


@pytest.mark.parametrize(("written", "stored", "shown"), [
    ("29 กุมภาพันธ์ 2563", dt.date(2020, 2, 29), "29 ก.พ. 2563"),  # 2563 BE = 2020, leap
    ("29/02/2020", dt.date(2020, 2, 29), "29 ก.พ. 2563"),
    ("17 พ.ย. 58", dt.date(2015, 11, 17), "17 พ.ย. 2558"),
])
def test_dates_typed_in_be_or_ce_are_stored_in_ce(engine, written, stored, shown):
    with session_scope(engine) as session:
        upsert.upsert_programme(session, "p", title_th="x", theme="other",
                                signed_on=parse_date(written))
    signed_on = queries.programmes(engine).loc[0, "signed_on"]
    assert signed_on == stored.isoformat()  # a day, as EDTF text
    assert format_when(signed_on) == format_be(stored) == shown


def test_29_february_of_a_common_be_year_is_refused():
    with pytest.raises(DateError, match="2562 BE"):
        parse_date("29 กุมภาพันธ์ 2562")


@pytest.mark.parametrize("name", ["programmes", "partners", "coverage", "claims",
                                  "place_mentions", "networks", "organisations", "sources",
                                  "events", "indicators"])
def test_queries_on_an_empty_registry_return_empty_tables(engine, name):
    frame = getattr(queries, name)(engine)
    assert frame.empty and len(frame.columns) >= 5


def _rows_by_table(engine, tables) -> dict[str, list[dict]]:
    with engine.connect() as connection:
        return {name: [dict(row._mapping) for row in connection.execute(
            text(f"SELECT * FROM {name} ORDER BY id"))] for name in tables}


def _assert_carried_over(before: dict[str, list[dict]], after: dict[str, list[dict]]) -> None:
    """Every row and value of `before` is in `after`; a stored day is now its EDTF text."""
    for name, rows in before.items():
        assert len(after[name]) == len(rows), name
        for old, new in zip(rows, after[name], strict=True):
            for column, value in old.items():
                expected = value.isoformat() if type(value) is dt.date else value
                assert new[column] == expected, (name, column)


def test_upgrade_from_0003_keeps_every_row_and_date(database_url):
    engine = _registry_at(
        database_url, "0003",
        "UPDATE programmes SET signed_on = '2019-06-12', start_on = '2019-06-01',"
        " end_on = '2024-05-31' WHERE id = 901",
        CLAIM_AT_0003.format(**ACCEPTED_CLAIM), "UPDATE claims SET as_of = '2019-06-12'",
        COVERAGE.format(**ACCEPTED_COVERAGE))
    tables = ("sources", "programmes", "claims", "coverage", "organisations")
    before = _rows_by_table(engine, tables)
    migrate(engine)
    after = _rows_by_table(engine, tables)
    engine.dispose()
    _assert_carried_over(before, after)
    programme = after["programmes"][0]
    assert (programme["signed_on"], programme["start_on"], programme["end_on"]) == (
        "2019-06-12", "2019-06-01", "2024-05-31")
    assert programme["period_limit"] is None and after["claims"][0]["as_of"] == "2019-06-12"
    assert after["sources"][0]["title"] is None


SEEDED_TABLES = ("sources", "organisations", "programmes", "programme_sources",
                 "partner_roles", "coverage", "place_mentions", "claims", "networks")


def test_registry_at_0003_holding_the_seed_upgrades_without_loss(seeded_engine):
    """The seed taken down to 0003 (dates as DATE: a month or range becomes its first day)
    and up again: every row and value of the 0003 registry is still there."""
    downgrade(seeded_engine, "0003")
    tables = [name for name in SEEDED_TABLES if name != "programme_sources"]
    at_0003 = _rows_by_table(seeded_engine, tables)
    kanchanaburi = next(row for row in at_0003["programmes"]
                        if row["slug"] == "kanchanaburi-community-organisations-mou")
    assert str(kanchanaburi["start_on"]) == "2019-06-01"  # a DATE (PostgreSQL) or its text
    assert any(row["kind"] == "actual" and row["value"] == 95 for row in at_0003["claims"])
    migrate(seeded_engine)
    after = _rows_by_table(seeded_engine, [*tables, "indicators"])
    _assert_carried_over(at_0003, after)
    assert queries.programmes(seeded_engine)["period_limit"].isna().all()
    # Every figure now belongs to the one indicator of its programme, measure, level, area.
    indicators = {row["id"]: row for row in after["indicators"]}
    keys = {(c["programme_id"], c["measure"], c["level"], c["within_code"],
             c["within_village_no"]) for c in after["claims"]}
    assert len(indicators) == len(keys)
    for claim in after["claims"]:
        indicator = indicators[claim["indicator_id"]]
        assert [indicator[name] for name in ("programme_id", "measure", "level", "within_code",
                                              "within_village_no")] == [
            claim[name] for name in ("programme_id", "measure", "level", "within_code",
                                     "within_village_no")]


def test_upgrade_from_0003_keeps_the_rows_and_starts_the_version(database_url):
    engine = _registry_at(database_url, "0003", COVERAGE.format(**ACCEPTED_COVERAGE))
    migrate(engine)
    assert registry_version(engine) == 1
    assert queries.coverage(engine)[["programme_id", "area_code"]].values.tolist() == [
        [901, "71"]]
    indexes = {index["name"] for table in ("coverage", "partner_roles", "place_mentions")
               for index in inspect(engine).get_indexes(table)}
    engine.dispose()
    assert {"ix_coverage_programme_id", "ix_partner_roles_programme_id",
            "ix_place_mentions_programme_id"} <= indexes


def test_every_write_through_a_session_moves_the_version_in_its_transaction(seeded_engine):
    from registry.models import Organisation, Programme, User

    before = registry_version(seeded_engine)
    with session_scope(seeded_engine) as session:  # reads only
        session.scalars(select(Programme)).all()
    assert registry_version(seeded_engine) == before
    with session_scope(seeded_engine) as session:  # an object changed (flush)
        session.scalars(select(Programme).limit(1)).one().title_en = "Changed"
    after_edit = registry_version(seeded_engine)
    assert after_edit > before
    with session_scope(seeded_engine) as session:  # a bulk statement
        session.execute(update(Organisation).values(abbreviation="X"))
    after_bulk = registry_version(seeded_engine)
    assert after_bulk > after_edit
    with pytest.raises(RuntimeError), session_scope(seeded_engine) as session:
        session.execute(update(Organisation).values(abbreviation="Y"))
        raise RuntimeError("rolled back")
    assert registry_version(seeded_engine) == after_bulk  # rolled back with its write
    with session_scope(seeded_engine) as session:  # accounts are not what the pages show
        session.add(User(username="someone", role="editor", password_hash="x",
                         created_at=dt.datetime(2026, 1, 1)))
    assert registry_version(seeded_engine) == after_bulk


@pytest.mark.parametrize("table", ["coverage", "partner_roles", "place_mentions", "claims"])
def test_a_programmes_rows_are_found_through_an_index(seeded_engine, table):
    """EXPLAIN, with table scans priced out (the seed tables are tiny): each programme's
    rows of a large table are reached through an index, on either back end."""
    with seeded_engine.connect() as connection:
        if seeded_engine.dialect.name == "postgresql":
            connection.execute(text("SET enable_seqscan = off"))
            plan = " ".join(connection.scalars(text(
                f"EXPLAIN SELECT * FROM {table} WHERE programme_id = 1")))
            assert "Index" in plan and "Seq Scan" not in plan, plan
        else:
            plan = " ".join(row[-1] for row in connection.execute(text(
                f"EXPLAIN QUERY PLAN SELECT * FROM {table} WHERE programme_id = 1")))
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
