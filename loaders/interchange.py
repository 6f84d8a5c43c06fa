"""The whole registry as a folder of CSV files, and back (export → import = same registry).

Machine files: dates as ISO 8601 / EDTF text at the precision their source gives
(2016-09-07, 2016-09-07/2016-09-08, 2019-06, 2016; CE), a period's longest length
as an ISO 8601 duration (P3Y), timestamps as ISO date-times; UTF-8 with BOM so
Excel shows Thai; rows in natural-key order so two exports of the same registry
are byte-identical. Rows refer to each other by natural keys (programme and
organisation slugs, `source_ref`), never by database ids. A cell starting with
= + - @ (or tab/CR) would run as a formula in a spreadsheet, so it is written
with a leading apostrophe; a leading apostrophe is doubled the same way, which
lets the import strip exactly one and get the text back.
Area codes are not exported: both sides share the gazetteer (registry.areas).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dates import from_edtf, parse_limit
from escaping import neutralise_for_round_trip, restore_round_trip
from geo.levels import ALL_LEVELS, CODE_LENGTH, level_of, split_village
from loaders.names import raw_key
from registry import audit, logos, models, upsert
from registry.measures import measure_codes
from registry.models import (
    Area,
    Claim,
    Coverage,
    Document,
    Draft,
    Event,
    ImportFile,
    Indicator,
    Network,
    Organisation,
    OrganisationAlias,
    OrganisationLogo,
    PartnerRole,
    PlaceMention,
    Programme,
    ProgrammeSource,
    Source,
    village_code,
)
from views.text import t

ENCODING = "utf-8-sig"
IMPORT_FILES_DIR = "import_files"
DOCUMENTS_DIR = "documents"
LOGOS_DIR = "logos"

COLUMNS: dict[str, list[str]] = {
    "sources.csv": ["source_ref", "kind", "file_name", "content_sha256", "quote", "note",
                    "created_at", "created_by", "import_file_sha256", "title", "publisher",
                    "published", "url", "document_note", "document_note_en"],
    "import_files.csv": ["content_sha256", "file_name", "size", "imported_at", "imported_by",
                         "undone_at"],
    "organisations.csv": ["organisation_id", "name_th", "name_en", "abbreviation", "org_type",
                          "province_code"],
    "organisation_aliases.csv": ["organisation_id", "alias", "kind"],
    # Organisations' logos: the image as the registry stores it in logos/<content_sha256>
    # (named by content, like documents/, so no organisation's text becomes a file name).
    "logos.csv": ["organisation_id", "content_sha256", "media_type", "width", "height",
                  "uploaded_at", "uploaded_by"],
    "documents.csv": ["content_sha256", "file_name", "media_type", "size", "uploaded_at",
                      "uploaded_by"],
    "programmes.csv": ["programme_id", "title_th", "title_en", "theme", "signed_on",
                       "start_on", "end_on", "source", "status", "description_th",
                       "description_en", "is_synthetic", "period_limit"],
    "programme_sources.csv": ["programme_id", "field", "source", "source_ref"],
    "partners.csv": ["programme_id", "organisation_th", "organisation_en", "role",
                     "organisation_id", "description", "source", "source_ref"],
    "coverage.csv": ["programme_id", "level", "area_code", "status", "year", "source",
                     "is_synthetic", "source_ref"],
    "indicators.csv": ["programme_id", "measure", "level", "within_code", "title_th",
                       "title_en", "baseline_value", "baseline_qualifier", "baseline_as_of",
                       "baseline_source_ref"],
    "claims.csv": ["programme_id", "measure", "level", "within_code", "value", "kind", "as_of",
                   "source", "qualifier", "is_synthetic", "source_ref", "period"],
    "place_mentions.csv": ["programme_id", "name_as_written", "level", "resolution",
                           "candidate_codes", "source", "source_ref"],
    "networks.csv": ["programme_id", "name_th", "name_en", "number", "area_code", "source",
                     "source_ref"],
    "events.csv": ["programme_id", "kind", "held", "name_th", "name_en", "source",
                   "source_ref"],
    # Drafts waiting to be published: the proposed programme as the form keeps it (JSON
    # citing organisations by slug and sources by source_ref), so a moved registry keeps
    # its editors' unfinished work. Published and withdrawn drafts stay behind: their
    # undo refers to this database's rows, and the audit log does not travel either.
    "drafts.csv": ["programme_id", "created_by", "created_at", "updated_at", "payload"],
}
# Columns and files later versions added: an older export without them reads as empty.
ADDED_COLUMNS = {
    "sources.csv": {"title", "publisher", "published", "url", "document_note",
                    "document_note_en"},
    "programmes.csv": {"period_limit"},
    "claims.csv": {"period"},
}
ADDED_FILES = {"events.csv", "indicators.csv", "drafts.csv", "logos.csv"}


# Columns whose values come from a fixed list ("" allowed where the column is optional).
ALLOWED: dict[tuple[str, str], tuple[str, ...]] = {
    ("sources.csv", "kind"): models.SOURCE_KINDS,
    ("organisations.csv", "org_type"): models.ORG_TYPES,
    ("organisation_aliases.csv", "kind"): models.ALIAS_KINDS,
    ("logos.csv", "media_type"): models.LOGO_MEDIA_TYPES,
    ("programmes.csv", "theme"): models.THEMES,
    ("programmes.csv", "status"): ("", *models.PROGRAMME_STATUSES),
    ("programmes.csv", "is_synthetic"): ("true", "false"),
    ("partners.csv", "role"): models.ROLES,
    ("coverage.csv", "level"): ALL_LEVELS,
    ("coverage.csv", "status"): models.COVERAGE_STATUSES,
    ("coverage.csv", "is_synthetic"): ("true", "false"),
    ("claims.csv", "measure"): measure_codes(),
    ("claims.csv", "level"): ("", *ALL_LEVELS),
    ("claims.csv", "kind"): models.CLAIM_KINDS,
    ("claims.csv", "qualifier"): ("", *models.QUALIFIERS),
    ("claims.csv", "is_synthetic"): ("true", "false"),
    ("indicators.csv", "measure"): measure_codes(),
    ("indicators.csv", "level"): ("", *ALL_LEVELS),
    ("indicators.csv", "baseline_qualifier"): ("", *models.QUALIFIERS),
    ("place_mentions.csv", "level"): ALL_LEVELS,
    ("place_mentions.csv", "resolution"): models.RESOLUTIONS,
    ("events.csv", "kind"): models.EVENT_KINDS,
}


def _edtf(value: str) -> str:
    """EDTF text as the registry stores it; DateError (a ValueError) when it is none."""
    return from_edtf(value).edtf()


def _duration(value: str) -> str:
    return parse_limit(value).iso()


class InterchangeError(ValueError):
    """A registry folder that cannot be imported; the message names the file and row."""


def source_ref(kind: str, file_name: str, content_sha256: str, quote: str) -> str:
    """A citation's stable name, the same in every registry that holds it."""
    digest = hashlib.sha256("\x1f".join([kind, file_name, content_sha256, quote]).encode())
    return f"S{digest.hexdigest()[:16]}"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise_for_round_trip(str(value))


