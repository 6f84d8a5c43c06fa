"""Import a programme's coverage from an Excel/CSV/GeoJSON file: check, commit, undo.

    python -m loaders import FILE [--sheet NAME] [--programme SLUG] [--status STATUS]
                                  [--dry-run] [--report REPORT.csv|.xlsx] [--by NAME]
    python -m loaders import --undo IMPORT_ID
    python -m loaders import --history

Each row is a programme's coverage of one area (province, district,
subdistrict or village), with an optional status, year and target/actual
figure (a figure needs a measure column: หมู่บ้าน, ตำบล, เครือข่าย …). The
programme comes from a column (slug or title) or from --programme.

1. *Check* (always; ``--dry-run`` stops here): every row gets a status —
   matched, ambiguous, unknown, inconsistent, invalid or duplicate — with a
   message, candidates and a "no polygon" flag. The report (row numbers as
   the user sees them in the file) is printed as a summary and written with
   --report.
2. *Commit*: only a file whose rows are all matched is stored (a file with
   rows needing attention stores nothing: fix them and import again); the rows
   are written in ONE transaction, all or none. The file itself is archived
   (``import_files``, by sha256), the rows cite one ``sources`` row (kind
   "import") of it, and ``coverage_imports`` / ``claim_imports`` link each row
   to the import and its row number in the file. Re-importing the same file
   changes nothing; a row whose natural key (programme, level, area, village,
   year) is already stored is left as it is but linked to this import too.
   ``--synthetic`` marks the rows as made-up (test or demonstration data).
3. *Undo*: removes this import's links; a row goes only when no other active
   import still gives it (and never a row an edit or the seed gave), so undoing
   one of two overlapping imports loses nothing. An undo happens once even when
   asked for twice at the same moment.

Figures (target, actual) are finite numbers from 0 to FIGURE_MAX.

Exit codes: 0 every row matched (and, without --dry-run, stored), 1 some rows
need attention (nothing is stored), 2 the file (or the registry) cannot be
used — with a message, no traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import math
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from dates import DateError, parse_date, parse_year
from escaping import neutralise
from geo.levels import split_village
from loaders import names
from loaders.matching import (
    DUPLICATE,
    INVALID,
    MATCHED,
    STATUSES,
    Gazetteer,
    cell_text,
    default_gazetteer,
)
from loaders.reading import DEFAULT_LIMITS, Limits, ReadError, Table, read_file, subdistricts_at
from registry import upsert
from registry.measures import measure_levels, measure_words
from registry.models import FIGURE_MAX

REPORT_COLUMNS = ["row", "status", "level", "area_code", "name_th", "name_en", "column", "message",
                  "candidates", "no_polygon", "programme", "coverage_status", "year",
                  "measure", "target", "actual"]

COVERAGE_STATUS_WORDS = {
    "planned": ("planned", "plan", "วางแผน", "แผน", "อยู่ระหว่างวางแผน", "เตรียมการ",
                "ยังไม่เริ่ม", "เป้าหมาย"),
    "active": ("active", "ongoing", "inprogress", "ดำเนินการ", "กำลังดำเนินการ",
               "อยู่ระหว่างดำเนินการ", "ดำเนินการอยู่"),
    "completed": ("completed", "complete", "done", "finished", "เสร็จสิ้น", "แล้วเสร็จ",
                  "เสร็จ", "ดำเนินการแล้ว", "สำเร็จ"),
}
_STATUS_INDEX = {re.sub(r"[\s\-_]", "", w.lower()): status
                 for status, words in COVERAGE_STATUS_WORDS.items() for w in words}
DEFAULT_STATUS = "active"
# Rows needing attention printed by the CLI; the report file has them all.
SHOWN_PROBLEMS = 20
# Rows checked or written between two calls of a `progress(done, total)` callback.
PROGRESS_EVERY = 500
# A commit that lost a race to a concurrent import is retried (it then skips the other's rows).
COMMIT_ATTEMPTS = 3


class ImportFailed(Exception):
    """The import cannot go on (no programme, registry trouble); the message says why."""


@dataclass
class Programmes:
    """The registry's programmes, findable by slug, Thai or English title."""

    by_key: dict[str, tuple[int, str]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows) -> Programmes:
        found = cls()
        for programme_id, slug, title_th, title_en in rows:
            for text in (slug, title_th, title_en):
                if text:
                    found.by_key[names.raw_key(text)] = (programme_id, slug)
        return found

    def find(self, text: str) -> tuple[int, str] | None:
        return self.by_key.get(names.raw_key(text))


