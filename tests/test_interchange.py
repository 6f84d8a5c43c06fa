"""CSV export and re-import of the whole registry, and the `python -m loaders export` command."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import random
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import Engine, func, select, text

from escaping import neutralise_for_round_trip, restore_round_trip
from loaders.cli import main
from loaders.interchange import (
    COLUMNS,
    IMPORT_FILES_DIR,
    LOGOS_DIR,
    InterchangeError,
    export_registry,
    import_registry,
)
from registry import audit, logos, queries, upsert
from registry.areas import sync_areas
from registry.db import get_engine, migrate, session_scope
from registry.models import AuditEntry, ImportFile
from tests import seed_facts as facts

# Children before parents; areas stay (both sides share the gazetteer).
REGISTRY_TABLES = ("organisation_logos", "networks", "place_mentions", "claims", "coverage",
                   "partner_roles", "programme_sources", "programmes", "organisations", "sources",
                   "import_files")
UPLOAD = "รหัส,จำนวน\n71,95\n".encode()
LOGO_ORGANISATIONS = ("codi", "=HYPERLINK(x)")


def _speckled(kind: str) -> bytes:
    """A busy picture: re-encoding it as JPEG would change its bytes, so a round trip that
    keeps them shows the logo is carried as stored, not encoded again."""
    generator = random.Random(7)
    image = Image.frombytes("RGB", (90, 60), bytes(generator.randrange(256)
                                                   for _ in range(90 * 60 * 3)))
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


def _logos(engine: Engine) -> dict[str, tuple]:
    return {row.slug: (bytes(row.content), row.media_type, row.width, row.height,
                       row.uploaded_at, row.uploaded_by)
            for row in queries.logos(engine).itertuples()}


def _logo_uploads(engine: Engine) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == logos.UPLOAD))


def _wipe(engine: Engine) -> None:
    with engine.begin() as connection:
        for table in REGISTRY_TABLES:
            connection.execute(text(f"DELETE FROM {table}"))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _add_every_kind_of_row(engine: Engine) -> None:
    """Rows the seed lacks: villages, imports, numbered networks, formula-like text."""
    with session_scope(engine) as session:
        upload = ImportFile(file_name="=cmd|'/C calc'!A0.csv",
                            content_sha256=hashlib.sha256(UPLOAD).hexdigest(),
                            content=UPLOAD, size=len(UPLOAD),
                            imported_at=dt.datetime(2024, 3, 1, 9, 30, 15, 123456),
                            imported_by="+editor", undone_at=dt.datetime(2024, 3, 2, 8, 0))
        session.add(upload)
        session.flush()
        source, _ = upsert.upsert_source(session, kind="import", file_name=upload.file_name,
                                         content_sha256=upload.content_sha256,
                                         quote="-row 2", note="@note, with comma",
                                         created_by="editor", import_file_id=upload.id)
        edit, _ = upsert.upsert_source(session, kind="edit", file_name="", quote="",
                                       created_by="'quoted", note='say "hi"\nnew line')
        org, _ = upsert.upsert_organisation(session, "=HYPERLINK(x)", name_th="-ชื่อ",
                                            org_type="other", province_code="71")
        programme, _ = upsert.upsert_programme(
            session, "synthetic-demo", title_th="=1+1", theme="other", is_synthetic=True,
            start_on=dt.date(2020, 2, 29), end_on=dt.date(2020, 3, 1))
        upsert.cite_programme(session, programme.id, source.id, "title")
        upsert.upsert_partner_role(session, programme_id=programme.id,
                                   organisation_id=org.id, role="funder", source_id=edit.id)
        for code, year in (("71010112", 2020), ("71010112", None), ("7101", None)):
            level = "village" if len(code) == 8 else "district"
            upsert.upsert_coverage(session, programme_id=programme.id, level=level, code=code,
                                   status="active", year=year, source_id=source.id,
                                   is_synthetic=True)
        upsert.upsert_claim(session, programme_id=programme.id, measure="households",
                            level=None, within_code="710101", value=12.5, kind="actual",
                            qualifier="about", as_of=dt.date(2024, 2, 29), source_id=source.id,
                            is_synthetic=True)
        upsert.upsert_claim(session, programme_id=programme.id, measure="households",
                            level=None, within_code="71010112", value=40, kind="target",
                            source_id=edit.id, is_synthetic=True)
        # A figure for one period at month precision, and the indicator's baseline.
        upsert.upsert_claim(session, programme_id=programme.id, measure="households",
                            level=None, within_code="710101", value=20, kind="actual",
                            as_of="2024-06", period="2024", source_id=source.id,
                            is_synthetic=True)
        upsert.upsert_indicator(session, programme_id=programme.id, measure="households",
                                level=None, within_code="710101", title_th="=ครัวเรือนต้นแบบ",
                                baseline={"value": 5, "qualifier": "about", "as_of": "2023",
                                          "source_id": edit.id})
        upsert.upsert_network(session, programme_id=programme.id, number=3, area_code="71",
                              source_id=source.id)
        upsert.upsert_place_mention(session, programme_id=programme.id,
                                    name_as_written="บ้านไม่มีชื่อ", level="village",
                                    resolution="unknown", candidate_codes=[],
                                    source_id=source.id)
        for slug, kind in zip(LOGO_ORGANISATIONS, ("PNG", "JPEG"), strict=True):
            logos.store_logo(session, slug, _speckled(kind), "+admin")


@pytest.fixture
def full_engine(seeded_engine) -> Engine:
    _add_every_kind_of_row(seeded_engine)
    return seeded_engine


def test_round_trip_gives_byte_identical_files(full_engine, tmp_path):
    export_registry(full_engine, tmp_path / "first")
    _wipe(full_engine)
    assert queries.programmes(full_engine).empty
    with session_scope(full_engine) as session:
        report = import_registry(session, tmp_path / "first")
    assert {action for _name, action in report} == {"inserted"}
    export_registry(full_engine, tmp_path / "second")
    first, second = _files(tmp_path / "first"), _files(tmp_path / "second")
    upload = f"{IMPORT_FILES_DIR}/{hashlib.sha256(UPLOAD).hexdigest()}"
    pictures = {f"{LOGOS_DIR}/{hashlib.sha256(content).hexdigest()}"
                for content, *_ in _logos(full_engine).values()}
    assert len(pictures) == len(LOGO_ORGANISATIONS)
    assert set(first) == set(COLUMNS) | {upload} | pictures
    assert first == second


def test_round_trip_across_back_ends(full_engine, tmp_path):
    export_registry(full_engine, tmp_path / "first")
    other = get_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")
    migrate(other)
    with session_scope(other) as session:
        sync_areas(session)
        import_registry(session, tmp_path / "first")
    export_registry(other, tmp_path / "second")
    other.dispose()
    assert _files(tmp_path / "first") == _files(tmp_path / "second")


def test_importing_into_the_same_registry_changes_nothing(full_engine, tmp_path):
    export_registry(full_engine, tmp_path)
    with session_scope(full_engine) as session:
        report = import_registry(session, tmp_path)
    assert {action for _name, action in report} == {"unchanged"}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_logos_arrive_byte_identical_audited_and_only_once(full_engine, tmp_path):
    stored = _logos(full_engine)
    assert set(stored) == set(LOGO_ORGANISATIONS)
    export_registry(full_engine, tmp_path)
    index = {row["organisation_id"]: row for row in _read(tmp_path / "logos.csv")}
    assert index["'=HYPERLINK(x)"]["media_type"] == "image/jpeg"  # formula-safe slug
    _wipe(full_engine)
    assert queries.logos(full_engine).empty
    uploads = _logo_uploads(full_engine)
    with session_scope(full_engine) as session:
        report = import_registry(session, tmp_path, by="mover")
    assert report["logos.csv", "inserted"] == len(LOGO_ORGANISATIONS)
    assert _logos(full_engine) == stored  # bytes, size, who and when as exported
    with session_scope(full_engine) as session:
        logged = audit.entries(session, actions=[logos.UPLOAD]).head(len(LOGO_ORGANISATIONS))
    assert set(logged["entity_id"]) == set(LOGO_ORGANISATIONS)
    assert set(logged["username"]) == {"mover"}
    assert _logo_uploads(full_engine) == uploads + len(LOGO_ORGANISATIONS)
    with session_scope(full_engine) as session:
        again = import_registry(session, tmp_path, by="mover")
    assert again["logos.csv", "unchanged"] == len(LOGO_ORGANISATIONS)
    assert _logos(full_engine) == stored
    assert _logo_uploads(full_engine) == uploads + len(LOGO_ORGANISATIONS)


def _swap_logo(folder: Path, slug: str, content: bytes) -> int:
    """Puts `content` in place of `slug`'s logo, its row's SHA-256 made to match (so only
    the image check can refuse it); returns the row's line."""
    path = folder / "logos.csv"
    rows = _read(path)
    line, row = next((line, row) for line, row in enumerate(rows, start=2)
                     if row["organisation_id"] == slug)
    (folder / LOGOS_DIR / row["content_sha256"]).unlink()
    row["content_sha256"] = hashlib.sha256(content).hexdigest()
    (folder / LOGOS_DIR / row["content_sha256"]).write_bytes(content)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return line


