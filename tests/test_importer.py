import contextlib
import io
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from loaders import importer
from loaders.cli import main
from loaders.importer import check_table, commit, dry_run, history, report_bytes, undo
from loaders.reading import read_file
from registry import queries
from registry.db import session_scope
from registry.models import Claim, Coverage, CoverageImport, ImportFile, Programme, Source

HEADER = "โครงการ,จังหวัด,อำเภอ,ตำบล,หมู่ที่,สถานะ,ปี,เป้าหมาย,หน่วย\n"
GOOD_ROWS = (
    "demo,นราธิวาส,ระแงะ,มะรือโบตก,,ดำเนินการ,2562,,\n"
    "demo,ร้อยเอ็ด,ปทุมรัตต์,หนองแคน,3,เสร็จสิ้น,2559,10,หมู่บ้าน\n"
    "demo,กาญจนบุรี,,,,,,95,ตำบล\n"
    "demo,อยุธยา,,,,planned,2564,9,เครือข่าย\n"
)
BAD_ROWS = (
    "demo,,,หนองแคน,,,,,\n"                       # ambiguous
    "demo,ร้อยเอ็ด,,หนองแคนน,,,,,\n"               # unknown
    "demo,นราธิวาส,,มะรือโบตก,,ไม่รู้,,,\n"         # invalid status
    "demo,นราธิวาส,,มะรือโบตก,,,31/02/2564,,\n"    # invalid year
    "demo,นราธิวาส,ระแงะ,มะรือโบตก,,ดำเนินการ,2562,,\n"  # duplicate of row 2
    "demo,นราธิวาส,,,,,,-5,หมู่บ้าน\n"             # negative target
)