@dataclass
class DryRun:
    """What a check found: the table read, the report, and the file it came from."""

    table: Table
    report: pd.DataFrame
    file_name: str
    content: bytes
    sha256: str

    @property
    def counts(self) -> dict[str, int]:
        return {status: int((self.report["status"] == status).sum()) for status in STATUSES}

    @property
    def all_matched(self) -> bool:
        return bool((self.report["status"] == MATCHED).all())

    def summary(self) -> str:
        counts = ", ".join(f"{n} {status}" for status, n in self.counts.items() if n)
        polygonless = int(self.report["no_polygon"].sum())
        lines = [f"{self.file_name}: {len(self.report)} rows — {counts or 'no data rows'}"]
        if polygonless:
            lines.append(f"{polygonless} matched rows have no polygon in the boundary layers "
                         "(stored and counted, not drawn)")
        if self.table.note:
            lines.append(self.table.note)
        return "\n".join(lines)


# ---- checking -------------------------------------------------------------------------------

def _number(value: object, column: str) -> tuple[float | None, str | None]:
    if value is None or value == "":
        return None, None
    text = cell_text(value).replace(",", "")
    if not text:
        return None, None
    try:
        number = float(text)
    except ValueError:
        return None, f"{column}: {text!r} is not a number"
    if not math.isfinite(number):
        return None, f"{column}: {text!r} is not a finite number; write the count in digits"
    if number < 0:
        return None, f"{column}: {text} is negative; counts and targets are 0 or more"
    if number > FIGURE_MAX:
        return None, (f"{column}: {text} is more than {FIGURE_MAX:,}, the largest figure the "
                      "registry holds; check the cell")
    return number, None


def _year(value: object) -> tuple[int | None, str | None]:
    """A CE year from a year cell; a whole date there gives its year."""
    if isinstance(value, str):
        return _year_text(value)
    return _year_value(value)


@lru_cache(maxsize=4096)
def _year_text(value: str) -> tuple[int | None, str | None]:
    return _year_value(value)


def _year_value(value: object) -> tuple[int | None, str | None]:
    if not cell_text(value) and not isinstance(value, dt.date):
        return None, None
    try:
        return parse_year(value), None
    except DateError as error:
        try:
            return parse_date(value).year, None
        except DateError as date_error:
            looks_like_date = isinstance(value, dt.date) or re.search(r"\D", cell_text(value))
            return None, f"year: {date_error if looks_like_date else error}"


@lru_cache(maxsize=4096)
def _coverage_status(value: object, default: str) -> tuple[str | None, str | None]:
    text = cell_text(value)
    if not text:
        return default, None
    found = _STATUS_INDEX.get(re.sub(r"[\s\-_]", "", text.lower()))
    if found is None:
        return None, (f"status: {text!r} is no status; use planned/active/completed "
                      "(วางแผน/ดำเนินการ/เสร็จสิ้น)")
    return found, None


def check_table(
    table: Table,
    gazetteer: Gazetteer | None = None,
    *,
    programme: str | None = None,
    programmes: Programmes | None = None,
    default_status: str = DEFAULT_STATUS,
    subdistricts=None,
    progress=None,
) -> pd.DataFrame:
    """The per-row report for a table: pure, no database (programmes are looked up if given).

    `subdistricts` (GeoDataFrame: code, geometry) places rows that give lat/lon
    instead of names. `progress(done, total)` is called every PROGRESS_EVERY rows
    and at the end; whatever it raises stops the check.
    """
    gazetteer = gazetteer or default_gazetteer()
    frame = table.frame
    points = None
    if subdistricts is not None and "lat" in table.mapping and "lon" in table.mapping:
        points = subdistricts_at(table.column("lat"), table.column("lon"), subdistricts)
    seen: dict[tuple, int] = {}
    records = []
    # Plain lists: indexing a DataFrame cell by cell costs more than the matching.
    blank = [None] * len(frame)
    column = {name: frame[label].tolist() for name, label in table.mapping.items()}
    rows = zip(*(column.get(name, blank) for name in ROW_FIELDS), strict=True)
    date_fields = [name for name in ("start", "end") if name in column]
    measures = _measure_index()
    for index, values in enumerate(rows):
        if progress is not None and index % PROGRESS_EVERY == 0:
            progress(index, len(frame))
        row = dict(zip(ROW_FIELDS, values, strict=True))
        code = row["code"]
        if points is not None and not cell_text(code) and not cell_text(row["subdistrict"]):
            code = points.iat[index]
        match = gazetteer.resolve(province=row["province"], district=row["district"],
                                  subdistrict=row["subdistrict"], village=row["village"],
                                  code=code, area=row["area"])
        problems = []
        if points is not None and code is None and not cell_text(row["subdistrict"]):
            problems.append("lat/lon: the point lies in no subdistrict (or is no coordinate)")
        cells = _programme_cells(row, programme, programmes, problems)
        cells |= _cells(row, default_status, date_fields, measures, problems)
        records.append(_record(table.row_numbers[index], match, cells,
                               [p for p in problems if p], seen))
    if progress is not None:
        progress(len(frame), len(frame))
    return pd.DataFrame.from_records(records, columns=[*REPORT_COLUMNS, "programme_id"])