@pytest.mark.parametrize(("tamper", "message"), [
    ("script", "is not a readable PNG or JPEG image"),
    ("trailer", "carries more than the image"),
    ("resized", "is not what its row says"),
])
def test_a_tampered_logo_is_refused_naming_row_and_remedy(full_engine, tmp_path, tamper,
                                                          message):
    export_registry(full_engine, tmp_path)
    content = _logos(full_engine)["codi"][0]
    _wipe(full_engine)
    smaller = io.BytesIO()
    Image.open(io.BytesIO(content)).resize((40, 30)).save(smaller, "PNG")
    swapped = {"script": b"<script>alert(1)</script>", "trailer": content + b"<script>",
               "resized": smaller.getvalue()}[tamper]
    line = _swap_logo(tmp_path, "codi", swapped)
    with pytest.raises(InterchangeError) as refused, session_scope(full_engine) as session:
        import_registry(session, tmp_path)
    assert str(refused.value).startswith(
        f"logos.csv, line {line}: {LOGOS_DIR}/{hashlib.sha256(swapped).hexdigest()} is refused "
        "as codi's logo")
    assert message in str(refused.value)
    assert "put back the file from the original export, or delete this row" in str(
        refused.value)
    assert queries.logos(full_engine).empty and queries.programmes(full_engine).empty