def _csv(tmp_path, text, name="coverage.csv", encoding="utf-8-sig"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _add_programme(engine, slug="demo"):
    with session_scope(engine) as session:
        session.add(Programme(slug=slug, title_th="โครงการทดสอบ", title_en="Test programme",
                              theme="other"))


def _counts(engine):
    with session_scope(engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (Coverage, Claim, Source, ImportFile))


# ---- the pure check ---------------------------------------------------------------------------

def test_report_statuses_and_row_numbers(tmp_path):
    table = read_file(_csv(tmp_path, HEADER + GOOD_ROWS + BAD_ROWS))
    report = check_table(table)
    assert report["row"].tolist() == list(range(2, 12))
    assert report["status"].tolist() == ["matched"] * 4 + [
        "ambiguous", "unknown", "invalid", "invalid", "duplicate", "invalid"]
    assert report["area_code"].tolist()[:4] == ["960510", "45030303", "71", "14"]
    assert report["coverage_status"].tolist()[:4] == ["active", "completed", "active", "planned"]
    years = report["year"].iloc[:4]
    assert years.isna().tolist() == [False, False, True, False]
    assert years.dropna().astype(int).tolist() == [2019, 2016, 2021]
    assert report["measure"].tolist()[1:4] == ["villages", "subdistricts", "networks"]
    messages = report["message"].tolist()
    assert "490404" in report["candidates"][4] and "450303" in report["candidates"][4]
    assert "status" in messages[6] and "year" in messages[7] and "28 days" in messages[7]
    assert "row 2" in messages[8]
    assert "negative" in messages[9]
    assert report["column"].fillna("").tolist()[4:] == [
        "subdistrict", "subdistrict", "status", "year", "", "target"]


def test_programme_parameter_and_unknown_programme(tmp_path):
    table = read_file(_csv(tmp_path, "จังหวัด\nนราธิวาส\n"))
    programmes = importer.Programmes.from_rows([(1, "demo", "โครงการทดสอบ", "Test")])
    assert check_table(table, programme="Test", programmes=programmes)["status"][0] == "matched"
    report = check_table(table, programme="nope", programmes=programmes)
    assert report["status"][0] == "invalid" and "not in the registry" in report["message"][0]
    assert "programme" in check_table(table)["message"][0]


def test_a_file_without_place_columns_is_refused_with_the_columns_found(tmp_path):
    with pytest.raises(importer.ReadError, match=r"no column says where.*ชื่อ, จำนวน"):
        dry_run(_csv(tmp_path, "ชื่อ,จำนวน\nก,1\n"))


def test_figure_without_measure_is_invalid(tmp_path):
    table = read_file(_csv(tmp_path, "จังหวัด,เป้าหมาย\nนราธิวาส,9\n"))
    report = check_table(table, programme="demo")
    assert report["status"][0] == "invalid" and "measure" in report["message"][0]


def test_report_downloads(tmp_path):
    report = check_table(read_file(_csv(tmp_path, HEADER + GOOD_ROWS)))
    csv_bytes = report_bytes(report, "csv")
    assert csv_bytes.startswith(b"\xef\xbb\xbf")
    shown = pd.read_csv(io.BytesIO(csv_bytes), dtype=str, encoding="utf-8-sig")
    assert shown.columns[:6].tolist() == ["row", "status", "level", "area_code", "name_th",
                                          "name_en"]
    assert "programme_id" not in shown.columns
    assert shown["area_code"].tolist() == ["960510", "45030303", "71", "14"]
    workbook = openpyxl.load_workbook(io.BytesIO(report_bytes(report, "xlsx")))
    assert workbook.active.cell(1, 1).value == "row"


def test_points_fill_the_subdistrict(tmp_path):
    import geopandas as gpd
    from shapely.geometry import box

    polygons = gpd.GeoDataFrame({"code": ["960510"]}, geometry=[box(101, 6, 102, 7)],
                                crs="EPSG:4326")
    table = read_file(_csv(tmp_path, "lat,lon\n6.5,101.5\n20,100\n"))
    report = check_table(table, programme="demo", subdistricts=polygons)
    assert report["status"].tolist()[0] == "matched"
    assert report["area_code"][0] == "960510"
    assert report["status"][1] != "matched" and "point" in report["message"][1]


# ---- the registry (SQLite and PostgreSQL) -----------------------------------------------------

@pytest.fixture
def registry(areas_engine):
    _add_programme(areas_engine)
    return areas_engine


def test_a_file_with_rows_needing_attention_stores_nothing(registry, tmp_path):
    before = _counts(registry)
    dry = dry_run(_csv(tmp_path, HEADER + GOOD_ROWS + BAD_ROWS), engine=registry)
    with pytest.raises(importer.ImportFailed, match="6 of 10 rows need attention"):
        commit(registry, dry)
    assert _counts(registry) == before


def test_commit_stores_the_rows_citing_one_source_of_the_archived_file(registry, tmp_path):
    path = _csv(tmp_path, HEADER + GOOD_ROWS)
    dry = dry_run(path, engine=registry)
    sources_before = _counts(registry)[2]
    result = commit(registry, dry, imported_by="tester")
    assert (result.added, result.unchanged) == (4, 0)
    assert _counts(registry)[2] == sources_before + 1, "one source for the whole file"
    with session_scope(registry) as session:
        archived = session.get(ImportFile, result.import_id)
        assert archived.content == path.read_bytes() and archived.content_sha256 == dry.sha256
        rows = session.execute(select(Coverage.level, Coverage.area_code, Coverage.village_no,
                                      Coverage.status, Coverage.year, CoverageImport.row_number,
                                      Source.import_file_id, Coverage.is_synthetic)
                               .join(Source, Source.id == Coverage.source_id)
                               .join(CoverageImport, CoverageImport.coverage_id == Coverage.id)
                               .order_by(CoverageImport.row_number)).all()
        claims = session.execute(select(Claim.measure, Claim.within_code,
                                        Claim.within_village_no, Claim.value, Claim.kind)).all()
    assert [tuple(r) for r in rows] == [
        ("subdistrict", "960510", 0, "active", 2019, 2, result.import_id, False),
        ("village", "450303", 3, "completed", 2016, 3, result.import_id, False),
        ("province", "71", 0, "active", None, 4, result.import_id, False),
        ("province", "14", 0, "planned", 2021, 5, result.import_id, False),
    ]
    assert sorted(tuple(c) for c in claims) == [
        ("networks", "14", 0, 9.0, "target"), ("subdistricts", "71", 0, 95.0, "target"),
        ("villages", "450303", 3, 10.0, "target")]


def test_a_synthetic_import_marks_its_rows_and_figures(registry, tmp_path):
    commit(registry, dry_run(_csv(tmp_path, HEADER + GOOD_ROWS), engine=registry),
           synthetic=True)
    with session_scope(registry) as session:
        flags = set(session.scalars(select(Coverage.is_synthetic)
                                    .where(Coverage.source_id.in_(
                                        select(Source.id).where(Source.kind == "import")))))
        claim_flags = set(session.scalars(select(Claim.is_synthetic).where(
            Claim.source_id.in_(select(Source.id).where(Source.kind == "import")))))
    assert flags == {True} and claim_flags == {True}


@pytest.mark.parametrize("text", ["inf", "-inf", "1e309", "nan", "NaN", "Infinity",
                                  "2000000000"])
def test_figures_must_be_finite_and_in_range(tmp_path, text):
    report = check_table(read_file(_csv(tmp_path, HEADER + f"demo,กาญจนบุรี,,,,,,{text},ตำบล\n")))
    assert report["status"].tolist() == ["invalid"]
    assert report["column"].tolist() == ["target"]
    assert "finite" in report["message"][0] or "largest figure" in report["message"][0]


@pytest.mark.parametrize("value", [float("inf"), float("nan"), 2e9])
def test_the_database_refuses_figures_out_of_range(registry, value):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), session_scope(registry) as session:
        programme_id = session.scalar(select(Programme.id).where(Programme.slug == "demo"))
        source = Source(kind="edit", file_name="test", created_at=pd.Timestamp.now(),
                        created_by="test")
        session.add(source)
        session.flush()
        session.add(Claim(programme_id=programme_id, measure="villages", value=value,
                          kind="target", source_id=source.id))
        session.flush()