# The fields a row is read by, in the order check_table hands them on.
ROW_FIELDS = ("province", "district", "subdistrict", "village", "code", "area", "programme",
              "status", "year", "start", "end", "target", "actual", "measure")


def _measure_index() -> dict[str, str]:
    """The words a measure column may hold (registry.measures), without spaces or marks."""
    return {_measure_key(word): code for code, words in measure_words().items()
            for word in words}


def _measure_key(text: str) -> str:
    return re.sub(r"[\s.\-_]", "", text.lower())


def _programme_cells(row: dict, programme: str | None, programmes: Programmes | None,
                     problems: list) -> dict:
    """The row's programme (its text, and its id when the registry was asked)."""
    programme_text = cell_text(row["programme"]) or (programme or "")
    programme_id = None
    if not programme_text:
        problems.append("programme: none given; add a programme column or choose one")
    elif programmes is not None:
        found = programmes.find(programme_text)
        if found is None:
            problems.append(f"programme: {programme_text!r} is not in the registry")
        else:
            programme_id, programme_text = found
    return {"programme": programme_text, "programme_id": programme_id}


def _cells(row: dict, default_status: str, date_fields: list[str],
           measures: dict[str, str], problems: list) -> dict:
    """Status, year, dates and figures of a row; what is wrong goes to `problems`, each
    problem starting with the column it is about ("year: …")."""
    status, problem = _coverage_status(row["status"], default_status)
    problems.append(problem)
    year, problem = _year(row["year"])
    problems.append(problem)
    dates = {}
    for name in date_fields:
        if cell_text(row[name]) or isinstance(row[name], dt.date):
            try:
                dates[name] = parse_date(row[name])
            except DateError as error:
                problems.append(f"{name}: {error}")
    if len(dates) == 2 and dates["start"] > dates["end"]:
        problems.append("start/end: the start date is after the end date")
    target, problem = _number(row["target"], "target")
    problems.append(problem)
    actual, problem = _number(row["actual"], "actual")
    problems.append(problem)
    measure = None
    if target is not None or actual is not None:
        measure_text = cell_text(row["measure"])
        measure = measures.get(_measure_key(measure_text))
        if measure is None:
            problems.append(f"measure: {measure_text!r} is no unit this registry counts "
                            "(หมู่บ้าน, ตำบล, เครือข่าย …)" if measure_text else
                            "measure: a target/actual figure needs a measure (unit) column")
    return {"coverage_status": status, "year": year, "measure": measure, "target": target,
            "actual": actual}


def _record(row_number: int, match, cells: dict, problems: list[str],
            seen: dict[tuple, int]) -> dict:
    """The report row: the match, made invalid by the first problem, or a duplicate of an
    earlier row (`seen`: the keys of the rows kept so far, with their row numbers)."""
    status_out, message, column = match.status, match.message, match.column
    if status_out == MATCHED and problems:
        status_out, column = INVALID, problems[0].split(":", 1)[0]
    if problems:
        message = "; ".join(filter(None, [*problems, message]))
    if status_out == MATCHED:
        programme_text, measure = cells["programme"], cells["measure"]
        key = (programme_text, match.code, cells["year"])
        # The registry keys a figure by programme, unit, area and kind, not by year.
        figure_key = (programme_text, match.code, measure) if measure else None
        if key in seen:
            status_out, column = DUPLICATE, None
            message = f"same programme, area and year as row {seen[key]}"
        elif figure_key in seen:
            status_out, column = DUPLICATE, "measure"
            message = (f"row {seen[figure_key]} already gives a {measure} figure for this "
                       "programme and area; keep one figure per area and unit")
        else:
            seen[key] = row_number
            if figure_key:
                seen[figure_key] = row_number
    return {"row": row_number, "status": status_out, "level": match.level,
            "area_code": match.code, "name_th": match.name_th, "name_en": match.name_en,
            "column": column, "message": message, "candidates": " | ".join(match.candidates),
            "no_polygon": match.no_polygon, **cells}


