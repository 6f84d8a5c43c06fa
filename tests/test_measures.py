"""registry.measures is the one home of measures: the database's lookup table follows it
(no migration per measure), and a measure added there (with its words in views.text) is
imported and shown with no other change."""

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from loaders.importer import commit, dry_run
from registry import measures, queries
from registry.db import downgrade, migrate, session_scope
from registry.models import MeasureCode, Programme
from tests.test_registry import SEEDED_TABLES, _assert_carried_over, _rows_by_table
from views.programme import claim_table
from views.text import VOCABULARY

WELLS = measures.Measure("wells", None, ("บ่อน้ำ", "wells"))


def _stored_measures(engine) -> set[str]:
    with session_scope(engine) as session:
        return set(session.scalars(select(MeasureCode.code)))


def test_the_lookup_table_holds_every_measure(engine):
    assert _stored_measures(engine) == set(measures.measure_codes())


def test_the_database_refuses_an_indicator_of_no_known_measure(areas_engine):
    with areas_engine.begin() as connection:
        connection.execute(text("INSERT INTO programmes (id, slug, title_th, theme,"
                                " is_synthetic) VALUES (901, 'p', 'โครงการ', 'other', false)"))
    with pytest.raises(IntegrityError), areas_engine.begin() as connection:
        connection.execute(text("INSERT INTO indicators (programme_id, measure, natural_key)"
                                " VALUES (901, 'bananas', 'k')"))


def _citations(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            "SELECT programme_id, source_id, field FROM programme_sources ORDER BY 1, 2, 3"))]


def test_registry_at_0004_holding_the_seed_upgrades_keeping_every_row(seeded_engine):
    downgrade(seeded_engine, "0004")
    tables = [*(name for name in SEEDED_TABLES if name != "programme_sources"), "indicators"]
    at_0004, cited = _rows_by_table(seeded_engine, tables), _citations(seeded_engine)
    assert all(at_0004[name] for name in ("claims", "indicators", "coverage")) and cited
    migrate(seeded_engine)
    _assert_carried_over(at_0004, _rows_by_table(seeded_engine, tables))
    assert _citations(seeded_engine) == cited
    assert {row["measure"] for row in at_0004["indicators"]} <= _stored_measures(seeded_engine)


def test_a_new_measure_is_two_entries_then_imports_and_shows(areas_engine, tmp_path,
                                                             monkeypatch):
    monkeypatch.setattr(measures, "MEASURE_TABLE", (*measures.MEASURE_TABLE, WELLS))
    monkeypatch.setitem(VOCABULARY["measure"], "wells", {"th": "บ่อน้ำ", "en": "Wells"})
    migrate(areas_engine)  # every start syncs the lookup table: no migration
    assert "wells" in _stored_measures(areas_engine)
    with session_scope(areas_engine) as session:
        session.add(Programme(slug="demo", title_th="โครงการทดสอบ", theme="other"))
    path = tmp_path / "wells.csv"
    path.write_bytes("โครงการ,จังหวัด,ปี,เป้าหมาย,หน่วย\ndemo,กาญจนบุรี,2562,12,บ่อน้ำ\n"
                     .encode("utf-8-sig"))
    dry = dry_run(path, engine=areas_engine)
    assert dry.report["measure"].tolist() == ["wells"]
    commit(areas_engine, dry)
    claims = queries.claims(areas_engine)
    assert claims[["measure", "within_code", "value", "kind"]].values.tolist() == [
        ["wells", "71", 12.0, "target"]]
    for lang, word in (("th", "บ่อน้ำ"), ("en", "Wells")):
        shown = claim_table(claims, lang)
        assert shown.iloc[0, 0] == word and shown.iloc[0, 2] == "12"