def test_undo_keeps_rows_another_import_still_gives(registry, tmp_path):
    rows = GOOD_ROWS.splitlines(True)
    initial = _counts(registry)
    a = commit(registry, dry_run(_csv(tmp_path, HEADER + "".join(rows[0:2]), name="a.csv"),
                                 engine=registry))
    b_path = _csv(tmp_path, HEADER + "".join(rows[1:3]), name="b.csv")
    b = commit(registry, dry_run(b_path, engine=registry))
    assert (b.added, b.unchanged) == (1, 1)
    before_undo = _counts(registry)
    result = undo(registry, a.import_id)
    assert (result.removed_coverage, result.kept_coverage) == (1, 1)
    assert (result.removed_claims, result.kept_claims) == (0, 1)
    assert _counts(registry)[:2] == (before_undo[0] - 1, before_undo[1])
    with session_scope(registry) as session:
        cited = session.execute(select(Coverage.area_code, Source.import_file_id)
                                .join(Source, Source.id == Coverage.source_id)
                                .where(Source.kind == "import")
                                .order_by(Coverage.area_code)).all()
    assert [tuple(c) for c in cited] == [("450303", b.import_id), ("71", b.import_id)]
    again = commit(registry, dry_run(b_path, engine=registry))
    assert again.already_imported, "B still stands: nothing to re-import"
    undo(registry, b.import_id)
    assert _counts(registry)[:3] == initial[:3], "rows, figures and sources all withdrawn"
    b_again = commit(registry, dry_run(b_path, engine=registry))
    assert (b_again.added, b_again.unchanged) == (2, 0), "re-import after undo works"
    a_again = commit(registry, dry_run(tmp_path / "a.csv", engine=registry))
    assert (a_again.added, a_again.unchanged) == (1, 1)


def test_simultaneous_undos_of_one_import_happen_once(registry, tmp_path):
    import threading

    from registry import audit

    result = commit(registry, dry_run(_csv(tmp_path, HEADER + GOOD_ROWS), engine=registry))
    outcomes, start = [], threading.Barrier(4)

    def run():
        start.wait()
        try:
            outcomes.append(undo(registry, result.import_id).removed_coverage)
        except importer.ImportFailed as error:
            outcomes.append(str(error))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(outcomes, key=str).count(4) == 1, outcomes
    assert sum("already undone" in str(o) for o in outcomes) == 3, outcomes
    with session_scope(registry) as session:
        log = audit.entries(session, import_file_id=result.import_id)
    assert log["action"].tolist() == ["import_undo", "import"]