def public_report(report: pd.DataFrame) -> pd.DataFrame:
    """The report without internal columns, as shown and downloaded."""
    return report[REPORT_COLUMNS].copy()


def report_bytes(report: pd.DataFrame, fmt: str = "csv") -> bytes:
    """The report as a download: CSV in UTF-8 with BOM (Excel reads Thai) or XLSX.

    File text in it (names, programme, messages quoting cells) cannot become a formula.
    """
    shown = public_report(report)
    for name in shown.columns:
        shown[name] = shown[name].map(neutralise).astype(object)
    if fmt == "csv":
        return shown.to_csv(index=False).encode("utf-8-sig")
    buffer = io.BytesIO()
    shown.to_excel(buffer, index=False, sheet_name="report")
    return buffer.getvalue()


def dry_run(source: str | Path | bytes, file_name: str | None = None, *, engine=None,
            sheet: str | None = None, programme: str | None = None,
            mapping: dict[str, str] | None = None, default_status: str = DEFAULT_STATUS,
            gazetteer: Gazetteer | None = None, subdistricts=None,
            limits: Limits = DEFAULT_LIMITS, table: Table | None = None,
            progress=None) -> DryRun:
    """Read and check a file; nothing is written.

    `mapping` (field -> column label) overrides the detected columns; `table`
    is the file already read (the page reads once to offer the mapping).
    """
    if isinstance(source, (str, Path)):
        file_name = file_name or Path(source).name
    if table is None:
        table = read_file(source, filename=file_name, sheet=sheet, limits=limits)
    content = source if isinstance(source, bytes) else Path(source).read_bytes()
    if mapping is not None:
        unknown = [label for label in mapping.values() if label not in table.frame.columns]
        if unknown:
            raise ReadError(f"no column named {', '.join(map(repr, unknown))} in the file")
        table.mapping = {name: label for name, label in mapping.items() if label}
    place_fields = {"province", "district", "subdistrict", "code", "area"}
    if not place_fields & set(table.mapping) and not {"lat", "lon"} <= set(table.mapping):
        raise ReadError("no column says where: name a column จังหวัด/อำเภอ/ตำบล/รหัส "
                        "(province/district/subdistrict/code) or lat+lon, or map one by hand. "
                        f"Columns found: {', '.join(map(str, table.frame.columns))}")
    programmes = load_programmes(engine) if engine is not None else None
    report = check_table(table, gazetteer, programme=programme, programmes=programmes,
                         default_status=default_status, subdistricts=subdistricts,
                         progress=progress)
    if engine is not None:
        _note_stored_rows(engine, report)
    return DryRun(table, report, file_name or "upload", content,
                  hashlib.sha256(content).hexdigest())


# ---- the registry ---------------------------------------------------------------------------

def load_programmes(engine) -> Programmes:
    from sqlalchemy import select

    from registry.db import session_scope
    from registry.models import Programme

    with session_scope(engine) as session:
        rows = session.execute(select(Programme.id, Programme.slug, Programme.title_th,
                                      Programme.title_en)).all()
    return Programmes.from_rows(rows)


def _coverage_key(row) -> tuple:
    """(programme id, level, area code, village no, year): the coverage natural key."""
    code = row.area_code
    area_code, village_no = split_village(code)
    year = None if pd.isna(row.year) else int(row.year)
    return int(row.programme_id), row.level, area_code, village_no, year


def _stored_keys(session, programme_ids: set[int]) -> dict[tuple, int]:
    """Natural key -> id of the coverage rows these programmes already hold."""
    from sqlalchemy import select

    from registry.models import Coverage

    return {tuple(key): coverage_id for coverage_id, *key in session.execute(
        select(Coverage.id, Coverage.programme_id, Coverage.level, Coverage.area_code,
               Coverage.village_no, Coverage.year)
        .where(Coverage.programme_id.in_(programme_ids))).all()}