def test_a_logo_whose_file_changed_is_refused_by_the_command(full_engine, tmp_path, capsys):
    export_registry(full_engine, tmp_path)
    picture = next((tmp_path / LOGOS_DIR).iterdir())
    picture.write_bytes(picture.read_bytes()[:-1])
    _wipe(full_engine)
    url = full_engine.url.render_as_string(hide_password=False)
    assert main(["import-registry", str(tmp_path), "--database-url", url]) == 1
    error = capsys.readouterr().err
    assert f"{LOGOS_DIR}/{picture.name} does not match its SHA-256" in error
    assert "nothing was loaded" in error and "Traceback" not in error
    assert queries.logos(full_engine).empty


def test_export_writes_dates_as_edtf_at_their_precision(full_engine, tmp_path):
    export_registry(full_engine, tmp_path)
    programmes = {row["programme_id"]: row for row in _read(tmp_path / "programmes.csv")}
    four_agency = programmes["four-agency-strong-community-mou"]
    assert (four_agency["signed_on"], four_agency["period_limit"]) == (
        "2016-09-07/2016-09-08", "P3Y")
    kanchanaburi = programmes["kanchanaburi-community-organisations-mou"]
    assert (kanchanaburi["start_on"], kanchanaburi["end_on"]) == ("2019-06", "2024-05")
    events = {(row["kind"], row["held"]) for row in _read(tmp_path / "events.csv")}
    assert ("meeting", "2021-02-23") in events
    sources = _read(tmp_path / "sources.csv")
    assert {"ผนึก 4 พลัง ร่วมขับเคลื่อนชุมชนท้องถิ่นเข้มแข็ง", ""} <= {
        row["title"] for row in sources}  # 004 has no headline
    assert "2015-11-25" in {row["published"] for row in sources}