def _write(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> int:
    lines = sorted([_cell(row[name]) for name in columns] for row in rows)
    with path.open("w", encoding=ENCODING, newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(lines)
    return len(lines)


def export_registry(engine: Engine, folder: Path) -> dict[str, int]:
    """Write every registry table to `folder` as CSV; returns rows written per file."""
    folder.mkdir(parents=True, exist_ok=True)
    with Session(engine) as session:
        tables = _export_rows(session, folder)
    return {name: _write(folder / name, COLUMNS[name], rows) for name, rows in tables.items()}


def _export_rows(session: Session, folder: Path) -> dict[str, list[dict[str, Any]]]:
    files = {row.id: row for row in session.scalars(select(ImportFile))}
    sources = {row.id: row for row in session.scalars(select(Source))}
    refs = {sid: source_ref(s.kind, s.file_name, s.content_sha256, s.quote)
            for sid, s in sources.items()}
    slugs = dict(session.execute(select(Programme.id, Programme.slug)).all())
    organisations = {row.id: row for row in session.scalars(select(Organisation))}

    def cite(source_id: int) -> dict[str, str]:
        return {"source": sources[source_id].file_name, "source_ref": refs[source_id]}

    if files:
        (folder / IMPORT_FILES_DIR).mkdir(exist_ok=True)
    for row in files.values():
        (folder / IMPORT_FILES_DIR / row.content_sha256).write_bytes(row.content)
    uploaded = list(session.scalars(select(Document)))
    if uploaded:
        (folder / DOCUMENTS_DIR).mkdir(exist_ok=True)
    for row in uploaded:
        (folder / DOCUMENTS_DIR / row.content_sha256).write_bytes(row.content)
    logos = list(session.scalars(select(OrganisationLogo)))
    if logos:
        (folder / LOGOS_DIR).mkdir(exist_ok=True)
    for row in logos:
        (folder / LOGOS_DIR / row.content_sha256).write_bytes(row.content)
    programme_sources = list(session.scalars(select(ProgrammeSource)))
    documents: dict[int, set[str]] = {}
    for link in programme_sources:
        documents.setdefault(link.programme_id, set()).add(sources[link.source_id].file_name)
    return {
        "documents.csv": [
            {"content_sha256": d.content_sha256, "file_name": d.file_name,
             "media_type": d.media_type, "size": d.size, "uploaded_at": d.uploaded_at,
             "uploaded_by": d.uploaded_by} for d in uploaded],
        "import_files.csv": [
            {"content_sha256": f.content_sha256, "file_name": f.file_name, "size": f.size,
             "imported_at": f.imported_at, "imported_by": f.imported_by,
             "undone_at": f.undone_at} for f in files.values()],
        "sources.csv": [
            {"source_ref": refs[s.id], "kind": s.kind, "file_name": s.file_name,
             "content_sha256": s.content_sha256, "quote": s.quote, "note": s.note,
             "created_at": s.created_at, "created_by": s.created_by, "title": s.title,
             "publisher": s.publisher, "published": s.published, "url": s.url,
             "document_note": s.document_note, "document_note_en": s.document_note_en,
             "import_file_sha256": files[s.import_file_id].content_sha256
             if s.import_file_id else None} for s in sources.values()],
        "organisations.csv": [
            {"organisation_id": o.slug, "name_th": o.name_th, "name_en": o.name_en,
             "abbreviation": o.abbreviation, "org_type": o.org_type,
             "province_code": o.province_code} for o in organisations.values()],
        "organisation_aliases.csv": [
            {"organisation_id": organisations[a.organisation_id].slug, "alias": a.alias,
             "kind": a.kind} for a in session.scalars(select(OrganisationAlias))],
        "logos.csv": [
            {"organisation_id": organisations[g.organisation_id].slug,
             "content_sha256": g.content_sha256, "media_type": g.media_type,
             "width": g.width, "height": g.height, "uploaded_at": g.uploaded_at,
             "uploaded_by": g.uploaded_by} for g in logos],
        "programmes.csv": [
            {"programme_id": p.slug, "title_th": p.title_th, "title_en": p.title_en,
             "theme": p.theme, "signed_on": p.signed_on, "start_on": p.start_on,
             "end_on": p.end_on, "source": " ".join(sorted(documents.get(p.id, ()))),
             "status": p.status, "description_th": p.description_th,
             "description_en": p.description_en, "is_synthetic": p.is_synthetic,
             "period_limit": p.period_limit}
            for p in session.scalars(select(Programme))],
        "programme_sources.csv": [
            {"programme_id": slugs[link.programme_id], "field": link.field,
             **cite(link.source_id)} for link in programme_sources],
        "partners.csv": [
            {"programme_id": slugs[r.programme_id],
             "organisation_id": organisations[r.organisation_id].slug,
             "organisation_th": organisations[r.organisation_id].name_th,
             "organisation_en": organisations[r.organisation_id].name_en,
             "role": r.role, "description": r.description, **cite(r.source_id)}
            for r in session.scalars(select(PartnerRole))],
        "coverage.csv": [
            {"programme_id": slugs[c.programme_id], "level": c.level,
             "area_code": village_code(c.area_code, c.village_no) if c.village_no
             else c.area_code, "status": c.status, "year": c.year,
             "is_synthetic": c.is_synthetic, **cite(c.source_id)}
            for c in session.scalars(select(Coverage))],
        "claims.csv": [
            {"programme_id": slugs[c.programme_id], "measure": c.measure, "level": c.level,
             "within_code": c.within, "value": float(c.value), "kind": c.kind,
             "as_of": c.as_of, "qualifier": c.qualifier, "is_synthetic": c.is_synthetic,
             "period": c.period, **cite(c.source_id)} for c in session.scalars(select(Claim))],
        "indicators.csv": [
            {"programme_id": slugs[i.programme_id], "measure": i.measure, "level": i.level,
             "within_code": village_code(i.within_code, i.within_village_no)
             if i.within_village_no else i.within_code, "title_th": i.title_th,
             "title_en": i.title_en, "baseline_value": i.baseline_value,
             "baseline_qualifier": i.baseline_qualifier, "baseline_as_of": i.baseline_as_of,
             "baseline_source_ref": refs.get(i.baseline_source_id)}
            for i in session.scalars(select(Indicator))],
        "place_mentions.csv": [
            {"programme_id": slugs[m.programme_id], "name_as_written": m.name_as_written,
             "level": m.level, "resolution": m.resolution,
             "candidate_codes": m.candidate_codes, **cite(m.source_id)}
            for m in session.scalars(select(PlaceMention))],
        "networks.csv": [
            {"programme_id": slugs[n.programme_id], "name_th": n.name_th, "name_en": n.name_en,
             "number": n.number, "area_code": n.area_code, **cite(n.source_id)}
            for n in session.scalars(select(Network))],
        "events.csv": [
            {"programme_id": slugs[e.programme_id], "kind": e.kind, "held": e.held,
             "name_th": e.name_th, "name_en": e.name_en, **cite(e.source_id)}
            for e in session.scalars(select(Event))],
        "drafts.csv": [
            {"programme_id": d.programme_slug, "created_by": d.created_by,
             "created_at": d.created_at, "updated_at": d.updated_at, "payload": d.payload}
            for d in session.scalars(select(Draft).where(Draft.status == "draft"))],
    }


# --- import --------------------------------------------------------------------------------

class _Rows:
    """The rows of one CSV file, cells restored, with errors that name file and line."""

    def __init__(self, folder: Path, name: str) -> None:
        self.name = name
        path = folder / name
        if name in ADDED_FILES and not path.exists():
            self.rows = []
            return
        added = ADDED_COLUMNS.get(name, set())
        try:
            with path.open(encoding=ENCODING, newline="") as handle:
                reader = csv.DictReader(handle)
                missing = [c for c in COLUMNS[name] if c not in (reader.fieldnames or [])
                           and c not in added]
                if missing:
                    raise InterchangeError(f"{name}: missing column(s) {', '.join(missing)}")
                self.rows = [{**dict.fromkeys(added, ""),
                              **{key: restore_round_trip(value or "")
                                 for key, value in row.items()}}
                             for row in reader]
        except FileNotFoundError:
            raise InterchangeError(f"{name} is missing from {folder}; export a whole "
                                   "registry with `python -m loaders export`") from None
        except (UnicodeDecodeError, csv.Error) as error:
            raise InterchangeError(f"{name}: not a UTF-8 CSV file ({error})") from None
        for line, row in self:
            for column in COLUMNS[name]:
                allowed = ALLOWED.get((name, column))
                if allowed is not None and row[column] not in allowed:
                    raise self.fail(line, f"{column} {row[column]!r} is not one of "
                                          f"{', '.join(value for value in allowed if value)}")

    def __iter__(self):
        # Line 1 is the header.
        return iter(enumerate(self.rows, start=2))

    def fail(self, line: int, message: str) -> InterchangeError:
        return InterchangeError(f"{self.name}, line {line}: {message}")

    def parse(self, line: int, column: str, value: str, reader: Callable[[str], Any]) -> Any:
        if value == "":
            return None
        try:
            return reader(value)
        except ValueError:
            raise self.fail(line, f"{column} {value!r} cannot be read") from None


def _figure(value: str) -> float:
    """A claim's value: a finite number from 0 to FIGURE_MAX (NaN and infinity refused)."""
    number = float(value)
    if not (math.isfinite(number) and 0 <= number <= models.FIGURE_MAX):
        raise ValueError(f"{value!r} is not a finite number from 0 to {models.FIGURE_MAX:,}")
    return number


def _flag(value: str) -> bool:
    if value not in ("true", "false"):
        raise ValueError(value)
    return value == "true"


def _optional(value: str) -> str | None:
    return value or None


def import_registry(session: Session, folder: Path,
                    by: str = "cli") -> Counter[tuple[str, str]]:
    """Upsert every row of an exported folder; returns counts of (file, action).

    Runs inside the caller's transaction: an error leaves nothing half-imported. Files
    are read in the order their rows refer to each other: archives and sources, then
    organisations and their logos, programmes, the rows hanging off programmes, and pending
    drafts. A logo that arrives or changes is audited under `by`, as an upload is.
    """
    report: Counter[tuple[str, str]] = Counter()
    file_ids = _import_files(session, folder, report)
    _import_documents(session, folder, report)
    refs = _Refs(session, folder, report, _import_sources(session, folder, file_ids, report),
                 set(session.scalars(select(Area.code))))
    _import_organisations(refs)
    _import_logos(refs, by)
    _import_programmes(refs)
    _import_partners_and_coverage(refs)
    _import_results(refs)
    _import_mentions_networks_events(refs)
    _import_drafts(refs)
    session.flush()
    return report


class _Refs:
    """What an import has stored so far, by the natural keys later files cite it by."""

    def __init__(self, session: Session, folder: Path, report: Counter[tuple[str, str]],
                 sources: dict[str, int], areas: set[str]) -> None:
        self.session, self.folder, self.report = session, folder, report
        self.sources, self.areas = sources, areas
        self.organisations: dict[str, int] = {}
        self.programmes: dict[str, int] = {}

    def rows(self, name: str) -> _Rows:
        return _Rows(self.folder, name)

    def source(self, rows: _Rows, line: int, ref: str) -> int:
        if ref not in self.sources:
            raise rows.fail(line, f"source_ref {ref!r} is not in sources.csv")
        return self.sources[ref]

    def area(self, rows: _Rows, line: int, column: str, code: str) -> str | None:
        if code and split_village(code)[0] not in self.areas:
            raise rows.fail(line, f"{column} {code!r} is not in the areas gazetteer")
        return code or None

    def organisation(self, rows: _Rows, line: int, slug: str) -> int:
        if slug not in self.organisations:
            raise rows.fail(line, f"organisation_id {slug!r} is not in organisations.csv")
        return self.organisations[slug]

    def programme(self, rows: _Rows, line: int, row: dict[str, str]) -> int:
        if row["programme_id"] not in self.programmes:
            raise rows.fail(line, f"programme_id {row['programme_id']!r} is not in "
                                  "programmes.csv")
        return self.programmes[row["programme_id"]]

    def store(self, rows: _Rows, line: int, write: Callable[..., tuple[Any, str]],
              **values: Any) -> Any:
        """`write(session, **values)` for one row, counted; a refused value names the row."""
        try:
            stored, action = write(self.session, **values)
        except InterchangeError:
            raise
        except ValueError as error:
            raise rows.fail(line, str(error)) from None
        self.report[rows.name, action] += 1
        return stored


def _import_organisations(refs: _Refs) -> None:
    rows = refs.rows("organisations.csv")
    for line, row in rows:
        org = refs.store(
            rows, line, upsert.upsert_organisation, slug=row["organisation_id"],
            name_th=row["name_th"], name_en=_optional(row["name_en"]),
            abbreviation=_optional(row["abbreviation"]), org_type=row["org_type"],
            province_code=refs.area(rows, line, "province_code", row["province_code"]))
        refs.organisations[org.slug] = org.id
    rows = refs.rows("organisation_aliases.csv")
    for line, row in rows:
        refs.store(rows, line, upsert.upsert, model=OrganisationAlias,
                   key={"normalised": raw_key(row["alias"])},
                   values={"organisation_id": refs.organisation(rows, line,
                                                                row["organisation_id"]),
                           "alias": row["alias"], "kind": row["kind"]})


def _import_logos(refs: _Refs, by: str) -> None:
    """Each logo checked as registry.logos checks an upload, and stored as exported."""
    rows = refs.rows("logos.csv")
    for line, row in rows:
        slug, sha = row["organisation_id"], row["content_sha256"]
        organisation_id = refs.organisation(rows, line, slug)
        content = _archived(rows, line, refs.folder, LOGOS_DIR, sha)
        width = rows.parse(line, "width", row["width"], int)
        height = rows.parse(line, "height", row["height"], int)
        try:
            logos.checked_stored(content, row["media_type"], width, height)
        except logos.LogoError as error:
            raise rows.fail(line, f"{LOGOS_DIR}/{sha} is refused as {slug}'s logo: "
                                  f"{t(error.key, 'en', **error.values)} Then put back the "
                                  "file from the original export, or delete this row to load "
                                  "the registry without that logo") from None
        earlier = refs.session.get(OrganisationLogo, organisation_id)
        before = logos.described(earlier)
        stored = refs.store(
            rows, line, upsert.upsert, model=OrganisationLogo,
            key={"organisation_id": organisation_id},
            values={"media_type": row["media_type"], "content": content,
                    "content_sha256": sha, "width": width, "height": height,
                    "uploaded_at": rows.parse(line, "uploaded_at", row["uploaded_at"],
                                              dt.datetime.fromisoformat),
                    "uploaded_by": row["uploaded_by"]})
        if before != logos.described(stored):
            audit.record(refs.session, by, logos.UPLOAD, "organisation", slug, before,
                         logos.described(stored))


def _import_programmes(refs: _Refs) -> None:
    rows = refs.rows("programmes.csv")
    for line, row in rows:
        dates = {name: rows.parse(line, name, row[name], _edtf)
                 for name in ("signed_on", "start_on", "end_on")}
        dates["period_limit"] = rows.parse(line, "period_limit", row["period_limit"], _duration)
        programme = refs.store(
            rows, line, upsert.upsert_programme, slug=row["programme_id"],
            title_th=row["title_th"], title_en=_optional(row["title_en"]), theme=row["theme"],
            status=_optional(row["status"]), description_th=_optional(row["description_th"]),
            description_en=_optional(row["description_en"]),
            is_synthetic=rows.parse(line, "is_synthetic", row["is_synthetic"], _flag), **dates)
        refs.programmes[programme.slug] = programme.id
    rows = refs.rows("programme_sources.csv")
    for line, row in rows:
        refs.store(rows, line, upsert.cite_programme,
                   programme_id=refs.programme(rows, line, row),
                   source_id=refs.source(rows, line, row["source_ref"]), field=row["field"])


def _import_partners_and_coverage(refs: _Refs) -> None:
    rows = refs.rows("partners.csv")
    for line, row in rows:
        refs.store(rows, line, upsert.upsert_partner_role,
                   programme_id=refs.programme(rows, line, row),
                   organisation_id=refs.organisation(rows, line, row["organisation_id"]),
                   role=row["role"], description=_optional(row["description"]),
                   source_id=refs.source(rows, line, row["source_ref"]))
    rows = refs.rows("coverage.csv")
    for line, row in rows:
        refs.area(rows, line, "area_code", row["area_code"])
        refs.store(rows, line, upsert.upsert_coverage,
                   programme_id=refs.programme(rows, line, row), level=row["level"],
                   code=row["area_code"], status=row["status"],
                   year=rows.parse(line, "year", row["year"], int),
                   is_synthetic=rows.parse(line, "is_synthetic", row["is_synthetic"], _flag),
                   source_id=refs.source(rows, line, row["source_ref"]))


def _import_results(refs: _Refs) -> None:
    """Indicators (with their baselines), then their figures."""
    rows = refs.rows("indicators.csv")
    for line, row in rows:
        within = refs.area(rows, line, "within_code", row["within_code"])
        within, village_no = split_village(within) if within else (within, 0)
        baseline = None
        if row["baseline_value"]:
            if row["baseline_source_ref"] not in refs.sources:
                raise rows.fail(line, "a baseline needs its source: baseline_source_ref "
                                      f"{row['baseline_source_ref']!r} is not in sources.csv")
            baseline = {"value": rows.parse(line, "baseline_value", row["baseline_value"],
                                            float),
                        "qualifier": _optional(row["baseline_qualifier"]),
                        "as_of": rows.parse(line, "baseline_as_of", row["baseline_as_of"],
                                            _edtf),
                        "source_id": refs.sources[row["baseline_source_ref"]]}
        refs.store(rows, line, upsert.upsert_indicator,
                   programme_id=refs.programme(rows, line, row), measure=row["measure"],
                   level=_optional(row["level"]), within_code=within,
                   within_village_no=village_no, title_th=_optional(row["title_th"]),
                   title_en=_optional(row["title_en"]), baseline=baseline)
    rows = refs.rows("claims.csv")
    for line, row in rows:
        within = refs.area(rows, line, "within_code", row["within_code"])
        if within is not None and level_of(within) is None:
            *shorter, longest = CODE_LENGTH.values()
            raise rows.fail(line, f"within_code {within!r} must have "
                                  f"{', '.join(map(str, shorter))} or {longest} digits")
        refs.store(rows, line, upsert.upsert_claim,
                   programme_id=refs.programme(rows, line, row), measure=row["measure"],
                   level=_optional(row["level"]), within_code=within,
                   value=rows.parse(line, "value", row["value"], _figure), kind=row["kind"],
                   qualifier=_optional(row["qualifier"]),
                   as_of=rows.parse(line, "as_of", row["as_of"], _edtf),
                   period=rows.parse(line, "period", row["period"], _edtf),
                   is_synthetic=rows.parse(line, "is_synthetic", row["is_synthetic"], _flag),
                   source_id=refs.source(rows, line, row["source_ref"]))


def _import_mentions_networks_events(refs: _Refs) -> None:
    rows = refs.rows("place_mentions.csv")
    for line, row in rows:
        refs.store(rows, line, upsert.upsert_place_mention,
                   programme_id=refs.programme(rows, line, row),
                   name_as_written=row["name_as_written"], level=row["level"],
                   resolution=row["resolution"], candidate_codes=row["candidate_codes"].split(),
                   source_id=refs.source(rows, line, row["source_ref"]))
    rows = refs.rows("networks.csv")
    for line, row in rows:
        refs.store(rows, line, upsert.upsert_network,
                   programme_id=refs.programme(rows, line, row),
                   name_th=_optional(row["name_th"]), name_en=_optional(row["name_en"]),
                   number=rows.parse(line, "number", row["number"], int),
                   area_code=refs.area(rows, line, "area_code", row["area_code"]),
                   source_id=refs.source(rows, line, row["source_ref"]))
    rows = refs.rows("events.csv")
    for line, row in rows:
        held = rows.parse(line, "held", row["held"], _edtf)
        if held is None:
            raise rows.fail(line, "held is empty; an event needs its date (EDTF, e.g. 2021-02-23)")
        refs.store(rows, line, upsert.upsert_event, programme_id=refs.programme(rows, line, row),
                   kind=row["kind"], held=held, name_th=_optional(row["name_th"]),
                   name_en=_optional(row["name_en"]),
                   source_id=refs.source(rows, line, row["source_ref"]))


def _import_drafts(refs: _Refs) -> None:
    """Pending drafts, as their authors left them (a draft is known by its programme, author
    and when it was started, so loading a folder twice keeps one)."""
    rows = refs.rows("drafts.csv")
    for line, row in rows:
        try:
            payload = json.loads(row["payload"])
        except ValueError:
            raise rows.fail(line, "payload is no JSON; export the registry again") from None
        if not isinstance(payload, dict) or (payload.get("programme") or {}).get(
                "slug") != row["programme_id"]:
            raise rows.fail(line, f"payload is no draft of programme {row['programme_id']!r}")
        created_at = rows.parse(line, "created_at", row["created_at"], dt.datetime.fromisoformat)
        refs.store(rows, line, upsert.upsert, model=Draft,
                   key={"programme_slug": row["programme_id"],
                        "created_by": row["created_by"], "created_at": created_at},
                   values={"payload": row["payload"], "status": "draft",
                           "updated_at": rows.parse(line, "updated_at", row["updated_at"],
                                                    dt.datetime.fromisoformat)})


def _import_files(session: Session, folder: Path,
                  report: Counter[tuple[str, str]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    rows = _Rows(folder, "import_files.csv")
    for line, row in rows:
        sha = row["content_sha256"]
        content = _archived(rows, line, folder, IMPORT_FILES_DIR, sha)
        stored, action = upsert.upsert(
            session, ImportFile, {"content_sha256": sha},
            {"file_name": row["file_name"], "content": content, "size": len(content),
             "imported_at": rows.parse(line, "imported_at", row["imported_at"],
                                       dt.datetime.fromisoformat),
             "imported_by": row["imported_by"],
             "undone_at": rows.parse(line, "undone_at", row["undone_at"],
                                     dt.datetime.fromisoformat)})
        ids[sha] = stored.id
        report[rows.name, action] += 1
    return ids


def _archived(rows: _Rows, line: int, folder: Path, directory: str, sha: str) -> bytes:
    """The bytes kept as `directory/sha`, checked against their SHA-256."""
    try:
        content = (folder / directory / sha).read_bytes()
    except OSError:
        raise rows.fail(line, f"the file's content {directory}/{sha} is missing") from None
    if hashlib.sha256(content).hexdigest() != sha:
        raise rows.fail(line, f"{directory}/{sha} does not match its SHA-256")
    return content


def _import_documents(session: Session, folder: Path,
                      report: Counter[tuple[str, str]]) -> None:
    rows = _Rows(folder, "documents.csv")
    for line, row in rows:
        sha = row["content_sha256"]
        content = _archived(rows, line, folder, DOCUMENTS_DIR, sha)
        _, action = upsert.upsert(
            session, Document, {"content_sha256": sha},
            {"file_name": row["file_name"], "media_type": row["media_type"],
             "content": content, "size": len(content),
             "uploaded_at": rows.parse(line, "uploaded_at", row["uploaded_at"],
                                       dt.datetime.fromisoformat),
             "uploaded_by": row["uploaded_by"]})
        report[rows.name, action] += 1


def _import_sources(session: Session, folder: Path, file_ids: dict[str, int],
                    report: Counter[tuple[str, str]]) -> dict[str, int]:
    ids: dict[str, int] = {}
    rows = _Rows(folder, "sources.csv")
    for line, row in rows:
        sha = row["import_file_sha256"]
        if sha and sha not in file_ids:
            raise rows.fail(line, f"import_file_sha256 {sha!r} is not in import_files.csv")
        source, action = upsert.upsert_source(
            session, kind=row["kind"], file_name=row["file_name"],
            content_sha256=row["content_sha256"], quote=row["quote"],
            note=_optional(row["note"]), created_by=row["created_by"],
            import_file_id=file_ids.get(sha),
            created_at=rows.parse(line, "created_at", row["created_at"],
                                  dt.datetime.fromisoformat),
            document={"title": _optional(row["title"]), "publisher": _optional(row["publisher"]),
                      "published": rows.parse(line, "published", row["published"], _edtf),
                      "url": _optional(row["url"]),
                      "document_note": _optional(row["document_note"]),
                      "document_note_en": _optional(row["document_note_en"])})
        ids[row["source_ref"]] = source.id
        report[rows.name, action] += 1
    return ids