def _note_stored_rows(engine, report: pd.DataFrame) -> None:
    """Tell the user which matched rows the registry already holds (commit leaves them)."""
    from registry.db import session_scope

    matched = report[(report["status"] == MATCHED) & report["programme_id"].notna()]
    if matched.empty:
        return
    with session_scope(engine) as session:
        stored = _stored_keys(session, {int(p) for p in matched["programme_id"]})
    for index, row in zip(matched.index, matched.itertuples(index=False), strict=True):
        if _coverage_key(row) in stored:
            note = "already in the registry; commit leaves it as it is"
            message = report.at[index, "message"]
            report.at[index, "message"] = f"{message}; {note}" if message else note


@dataclass(frozen=True)
class CommitResult:
    import_id: int
    added: int
    unchanged: int
    already_imported: bool = False


def commit(engine, dry: DryRun, imported_by: str = "import", *, synthetic: bool = False,
           fail_after: int | None = None, progress=None) -> CommitResult:
    """Store a dry run whose rows all matched, in one transaction (all or none).

    Two imports at once: rows are written in natural-key order, so overlapping
    imports queue on the same key instead of deadlocking; the one that loses
    the race gets a unique violation, rolls back whole and is retried, and
    then finds the other's rows stored (it links to them, as always).

    `synthetic` marks every row added as made-up data. `progress(done, total)`
    is called as rows are written; if it raises, nothing is stored (the page's
    Cancel button works that way). `fail_after` raises after that many rows:
    the tests use it to show that a failure mid-commit leaves the registry as
    it was.
    """
    from sqlalchemy.exc import IntegrityError, OperationalError

    needing = len(dry.report) - int((dry.report["status"] == MATCHED).sum())
    if needing:
        raise ImportFailed(f"{needing} of {len(dry.report)} rows need attention, so nothing is "
                           "stored; fix the rows the report lists and check the file again")
    for attempt in range(COMMIT_ATTEMPTS):
        try:
            return _commit_once(engine, dry, imported_by, synthetic, fail_after, progress)
        except (IntegrityError, OperationalError) as error:
            retry = isinstance(error, IntegrityError) or "deadlock" in str(error).lower()
            if not retry or attempt == COMMIT_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _commit_once(engine, dry: DryRun, imported_by: str, synthetic: bool,
                 fail_after: int | None, progress) -> CommitResult:
    from registry import audit
    from registry.db import session_scope

    accepted = dry.report[dry.report["status"] == MATCHED]
    if accepted.empty:
        raise ImportFailed("no row matched, so there is nothing to store; fix the rows the "
                           "report lists and check again")
    if accepted["programme_id"].isna().any():
        raise ImportFailed("check the file against the registry first (dry_run with engine)")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with session_scope(engine) as session:
        archived, fresh = _archive(session, dry, imported_by, now)
        if not fresh:
            return CommitResult(archived.id, 0, len(accepted), already_imported=True)
        writer = _RowWriter(session, dry, archived.id, imported_by, now, synthetic,
                            {int(p) for p in accepted["programme_id"]}, len(accepted))
        ordered = sorted(accepted.itertuples(index=False),
                         key=lambda r: _sortable(_coverage_key(r)))
        for written, row in enumerate(ordered):
            if fail_after is not None and written >= fail_after:
                raise RuntimeError(f"injected failure after {fail_after} rows")
            if progress is not None and written % PROGRESS_EVERY == 0:
                progress(written, len(ordered))
            writer.write(row)
        session.flush()
        if progress is not None:
            progress(len(ordered), len(ordered))
        audit.record(session, imported_by, "import", "import_file", archived.id, None,
                     {"file_name": dry.file_name, "sha256": dry.sha256, "rows": len(dry.report),
                      "added": writer.added, "unchanged": writer.unchanged,
                      "synthetic": synthetic},
                     import_file_id=archived.id)
        return CommitResult(archived.id, writer.added, writer.unchanged)