def test_a_figure_already_stored_is_not_stored_twice(registry, tmp_path):
    first = "demo,กาญจนบุรี,,,,,2562,95,ตำบล\n"
    commit(registry, dry_run(_csv(tmp_path, HEADER + first), engine=registry))
    later = _csv(tmp_path, HEADER + first.replace("2562", "2563"), name="later.csv")
    result = commit(registry, dry_run(later, engine=registry))
    assert result.added == 1  # the 2563 coverage row; its figure was already there
    assert _counts(registry)[:2] == (2, 1)


def test_two_figures_for_one_area_in_a_file_are_duplicates(tmp_path):
    rows = "demo,กาญจนบุรี,,,,,2562,95,ตำบล\ndemo,กาญจนบุรี,,,,,2563,96,ตำบล\n"
    report = check_table(read_file(_csv(tmp_path, HEADER + rows)))
    assert report["status"].tolist() == ["matched", "duplicate"]
    assert "row 2" in report["message"][1]


def test_reimporting_the_same_file_changes_nothing(registry, tmp_path):
    path = _csv(tmp_path, HEADER + GOOD_ROWS)
    first = commit(registry, dry_run(path, engine=registry))
    before = _counts(registry)
    second = commit(registry, dry_run(path, engine=registry))
    assert second.already_imported and second.import_id == first.import_id
    assert _counts(registry) == before


def test_a_different_file_with_the_same_rows_adds_nothing(registry, tmp_path):
    commit(registry, dry_run(_csv(tmp_path, HEADER + GOOD_ROWS), engine=registry))
    before = _counts(registry)
    other = _csv(tmp_path, HEADER + GOOD_ROWS + "\n", name="again.csv")
    result = commit(registry, dry_run(other, engine=registry))
    assert (result.added, result.unchanged) == (0, 4)
    assert _counts(registry)[:2] == before[:2]
    assert _counts(registry)[2] == before[2] + 1, "its file is a source of the rows too"


def test_failure_mid_commit_leaves_the_registry_unchanged(registry, tmp_path):
    first_row = HEADER + GOOD_ROWS.splitlines(True)[0]
    commit(registry, dry_run(_csv(tmp_path, first_row), engine=registry))
    before = _counts(registry)
    dry = dry_run(_csv(tmp_path, HEADER + GOOD_ROWS, name="second.csv"), engine=registry)
    with pytest.raises(RuntimeError, match="injected"):
        commit(registry, dry, fail_after=2)
    assert _counts(registry) == before


def test_undo_removes_only_what_the_import_added(registry, tmp_path):
    first = commit(registry, dry_run(_csv(tmp_path, HEADER + GOOD_ROWS.splitlines(True)[0]),
                                     engine=registry))
    after_first = _counts(registry)
    second = commit(registry, dry_run(_csv(tmp_path, HEADER + GOOD_ROWS, name="all.csv"),
                                      engine=registry))
    assert second.added == 3  # row 2 was already stored by the first import
    result = undo(registry, second.import_id)
    assert (result.removed_coverage, result.removed_claims) == (3, 3)
    assert _counts(registry)[:3] == after_first[:3]  # the first import's row is still there
    # Each imported figure belongs to one indicator of its programme; the indicators only
    # the undone import's figures made go with them.
    assert len(queries.indicators(registry)) == queries.claims(registry)[
        ["programme_id", "measure", "level", "within_code"]].drop_duplicates().shape[0]
    with pytest.raises(importer.ImportFailed, match="already undone"):
        undo(registry, second.import_id)
    with pytest.raises(importer.ImportFailed, match="no import #999"):
        undo(registry, 999)
    table = history(registry)
    assert table["import_id"].tolist() == [second.import_id, first.import_id]
    assert table["rows"].tolist() == [0, 1]
    assert table["undone_at"].notna().tolist() == [True, False]