def test_document_notes_in_both_languages_go_out_and_come_back(full_engine, tmp_path):
    export_registry(full_engine, tmp_path)
    exported = {row["file_name"]: (row["document_note"], row["document_note_en"])
                for row in _read(tmp_path / "sources.csv")}
    notes = facts.document_notes()
    assert notes and all(english for _thai, english in notes.values())
    assert {name: exported[name] for name in notes} == notes
    _wipe(full_engine)
    with session_scope(full_engine) as session:
        import_registry(session, tmp_path)
    back = queries.sources(full_engine).drop_duplicates("file_name").set_index("file_name")
    assert {name: (back.at[name, "document_note"], back.at[name, "document_note_en"])
            for name in notes} == notes


def test_an_export_from_before_events_and_document_details_still_imports(full_engine,
                                                                          tmp_path):
    export_registry(full_engine, tmp_path)
    (tmp_path / "events.csv").unlink()
    (tmp_path / "logos.csv").unlink()
    with (tmp_path / "sources.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    old = [name for name in rows[0] if name not in
           ("title", "publisher", "published", "url", "document_note", "document_note_en")]
    with (tmp_path / "sources.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, old, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    _wipe(full_engine)
    with session_scope(full_engine) as session:
        import_registry(session, tmp_path)
    assert queries.events(full_engine).empty and queries.logos(full_engine).empty
    assert queries.sources(full_engine)["title"].isna().all()


def test_export_is_excel_friendly_and_formula_safe(full_engine, tmp_path):
    export_registry(full_engine, tmp_path)
    for name, columns in COLUMNS.items():
        assert (tmp_path / name).read_bytes().startswith(f"\ufeff{columns[0]},".encode())
    programmes = {row["programme_id"]: row for row in _read(tmp_path / "programmes.csv")}
    assert programmes["synthetic-demo"]["title_th"] == "'=1+1"
    assert programmes["synthetic-demo"]["start_on"] == "2020-02-29"  # CE, ISO
    assert programmes["western-happy-community-mou"]["signed_on"] == "2015-11-17"
    organisations = {row["name_th"] for row in _read(tmp_path / "organisations.csv")}
    assert "'-ชื่อ" in organisations
    for name in COLUMNS:
        for row in _read(tmp_path / name):
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@")), (name, value)
    coverage = _read(tmp_path / "coverage.csv")
    assert {"71010112", "7101"} <= {row["area_code"] for row in coverage}
    claims = _read(tmp_path / "claims.csv")
    assert {"71010112", "710101", "71", ""} <= {row["within_code"] for row in claims}


def test_export_uses_the_issue_column_names(full_engine, tmp_path):
    export_registry(full_engine, tmp_path)
    required = {
        "programmes.csv": ["programme_id", "title_th", "title_en", "theme", "signed_on",
                           "start_on", "end_on", "source"],
        "partners.csv": ["programme_id", "organisation_th", "organisation_en", "role"],
        "coverage.csv": ["programme_id", "level", "area_code", "status", "year", "source"],
        "claims.csv": ["programme_id", "measure", "level", "within_code", "value", "kind",
                       "as_of", "source"],
    }
    for name, columns in required.items():
        header = next(csv.reader((tmp_path / name).open(encoding="utf-8-sig")))
        assert header[:len(columns)] == columns


@pytest.mark.parametrize(("cell", "written"), [
    ("=SUM(A1)", "'=SUM(A1)"), ("+66 2 000", "'+66 2 000"), ("-5", "'-5"), ("@cmd", "'@cmd"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("'quoted", "''quoted"), ("''", "'''"),
    ("ชื่อ", "ชื่อ"), ("a=b", "a=b"), ("", ""), ("2015-11-17", "2015-11-17"),
])
def test_formula_cells_are_neutralised_and_restored(cell, written):
    assert neutralise_for_round_trip(cell) == written
    assert restore_round_trip(written) == cell


def _break(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    content = path.read_text(encoding="utf-8-sig")
    assert old in content
    path.write_text(content.replace(old, new, 1), encoding="utf-8-sig")


@pytest.mark.parametrize(("name", "old", "new", "message"), [
    ("claims.csv", ",networks,,14,", ",networks,,99,",
     r"claims\.csv, line \d+: within_code '99' is not in the areas gazetteer"),
    ("claims.csv", ",target,", ",hope,", r"claims\.csv, line \d+: kind 'hope' is not one of"),
    ("coverage.csv", "province,14,active,2021", "province,14,active,2021x",
     r"coverage\.csv, line \d+: year '2021x' cannot be read"),
    ("partners.csv", "programme_id,", "programme,", r"partners\.csv: missing column\(s\) "
                                                    r"programme_id"),
    ("networks.csv", ",S", ",Snowhere", r"networks\.csv, line 2: source_ref 'Snowhere.*' is "
                                        r"not in sources\.csv"),
    ("programmes.csv", "2015-11-17", "17/11/2558", r"programmes\.csv, line \d+: signed_on"),
    ("programmes.csv", ",2019-06,", ",2019-13,", r"programmes\.csv, line \d+: start_on '2019-13'"),
    ("events.csv", "2021-02-23", "", r"events\.csv, line \d+: held is empty"),
])
def test_bad_folder_is_refused_naming_file_and_line(full_engine, tmp_path, name, old, new,
                                                     message):
    export_registry(full_engine, tmp_path)
    _wipe(full_engine)
    _break(tmp_path, name, old, new)
    with pytest.raises(InterchangeError, match=message), session_scope(full_engine) as session:
        import_registry(session, tmp_path)
    assert queries.programmes(full_engine).empty  # nothing half-imported


def test_missing_file_or_tampered_upload_is_refused(full_engine, tmp_path):
    export_registry(full_engine, tmp_path)
    upload = next((tmp_path / IMPORT_FILES_DIR).iterdir())
    upload.write_bytes(b"changed")
    with pytest.raises(InterchangeError, match="does not match its SHA-256"), \
            session_scope(full_engine) as session:
        import_registry(session, tmp_path)
    (tmp_path / "claims.csv").unlink()
    upload.write_bytes(UPLOAD)
    with pytest.raises(InterchangeError, match=r"claims\.csv is missing"), \
            session_scope(full_engine) as session:
        import_registry(session, tmp_path)


def test_export_command_writes_the_folder(database_url, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", str(out), "--database-url", database_url]) == 0
    assert "programmes.csv: 5 rows" in capsys.readouterr().out
    assert len(_read(out / "programmes.csv")) == 5


def test_export_command_reports_an_unreachable_database(tmp_path, capsys):
    code = main(["export", str(tmp_path), "--database-url",
                 "postgresql://postgres@127.0.0.1:1/registry"])
    assert code == 2
    error = capsys.readouterr().err
    assert "DATABASE_URL" in error and "Traceback" not in error


@pytest.mark.parametrize("value", ["nan", "inf", "1e309", "-1", "2e9"])
def test_claim_values_must_be_finite_and_in_range(full_engine, tmp_path, value):
    import csv

    export_registry(full_engine, tmp_path)
    _wipe(full_engine)
    path = tmp_path / "claims.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["value"] = value
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(InterchangeError, match=r"claims\.csv, line 2: value .* cannot be read"), \
            session_scope(full_engine) as session:
        import_registry(session, tmp_path)