def _archive(session, dry: DryRun, imported_by: str, now: dt.datetime) -> tuple[Any, bool]:
    """The file's archive row and whether this import stores it: made, or taken back from
    an undo, and stamped `now`; a file imported and not undone comes back as it was."""
    from sqlalchemy import select

    from registry.models import ImportFile

    archived = session.scalar(select(ImportFile).where(ImportFile.content_sha256 == dry.sha256))
    if archived is not None and archived.undone_at is None:
        return archived, False
    if archived is None:
        archived = ImportFile(file_name=dry.file_name[:255], content_sha256=dry.sha256,
                              content=dry.content, size=len(dry.content), imported_by=imported_by)
        session.add(archived)
    archived.undone_at, archived.imported_at = None, now
    archived.imported_by = imported_by
    session.flush()
    return archived, True


class _RowWriter:
    """Writes an import's rows through registry.upsert, only adding: a coverage row or a
    figure the registry already holds is linked to the import, never overwritten."""

    def __init__(self, session, dry: DryRun, import_id: int, imported_by: str,
                 now: dt.datetime, synthetic: bool, programme_ids: set[int], rows: int) -> None:
        from sqlalchemy import select

        from registry.models import Claim

        self.session, self.import_id, self.synthetic = session, import_id, synthetic
        # One source for the whole file; each row's number is kept on its link. An uploaded
        # list has no headline: readers know it by the name the office gave the file.
        self.source_id = upsert.upsert_source(
            session, kind="import", file_name=dry.file_name[:255], content_sha256=dry.sha256,
            quote=f"{rows} rows", created_by=imported_by, import_file_id=import_id,
            created_at=now, document={"title": dry.file_name[:500]})[0].id
        self.stored = _stored_keys(session, programme_ids)
        self.figures = {(programme_id, key): claim_id for claim_id, programme_id, key in
                        session.execute(select(Claim.id, Claim.programme_id, Claim.natural_key)
                                        .where(Claim.programme_id.in_(programme_ids))).all()}
        self.levels = measure_levels()
        self.added = self.unchanged = 0

    def write(self, row) -> None:
        from registry.models import ClaimImport, CoverageImport

        key = _coverage_key(row)
        if key in self.stored:
            self.unchanged += 1
        else:
            programme_id, level, _area, _village, year = key
            coverage, _ = upsert.upsert_coverage(
                self.session, programme_id=programme_id, level=level, code=row.area_code,
                status=row.coverage_status, year=year, source_id=self.source_id,
                is_synthetic=self.synthetic)
            self.stored[key] = coverage.id
            self.added += 1
        self.session.add(CoverageImport(coverage_id=self.stored[key],
                                        import_file_id=self.import_id, row_number=int(row.row)))
        for kind, value in (("target", row.target), ("actual", row.actual)):
            if value is not None and not pd.isna(value):
                self.session.add(ClaimImport(claim_id=self._figure(row, kind, float(value)),
                                             import_file_id=self.import_id,
                                             row_number=int(row.row)))

    def _figure(self, row, kind: str, value: float) -> int:
        """The id of the row's `kind` figure, stored first if the registry lacks it."""
        from registry.models import Claim

        programme_id, _level, area_code, village_no, _year = _coverage_key(row)
        level = self.levels.get(row.measure)
        key = (programme_id, Claim.key_of(row.measure, level, area_code, kind, None,
                                          village_no))
        if key not in self.figures:
            claim, _ = upsert.upsert_claim(
                self.session, programme_id=programme_id, measure=row.measure, level=level,
                within_code=row.area_code, value=value, kind=kind, source_id=self.source_id,
                is_synthetic=self.synthetic)
            self.figures[key] = claim.id
        return self.figures[key]


def _sortable(key: tuple) -> tuple:
    """A natural key that sorts (a NULL year first)."""
    *head, year = key
    return (*head, -1 if year is None else year)


@dataclass(frozen=True)
class UndoResult:
    import_id: int
    removed_coverage: int
    removed_claims: int
    kept_coverage: int = 0
    kept_claims: int = 0