def test_an_undone_file_can_be_imported_again(registry, tmp_path):
    path = _csv(tmp_path, HEADER + GOOD_ROWS)
    first = commit(registry, dry_run(path, engine=registry))
    undo(registry, first.import_id)
    again = commit(registry, dry_run(path, engine=registry))
    assert again.import_id == first.import_id and again.added == 4


def test_commit_and_undo_are_audited(registry, tmp_path):
    from registry import audit

    result = commit(registry, dry_run(_csv(tmp_path, HEADER + GOOD_ROWS), engine=registry),
                    imported_by="editor1")
    undo(registry, result.import_id, undone_by="admin1")
    with session_scope(registry) as session:
        log = audit.entries(session, import_file_id=result.import_id)
    assert log["action"].tolist() == ["import_undo", "import"]
    assert log["username"].tolist() == ["admin1", "editor1"]
    assert audit.loads(log["after"].iloc[1])["added"] == 4
    assert audit.loads(log["before"].iloc[0]) == {"coverage": 4, "claims": 3}


def test_simultaneous_overlapping_imports_lose_nothing(registry, tmp_path):
    import threading

    rows = GOOD_ROWS.splitlines(True)
    first = dry_run(_csv(tmp_path, HEADER + "".join(rows[:3]), name="a.csv"), engine=registry)
    second = dry_run(_csv(tmp_path, HEADER + "".join(rows[1:]), name="b.csv"), engine=registry)
    results, errors = [], []
    start = threading.Barrier(2)

    def run(dry):
        start.wait()
        try:
            results.append(commit(registry, dry))
        except Exception as error:  # the test reports any, it must be none
            errors.append(error)

    threads = [threading.Thread(target=run, args=(dry,)) for dry in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    assert sorted(r.added for r in results) in ([1, 3], [2, 2])  # the 2 shared rows once
    assert sum(r.added for r in results) == 4
    assert _counts(registry)[:2] == (4, 3)


def test_report_download_neutralises_formulas(tmp_path):
    table = read_file(_csv(tmp_path, "โครงการ,จังหวัด\n=HYPERLINK(\"http://x\"),นราธิวาส\n"
                                     "@SUM(1),=1+1\n"))
    text = report_bytes(check_table(table), "csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(1)" in text
    assert ",=" not in text and ",@" not in text and '"=' not in text
    workbook = openpyxl.load_workbook(io.BytesIO(report_bytes(check_table(table), "xlsx")))
    values = [cell.value for row in workbook.active.iter_rows() for cell in row]
    assert not any(isinstance(v, str) and v.startswith(("=", "@")) for v in values)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=6), min_size=1,
                      max_size=8),
       header=st.permutations(["จังหวัด", "อำเภอ", "ตำบล", "ปี", "สถานะ", "เป้าหมาย"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp874"]))
def test_fuzzed_files_never_raise_anything_but_read_error(cells, header, encoding):
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(cells)
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buffer.getvalue().encode("utf-8")
    try:
        table = read_file(data, filename="fuzz.csv")
    except importer.ReadError:
        return
    report = check_table(table, programme="demo")
    assert len(report) == len(table.frame)
    assert set(report["status"]) <= set(importer.STATUSES)


# ---- the command line -------------------------------------------------------------------------

def _cli(*args):
    """`python -m loaders import …` in this process (the gazetteer is built once)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", *map(str, args)])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def test_cli_in_a_fresh_process_fails_cleanly(tmp_path):
    broken = _csv(tmp_path, "x", name="fake.xlsx")
    done = subprocess.run([sys.executable, "-m", "loaders", "import", str(broken), "--dry-run",
                           "--database-url", f"sqlite:///{tmp_path / 'r.sqlite'}"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "not a valid .xlsx" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_exit_codes(registry, tmp_path):
    url = registry.url.render_as_string(hide_password=False)
    good = _csv(tmp_path, HEADER + GOOD_ROWS, encoding="cp874")
    mixed = _csv(tmp_path, HEADER + GOOD_ROWS + BAD_ROWS, name="mixed.csv")
    report = tmp_path / "report.csv"

    done = _cli("--history", "--database-url", url)  # first start: the registry gets seeded
    assert done.returncode == 0, done.stderr
    before = _counts(registry)

    done = _cli(good, "--dry-run", "--database-url", url)
    assert done.returncode == 0, done.stderr
    assert "4 matched" in done.stdout and "cp874" in done.stdout
    assert _counts(registry) == before

    done = _cli(mixed, "--report", report, "--database-url", url)
    assert done.returncode == 1, done.stderr
    assert "6 rows need attention: nothing stored" in done.stdout
    shown = pd.read_csv(report, dtype=str, encoding="utf-8-sig")
    assert {"row", "status", "level", "area_code", "message", "candidates"} <= set(shown.columns)
    assert shown["status"].value_counts().to_dict() == {"matched": 4, "invalid": 3,
                                                        "ambiguous": 1, "unknown": 1,
                                                        "duplicate": 1}
    assert _counts(registry) == before, "exit 1 stores nothing"

    done = _cli(good, "--database-url", url)
    assert done.returncode == 0, done.stderr
    assert _counts(registry)[0] == before[0] + 4
    import_id = history(registry)["import_id"].iloc[0]

    done = _cli("--undo", import_id, "--database-url", url)
    assert done.returncode == 0 and "undone" in done.stdout
    assert _counts(registry)[:3] == before[:3]

    for broken in (tmp_path / "missing.csv", _csv(tmp_path, "x", name="fake.xlsx")):
        done = _cli(broken, "--database-url", url)
        assert done.returncode == 2
        assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    done = _cli("--undo", 999, "--database-url", url)
    assert done.returncode == 2 and "no import #999" in done.stderr


def test_cli_flags_codes_without_polygons_and_matches_nothing_cleanly(registry, tmp_path):
    url = registry.url.render_as_string(hide_password=False)
    # 100910 is a current DOPA code the shared 2019 layers do not draw
    done = _cli(_csv(tmp_path, "รหัส\n100910\n"), "--programme", "demo", "--database-url", url)
    assert done.returncode == 0, done.stderr
    assert "1 matched rows have no polygon" in done.stdout
    done = _cli(_csv(tmp_path, "ตำบล\nหนองแคน\n", name="b.csv"), "--programme", "demo",
                "--database-url", url)
    assert done.returncode == 1 and "nothing stored" in done.stdout


def test_dry_run_says_which_rows_are_already_stored(registry, tmp_path):
    path = _csv(tmp_path, HEADER + GOOD_ROWS)
    commit(registry, dry_run(path, engine=registry))
    other = _csv(tmp_path, HEADER + GOOD_ROWS.splitlines(True)[0] +
                 "demo,นราธิวาส,ระแงะ,มะรือโบตก,,ดำเนินการ,2563,,\n", name="next.csv")
    messages = dry_run(other, engine=registry).report["message"].tolist()
    assert "already in the registry" in messages[0]
    assert "already in the registry" not in messages[1]


def test_start_and_end_dates_are_checked(tmp_path):
    text = ("จังหวัด,วันที่เริ่ม,วันที่สิ้นสุด\nนราธิวาส,1 มิ.ย. 2562,31 พ.ค. 2567\n"
            "นราธิวาส,31/02/2564,\nนราธิวาส,2567-05-31,2019-06-01\n")
    report = check_table(read_file(_csv(tmp_path, text)), programme="demo")
    assert report["status"].tolist() == ["matched", "invalid", "invalid"]
    assert "start:" in report["message"][1] and "28 days" in report["message"][1]
    assert "after the end" in report["message"][2]


# ---- the template -----------------------------------------------------------------------------

@pytest.mark.parametrize(("fmt", "name"), [("xlsx", "template.xlsx"), ("csv", "template.csv")])
def test_template_reads_back_and_its_example_row_matches(fmt, name):
    from loaders.template import COLUMNS, template_csv, template_xlsx

    data = template_xlsx() if fmt == "xlsx" else template_csv()
    if fmt == "csv":
        assert data.startswith(b"\xef\xbb\xbf")
    table = read_file(data, filename=name)
    assert table.row_numbers == [4]
    assert set(table.mapping) == {"programme", "province", "district", "subdistrict", "village",
                                  "code", "status", "year", "target", "measure", "organisation",
                                  "start", "end"}
    assert list(table.hxl.values()) == [column[2] for column in COLUMNS]
    report = check_table(table, programme="demo")
    assert report[["status", "area_code", "year", "coverage_status"]].iloc[0].tolist() == [
        "matched", "960510", 2019, "active"]


HOSTILE_FILES = {
    "long-cell.csv": b"province\n" + b"x" * 131_073 + b"\n",
    "bom-then-junk.csv": b"\xef\xbb\xbfprovince\n\xff\xfe\xfa\n",
    "odd-utf16.csv": b"\xff\xfep\x00r\x00o\x00v",
    "wide.csv": b"a," * 300_000 + b"a\n",
    "no-coordinates.geojson": b'{"features": [{"geometry": {"type": "Point"}}]}',
    "one-coordinate.geojson": b'{"features": [{"geometry": {"type": "Point", '
                              b'"coordinates": [1]}}]}',
    "numbers.geojson": b'{"features": [1, 2]}',
    "list-properties.geojson": b'{"features": [{"geometry": {"type": "Point", '
                               b'"coordinates": [1, 2]}, "properties": [1]}]}',
    "deep.geojson": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_cli_unreadable_files_exit_2_with_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(HOSTILE_FILES[name])
    done = _cli(path, "--dry-run", "--database-url", f"sqlite:///{tmp_path / 'r.sqlite'}")
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr
    assert not (tmp_path / "r.sqlite").exists(), "an unreadable file never opens the registry"


def test_cli_unsupported_database_exits_2_with_a_message(tmp_path):
    done = _cli("--history", "--database-url", "mysql://user:hunter2xyz@db.example/registry")
    assert done.returncode == 2
    assert "mysql databases are not supported" in done.stderr and "hunter2xyz" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_migration_links_the_rows_of_earlier_imports(database_url):

    from registry.areas import sync_areas
    from registry.db import get_engine, migrate
    from registry.models import ClaimImport

    engine = get_engine(database_url)
    migrate(engine, "0003")
    now = "2026-11-01 00:00:00"
    with session_scope(engine) as session:
        sync_areas(session)
    # Rows as the 0003 schema holds them (raw SQL: today's models describe a newer schema).
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO programmes (id, slug, title_th, theme,"
                                " is_synthetic) VALUES (1, 'demo', 'ทดสอบ', 'other', false)"))
        for number, undone in ((1, None), (2, now)):
            connection.execute(text(
                "INSERT INTO import_files (id, file_name, content_sha256, content, size,"
                " imported_at, imported_by, undone_at) VALUES (:id, :name, :sha, :content, 1,"
                " :now, 't', :undone)"), {"id": number, "name": f"{number}.csv",
                                          "sha": str(number) * 64, "content": b"x",
                                          "now": now, "undone": undone})
            connection.execute(text(
                "INSERT INTO sources (id, kind, file_name, content_sha256, quote, created_at,"
                " created_by, import_file_id) VALUES (:id, 'import', :name, :sha, 'row 7',"
                " :now, 't', :id)"), {"id": number, "name": f"{number}.csv",
                                      "sha": str(number) * 64, "now": now})
        connection.execute(text(
            "INSERT INTO coverage (programme_id, level, area_code, village_no, status,"
            " source_id, is_synthetic) VALUES (1, 'province', '96', 0, 'active', 1, false)"))
        connection.execute(text(
            "INSERT INTO claims (programme_id, measure, within_code, within_village_no, value,"
            " kind, source_id, is_synthetic, natural_key) VALUES (1, 'villages', '96', 0, 5,"
            " 'target', 1, false, 'villages||96|target|')"))
    migrate(engine)
    with session_scope(engine) as session:
        links = session.execute(select(CoverageImport.import_file_id,
                                       CoverageImport.row_number)).all()
        claim_links = session.execute(select(ClaimImport.import_file_id)).all()
    assert [tuple(link) for link in links] == [(1, 7)] and len(claim_links) == 1
    result = undo(engine, 1)
    assert (result.removed_coverage, result.removed_claims) == (1, 1)
    engine.dispose()
