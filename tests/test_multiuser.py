"""Several app processes on one PostgreSQL database.

* Two `streamlit run` servers share a fresh PostgreSQL database: an editor signs
  in on one, imports a file through its import page, and the other server's map
  shows the new area once its registry cache interval (set to 2 s) has passed.
* Two imports of overlapping rows committed at the same moment, forced to
  interleave (both read the stored keys before either writes): no deadlock, no
  lost row, nothing partial, one audit entry each.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid

import pytest
from sqlalchemy import func, select

from geo.maps import NO_DATA_COLOUR
from loaders import importer
from registry import audit
from registry.db import get_engine, session_scope
from registry.models import Coverage, ImportFile, Programme
from tests.accounts import browser_sign_in, signed_in_as
from tests.e2e import fill_colours, map_frame, screenshot, start_streamlit

CHIANG_MAI = "50"
SLUG = "ayutthaya-moral-province-2564"


@pytest.fixture
def shared_postgres(_templates):
    """A fresh PostgreSQL database holding the seeded registry, dropped afterwards."""
    name = f"test_multiuser_{uuid.uuid4().hex[:12]}"
    url = _templates.postgres.create(name, _templates.template("postgresql", "seeded"))
    yield url
    _templates.postgres.drop(name)


def coverage_of(engine, code, slug=SLUG):
    """How many coverage rows the programme `slug` holds for area `code`."""
    with session_scope(engine) as session:
        return session.scalar(select(func.count(Coverage.id)).join(
            Programme, Programme.id == Coverage.programme_id).where(
            Coverage.area_code == code, Programme.slug == slug))


# ---- two servers ---------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.postgres
def test_an_import_on_one_server_shows_on_the_other_after_its_cache_interval(
        shared_postgres, chromium, tmp_path):
    engine = get_engine(shared_postgres)
    signed_in_as(engine, "editor1")
    env = {"DATABASE_URL": shared_postgres, "REGISTRY_CACHE_SECONDS": "2"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    servers = [start_streamlit(tmp_path / "a", env), start_streamlit(tmp_path / "b", env)]
    contexts = [chromium.new_context(viewport={"width": 1400, "height": 950})
                for _ in servers]
    try:
        first, second = (context.new_page() for context in contexts)
        # The second server reads the registry (and caches it) before the import.
        second.goto(f"{servers[1].url}/explorer?lang=en&level=province")
        assert fill_colours(map_frame(second))[CHIANG_MAI] == NO_DATA_COLOUR

        browser_sign_in(first, servers[0].url, "editor1")
        first.locator("section[data-testid='stSidebar']").get_by_role(
            "link", name="Import data").click()
        upload = tmp_path / "chiang-mai.csv"
        upload.write_text(f"โครงการ,จังหวัด,สถานะ\n{SLUG},เชียงใหม่,ดำเนินการ\n",
                          encoding="utf-8")
        first.locator("input[type='file']").set_input_files(str(upload))
        first.get_by_role("button", name="Check").click(timeout=60_000)
        first.get_by_role("button", name="Commit all rows (1)").click(timeout=60_000)
        first.get_by_text("1 rows added").wait_for(timeout=60_000)
        committed = time.monotonic()
        screenshot(first, tmp_path, "multiuser-import-committed")
        assert coverage_of(engine, CHIANG_MAI) == 1
        with session_scope(engine) as session:
            entry = audit.entries(session, actions=["import"])
        assert entry["username"].tolist() == ["editor1"]

        deadline = committed + 60
        colour = NO_DATA_COLOUR
        while colour == NO_DATA_COLOUR and time.monotonic() < deadline:
            second.reload()
            colour = fill_colours(map_frame(second))[CHIANG_MAI]
        screenshot(second, tmp_path, "multiuser-other-server")
        assert colour != NO_DATA_COLOUR, "the other server never showed the import"
    finally:
        for context in contexts:
            context.close()
        for server in servers:
            server.stop()
        engine.dispose()


# ---- simultaneous imports ------------------------------------------------------------------

ROWS = ["นราธิวาส,ระแงะ,มะรือโบตก", "กาญจนบุรี,,", "เชียงใหม่,,", "ลำพูน,,", "น่าน,,"]


def _dry(engine, tmp_path, name, rows):
    path = tmp_path / name
    path.write_text("จังหวัด,อำเภอ,ตำบล\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return importer.dry_run(path, engine=engine, programme=SLUG)


def _interleaved(monkeypatch, parties: int) -> None:
    """Every commit reads the stored keys, then waits (≤3 s) until all have read them."""
    gate = threading.Barrier(parties)
    original = importer._stored_keys

    def stored_then_wait(session, programme_ids):
        keys = original(session, programme_ids)
        # A retry, or a party already waiting on the other's row lock, breaks the barrier.
        with contextlib.suppress(threading.BrokenBarrierError):
            gate.wait(timeout=3)
        return keys

    monkeypatch.setattr(importer, "_stored_keys", stored_then_wait)


def _commit_together(engine, dries, who):
    results, errors = {}, []

    def run(index, dry):
        try:
            results[index] = importer.commit(engine, dry, imported_by=who[index])
        except Exception as error:  # collected: the test asserts there are none
            errors.append(error)

    threads = [threading.Thread(target=run, args=(index, dry))
               for index, dry in enumerate(dries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "an import hung (deadlock?)"
    return results, errors


@pytest.mark.postgres
def test_overlapping_imports_at_once_neither_deadlock_nor_lose_rows(shared_postgres, tmp_path,
                                                                    monkeypatch):
    engine = get_engine(shared_postgres)
    before = {code: coverage_of(engine, code) for code in ("960510", "71", "50", "51", "55")}
    # Overlap in opposite file orders: without ordered writes this is a classic deadlock.
    first = _dry(engine, tmp_path, "first.csv", ROWS[:4])
    second = _dry(engine, tmp_path, "second.csv", list(reversed(ROWS[1:])))
    _interleaved(monkeypatch, 2)
    results, errors = _commit_together(engine, [first, second], ["editor1", "editor2"])
    assert not errors, errors
    new = {code for code, n in before.items() if n == 0}
    assert results[0].added + results[1].added == len(new)
    assert results[0].added + results[0].unchanged == 4
    assert results[1].added + results[1].unchanged == 4
    for code in before:
        assert coverage_of(engine, code) == max(before[code], 1), code
    with session_scope(engine) as session:
        log = audit.entries(session, actions=["import"])
        files = session.scalar(select(func.count(ImportFile.id)))
    assert sorted(log["username"]) == ["editor1", "editor2"] and files == 2
    engine.dispose()


@pytest.mark.postgres
def test_the_same_file_twice_at_once_is_stored_once(shared_postgres, tmp_path, monkeypatch):
    engine = get_engine(shared_postgres)
    dry = _dry(engine, tmp_path, "same.csv", ROWS[2:])
    twin = _dry(engine, tmp_path, "same.csv", ROWS[2:])
    _interleaved(monkeypatch, 2)
    results, errors = _commit_together(engine, [dry, twin], ["editor1", "editor2"])
    assert not errors, errors
    assert sorted(r.already_imported for r in results.values()) == [False, True]
    assert len({r.import_id for r in results.values()}) == 1
    with session_scope(engine) as session:
        assert len(audit.entries(session, actions=["import"])) == 1
    assert [coverage_of(engine, code) for code in ("50", "51", "55")] == [1, 1, 1]
    engine.dispose()