def undo(engine, import_id: int, undone_by: str = "import") -> UndoResult:
    """Withdraw one import: rows only it gives are removed, rows others give stay.

    The import is marked undone first, with a conditional UPDATE: of two undos
    at once, the second waits for the first's row lock and then finds it done.
    """
    from sqlalchemy import delete, exists, update

    from registry import audit
    from registry.db import session_scope
    from registry.models import (
        Claim,
        ClaimImport,
        Coverage,
        CoverageImport,
        ImportFile,
        Indicator,
    )

    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with session_scope(engine) as session:
        marked = session.execute(
            update(ImportFile).where(ImportFile.id == import_id, ImportFile.undone_at.is_(None))
            .values(undone_at=now).execution_options(synchronize_session=False)).rowcount
        if not marked:
            archived = session.get(ImportFile, import_id)
            if archived is None:
                raise ImportFailed(f"there is no import #{import_id}")
            raise ImportFailed(f"import #{import_id} was already undone on "
                               f"{archived.undone_at:%Y-%m-%d %H:%M}")
        removed_coverage, kept_coverage = _withdraw(session, import_id, Coverage, CoverageImport,
                                                    CoverageImport.coverage_id)
        removed_claims, kept_claims = _withdraw(session, import_id, Claim, ClaimImport,
                                                ClaimImport.claim_id)
        _drop_unused_sources(session, import_id)
        # An indicator the import's figures made, now with no figure, title or baseline.
        session.execute(delete(Indicator).where(
            ~exists().where(Claim.indicator_id == Indicator.id),
            Indicator.baseline_value.is_(None), Indicator.title_th.is_(None),
            Indicator.title_en.is_(None)))
        audit.record(session, undone_by, "import_undo", "import_file", import_id,
                     {"coverage": removed_coverage, "claims": removed_claims},
                     {"coverage_kept": kept_coverage, "claims_kept": kept_claims},
                     import_file_id=import_id)
        return UndoResult(import_id, removed_coverage, removed_claims, kept_coverage,
                          kept_claims)


def _withdraw(session, import_id: int, model, link, link_row) -> tuple[int, int]:
    """Unlink one import from `model`'s rows; (rows removed, rows kept by other imports).

    A row this import's source created is removed when no link is left, and
    otherwise cites the source of the earliest import still giving it.
    """
    from sqlalchemy import delete, exists, select, update

    from registry.models import Source

    ours = select(Source.id).where(Source.import_file_id == import_id)
    session.execute(delete(link).where(link.import_file_id == import_id)
                    .execution_options(synchronize_session=False))
    still_given = exists().where(link_row == model.id)
    removed = session.execute(
        delete(model).where(model.source_id.in_(ours), ~still_given)
        .execution_options(synchronize_session=False)).rowcount
    other = (select(Source.id).join(link, link.import_file_id == Source.import_file_id)
             .where(link_row == model.id).order_by(link.import_file_id, Source.id).limit(1)
             .scalar_subquery())
    kept = session.execute(
        update(model).where(model.source_id.in_(ours), still_given).values(source_id=other)
        .execution_options(synchronize_session=False)).rowcount
    return removed, kept


def _drop_unused_sources(session, import_id: int) -> None:
    from sqlalchemy import delete, select

    from registry.models import Claim, Coverage, Source

    used = select(Coverage.source_id).union(select(Claim.source_id))
    session.execute(delete(Source).where(Source.import_file_id == import_id,
                                         Source.id.not_in(used))
                    .execution_options(synchronize_session=False))


def history(engine) -> pd.DataFrame:
    """Every import, newest first, with how many coverage rows it still gives."""
    from sqlalchemy import func, select

    from registry.db import session_scope
    from registry.models import CoverageImport, ImportFile

    with session_scope(engine) as session:
        held = (select(CoverageImport.import_file_id,
                       func.count(CoverageImport.coverage_id).label("rows"))
                .group_by(CoverageImport.import_file_id).subquery())
        rows = session.execute(
            select(ImportFile.id, ImportFile.file_name, ImportFile.content_sha256,
                   ImportFile.size, ImportFile.imported_at, ImportFile.imported_by,
                   ImportFile.undone_at, func.coalesce(held.c.rows, 0))
            .outerjoin(held, held.c.import_file_id == ImportFile.id)
            .order_by(ImportFile.id.desc())).all()
    return pd.DataFrame(rows, columns=["import_id", "file_name", "sha256", "size",
                                       "imported_at", "imported_by", "undone_at", "rows"])


# ---- the command line -----------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", nargs="?", help=".xlsx, .csv or .geojson file to import")
    parser.add_argument("--sheet", help="sheet name of an .xlsx file (default: the first)")
    parser.add_argument("--programme", help="programme slug or title for rows without one")
    parser.add_argument("--status", default=DEFAULT_STATUS, choices=sorted(COVERAGE_STATUS_WORDS),
                        help=f"coverage status for rows without one (default {DEFAULT_STATUS})")
    parser.add_argument("--dry-run", action="store_true", help="check and report; store nothing")
    parser.add_argument("--report", type=Path, help="write the per-row report (.csv or .xlsx)")
    parser.add_argument("--by", default="cli", help="who imports (recorded with the file)")
    parser.add_argument("--synthetic", action="store_true",
                        help="mark the rows as made-up (test or demonstration) data")
    parser.add_argument("--undo", type=int, metavar="IMPORT_ID", help="undo an import")
    parser.add_argument("--history", action="store_true", help="list the imports")
    parser.add_argument("--database-url", help="registry database (default: settings)")


def run(args: argparse.Namespace, work: Callable[[argparse.Namespace], int] | None = None
        ) -> int:
    """`work(args)` (the coverage import by default) with every failure as one line, exit 2."""
    from sqlalchemy.exc import SQLAlchemyError

    from registry.db import RegistryUnavailable

    try:
        return (work or _run)(args)
    except (ReadError, ImportFailed, RegistryUnavailable) as error:
        print(f"error: {error}", file=sys.stderr)
    except OSError as error:
        print(f"error: {error.filename or ''}: {error.strerror}", file=sys.stderr)
    except SQLAlchemyError as error:
        print(f"error: the registry refused the import ({type(error).__name__}: "
              f"{str(error).splitlines()[0]}); nothing was stored", file=sys.stderr)
    return 2


@cache
def _boundary_checks() -> tuple[Gazetteer, object]:
    """A gazetteer that flags codes the boundary layers cannot draw, and the subdistrict
    polygons for lat/lon rows; without readable layers, both checks are skipped (said so)."""
    from geo import BoundarySourceError, load_boundaries

    try:
        layers = load_boundaries()
    except BoundarySourceError as error:
        print(f"note: boundary layers unavailable ({error}); 'no polygon' flags and lat/lon "
              "placement are skipped", file=sys.stderr)
        return default_gazetteer(), None
    drawn = {code for codes in layers.codes().values() for code in codes}
    return Gazetteer(default_gazetteer().areas, drawn_codes=drawn), layers.layer("subdistrict")


def _run(args: argparse.Namespace) -> int:
    from registry.db import ensure_ready

    if not (args.file or args.history or args.undo is not None):
        raise ImportFailed("give a FILE to import, --undo IMPORT_ID or --history")
    # An unreadable file is reported before the registry is opened (or created).
    table = read_file(Path(args.file), sheet=args.sheet) if args.file else None
    engine = ensure_ready(args.database_url)
    if args.undo is not None:
        result = undo(engine, args.undo, undone_by=args.by)
        print(f"import #{result.import_id} undone: {result.removed_coverage} coverage rows "
              f"and {result.removed_claims} figures removed; {result.kept_coverage} rows and "
              f"{result.kept_claims} figures stay (other imports give them)")
        return 0
    if args.history:
        print(history(engine).drop(columns="sha256").to_string(index=False))
        return 0
    gazetteer, subdistricts = _boundary_checks()
    dry = dry_run(Path(args.file), engine=engine, programme=args.programme,
                  default_status=args.status, table=table, gazetteer=gazetteer,
                  subdistricts=subdistricts)
    print(dry.summary())
    needing = dry.report[dry.report["status"] != MATCHED]
    for row in needing.head(SHOWN_PROBLEMS).itertuples():
        print(f"  row {row.row}: {row.status} — {row.message}")
        if row.candidates:
            print(f"      candidates: {row.candidates}")
    if len(needing) > SHOWN_PROBLEMS:
        print(f"  … and {len(needing) - SHOWN_PROBLEMS} more rows (see --report)")
    if args.report:
        fmt = "xlsx" if args.report.suffix.lower() == ".xlsx" else "csv"
        args.report.write_bytes(report_bytes(dry.report, fmt))
        print(f"report written to {args.report}")
    if args.dry_run:
        pass
    elif not dry.all_matched:
        print(f"{len(needing)} rows need attention: nothing stored; fix them and import the "
              "file again")
    else:
        result = commit(engine, dry, imported_by=args.by, synthetic=args.synthetic)
        if result.already_imported:
            print(f"this file was already imported as import #{result.import_id}; nothing "
                  "changed")
        else:
            print(f"import #{result.import_id}: {result.added} rows added, {result.unchanged} "
                  "already in the registry")
    return 0 if dry.all_matched else 1
