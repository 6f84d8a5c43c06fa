"""Programmes, partners, figures, coverage and sources by workbook: check, report, commit, undo.

    python -m loaders import WORKBOOK.xlsx [--dry-run] [--report REPORT.csv] [--by NAME]
    python -m loaders import --undo IMPORT_ID

A workbook has some of the sheets in SHEETS (English or Thai names). The column
definitions below are the one list the reader, the checks and the downloadable
template all use. The check reports every problem with its sheet, row and column
and what to do; nothing is stored unless every row is accepted. The commit turns
each programme into a bundle (registry.drafts) and publishes them all in one
transaction, archiving the workbook; re-importing updates the programmes it names
(each publication audited, before and after) and never duplicates them. Undo puts
every programme back as it was before the import.

Exit codes as for the coverage import: 0 all stored, 1 needs attention, 2 unreadable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dates import DateError
from geo.levels import ALL_LEVELS, split_village
from loaders import importer, template
from loaders.matching import MATCHED, Gazetteer, cell_text, default_gazetteer
from loaders.names import clean, raw_key
from loaders.reading import DEFAULT_LIMITS, Limits, ReadError, build_table, sheet_names, xlsx_rows
from registry import models
from registry.measures import measure_codes, measure_levels, measure_words
from registry.models import Claim, Programme

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,99}$")
LIST_SPLIT = re.compile(r"\s*[;,\n]\s*")
IMPORT, IMPORT_UNDO = "workbook_import", "workbook_import_undo"


@dataclass(frozen=True)
class Column:
    key: str
    thai: str
    help: str
    required: bool = False


@dataclass(frozen=True)
class Sheet:
    key: str
    english: str
    thai: str
    columns: tuple[Column, ...]
    help: str

    def names(self) -> set[str]:
        return {raw_key(self.english), raw_key(self.thai)}


def _one_of(values) -> str:
    return "one of " + ", ".join(values)


PROGRAMMES = Sheet("programmes", "Programmes", "โครงการ", (
    Column("programme_id", "รหัสโครงการ", "short id: a-z, 0-9 and -, e.g. surat-moral-province",
           True),
    Column("title_th", "ชื่อโครงการ (ไทย)", "Thai title; needed for a new programme"),
    Column("title_en", "ชื่อโครงการ (อังกฤษ)", "English title"),
    Column("theme", "ประเด็น", _one_of(models.THEMES) + "; needed for a new programme"),
    Column("status", "สถานะ", _one_of(models.PROGRAMME_STATUSES)),
    Column("signed_on", "วันลงนาม", "date, e.g. 17 มี.ค. 2563 or 2020-03-17"),
    Column("start_on", "วันเริ่ม", "date"),
    Column("end_on", "วันสิ้นสุด", "date"),
    Column("description_th", "รายละเอียด (ไทย)", "a few sentences"),
    Column("description_en", "รายละเอียด (อังกฤษ)", "a few sentences"),
    Column("source_id", "แหล่งข้อมูล", "source_id(s) of the Sources sheet, comma separated"),
), "one row per programme")
ORGANISATIONS = Sheet("organisations", "Organisations", "องค์กร", (
    Column("name_th", "ชื่อองค์กร (ไทย)", "official Thai name", True),
    Column("name_en", "ชื่อองค์กร (อังกฤษ)", "English name"),
    Column("abbreviation", "ชื่อย่อ", "e.g. มรส."),
    Column("aliases", "ชื่ออื่น", "other spellings, separated by ;"),
    Column("type", "ประเภท", _one_of(models.ORG_TYPES)),
), "only organisations the registry does not know yet")
PARTNERS = Sheet("partners", "Partners", "ภาคี", (
    Column("programme_id", "รหัสโครงการ", "a programme_id", True),
    Column("organisation", "องค์กร", "name, abbreviation or alias of a known or declared "
           "organisation", True),
    Column("role", "บทบาท", _one_of(models.ROLES) + "; several roles of one organisation: "
           "separate them by commas (signatory, academic_support) or give one row per role",
           True),
    Column("source_id", "แหล่งข้อมูล", "a source_id of the Sources sheet", True),
    Column("quote", "ข้อความอ้างอิง", "the words of the source that say so"),
), "one row per organisation taking part in a programme (its roles comma separated), or "
   "one row per role")
INDICATORS = Sheet("indicators", "Indicators", "ตัวชี้วัด", (
    Column("programme_id", "รหัสโครงการ", "a programme_id", True),
    Column("measure", "ตัวชี้วัด", _one_of(measure_codes()), True),
    Column("level", "ระดับ", _one_of(ALL_LEVELS) + "; blank for units that are "
           "no area"),
    Column("within", "ภายในพื้นที่", "area name or DOPA code the figure is within; blank for "
           "the whole programme"),
    Column("kind", "ประเภทตัวเลข", "target (what the programme aims at), actual (what it "
           "reports), baseline (the situation before it, dated by as_of) or context", True),
    Column("value", "ค่า", "a number, 0 or more", True),
    Column("period_start", "เริ่มช่วง", "the year, month or day the figure's period starts "
           "(e.g. 2563); blank with period_end for the programme's whole period"),
    Column("period_end", "สิ้นสุดช่วง", "the year, month or day the period ends, written as "
           "precisely as period_start (e.g. 2565); a target and a reported figure are "
           "compared only within one period"),
    Column("as_of", "ณ วันที่", "date the figure was reported (for a baseline: the date it "
           "describes)"),
    Column("source_id", "แหล่งข้อมูล", "a source_id of the Sources sheet", True),
    Column("quote", "ข้อความอ้างอิง", "the words of the source that give the figure"),
), "one row per target, reported figure or baseline")
SOURCES = Sheet("sources", "Sources", "แหล่งข้อมูล", (
    Column("source_id", "รหัสแหล่งข้อมูล", "short id the other sheets cite, e.g. news1", True),
    Column("title", "ชื่อเรื่อง", "the document's title"),
    Column("publisher", "ผู้เผยแพร่", "who published it"),
    Column("published_on", "วันที่เผยแพร่", "date"),
    Column("url", "ลิงก์", "web address; or give file"),
    Column("quote", "ข้อความอ้างอิง", "an excerpt, used where a row gives no quote"),
    Column("file", "ไฟล์แนบ", "file name of a document beside the workbook (.txt, .html, "
           ".pdf)"),
), "the documents the other sheets cite")
COVERAGE = Sheet("coverage", "Coverage", "พื้นที่", tuple(
    Column(english, thai, tag) for thai, english, tag, _example in template.COLUMNS),
    "one row per area a programme covers; the coverage import's columns")
SHEETS = (PROGRAMMES, ORGANISATIONS, PARTNERS, INDICATORS, COVERAGE, SOURCES)
NOTES_SHEET = "คำอธิบาย-Notes"
ROLE_WORDS = {"ผู้นำ": "lead", "หลัก": "lead", "ลงนาม": "signatory", "วิชาการ": "academic_support",
              "ดำเนินการ": "implementing", "เจ้าภาพ": "host", "ผู้ให้ทุน": "funder",
              "สนับสนุน": "supporting"}


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str


@dataclass
class Rows:
    """One sheet's data rows: (row number as the user sees it, {column key: value})."""

    sheet: Sheet
    name: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _label_key(text: object) -> str:
    return re.sub(r"[\s._\-/()]", "", clean(text).lower())


def _columns_of(sheet: Sheet) -> dict[str, str]:
    found = {}
    for column in sheet.columns:
        for label in (column.key, column.thai):
            found[_label_key(label)] = column.key
    return found


def is_registry_workbook(data: bytes, limits: Limits = DEFAULT_LIMITS) -> bool:
    """Whether a workbook has any sheet but Coverage (a plain coverage file has none)."""
    known = {raw_key(name) for sheet in SHEETS if sheet is not COVERAGE
             for name in (sheet.english, sheet.thai)}
    return any(raw_key(name) in known for name in sheet_names(data, limits))


def read_workbook(data: bytes, limits: Limits = DEFAULT_LIMITS
                  ) -> tuple[dict[str, Rows], Any, list[Problem]]:
    """The registry sheets' rows, the Coverage sheet as a Table, and reading problems."""
    problems: list[Problem] = []
    found: dict[str, Rows] = {}
    coverage = None
    by_name = {name: sheet for sheet in SHEETS for name in sheet.names()}
    for name in sheet_names(data, limits):
        sheet = by_name.get(raw_key(name))
        if sheet is None:
            if raw_key(name) != raw_key(NOTES_SHEET):
                problems.append(Problem(name, None, None, "this sheet is not read; rename it "
                                        "to one of " + ", ".join(s.english for s in SHEETS)
                                        + " (or the Thai names), or delete it"))
            continue
        if sheet.key in found or (sheet is COVERAGE and coverage is not None):
            problems.append(Problem(name, None, None, f"a second {sheet.english} sheet; "
                                    "put all its rows in one sheet"))
            continue
        rows, _, _ = xlsx_rows(data, name, limits)
        if sheet is COVERAGE:
            try:
                coverage = build_table(rows, kind="xlsx", sheet=name, limits=limits)
            except ReadError as error:
                # Headers alone (the template as downloaded) are an empty sheet, not an error.
                if not str(error).startswith("no data rows"):
                    problems.append(Problem(name, None, None, str(error)))
            continue
        found[sheet.key] = _rows(sheet, name, rows, problems)
    return found, coverage, problems


def _rows(sheet: Sheet, name: str, rows: list[list[object]], problems: list[Problem]) -> Rows:
    labels = _columns_of(sheet)
    result = Rows(sheet, name)
    header_index = next((i for i, row in enumerate(rows[:10])
                         if sum(_label_key(c) in labels for c in row) >= 1), None)
    if header_index is None:
        problems.append(Problem(name, 1, None, "no header row: the first row must name the "
                                "columns (" + ", ".join(c.key for c in sheet.columns) + ")"))
        return result
    header = [labels.get(_label_key(c)) for c in rows[header_index]]
    missing = [c.key for c in sheet.columns if c.required and c.key not in header]
    if missing:
        problems.append(Problem(name, header_index + 1, ", ".join(missing),
                                "missing column(s); add them to the header row"))
    for offset, cells in enumerate(rows[header_index + 1:], start=header_index + 2):
        # A second header row (Thai labels under the English keys) is no data.
        filled = [c for c in cells if cell_text(c)]
        if filled and all(labels.get(_label_key(c)) for c in filled):
            continue
        values = {key: cell for key, cell in zip(header, cells, strict=False) if key}
        if any(cell_text(v) or isinstance(v, dt.date) for v in values.values()):
            result.rows.append((offset, values))
    return result


# ---- checking ---------------------------------------------------------------------------------

@dataclass
class Plan:
    """What a workbook would store: the bundles, and every problem found."""

    file_name: str
    content: bytes
    problems: list[Problem] = field(default_factory=list)
    bundles: dict[str, dict[str, Any]] = field(default_factory=dict)
    unchanged: list[str] = field(default_factory=list)
    rows: int = 0
    # Where attached documents are read from.
    folder: Path | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def accepted(self) -> bool:
        return not self.problems

    def report(self) -> pd.DataFrame:
        return pd.DataFrame([p.__dict__ for p in self.problems],
                            columns=["sheet", "row", "column", "message"])

    def summary(self) -> str:
        lines = [f"{self.file_name}: {self.rows} rows, {len(self.problems)} need attention; "
                 f"{len(self.bundles)} programmes to store"
                 + (f", {len(self.unchanged)} already as the workbook says"
                    if self.unchanged else "")]
        return "\n".join(lines)


class _Checker:
    def __init__(self, plan: Plan, session, gazetteer: Gazetteer, folder: Path | None) -> None:
        from sqlalchemy import select

        from registry.organisations import OrganisationIndex

        self.plan, self.session, self.gazetteer, self.folder = plan, session, gazetteer, folder
        self.organisations = OrganisationIndex.load(session)
        self.existing = set(session.scalars(select(Programme.slug)))
        self.titles = dict(session.execute(select(Programme.title_th, Programme.slug)).all())

    def problem(self, rows: Rows | str, row: int | None, column: str | None, message: str):
        sheet = rows.name if isinstance(rows, Rows) else rows
        self.plan.problems.append(Problem(sheet, row, column, message))

    def text(self, values: dict[str, Any], key: str) -> str:
        return cell_text(values.get(key))

    def date(self, rows: Rows, row: int, values: dict[str, Any], key: str,
             table: type | None = None, column: str | None = None) -> str | None:
        """The cell as `table.column` stores dates (None: at the precision written)."""
        from registry.drafts import date_for

        value = values.get(key)
        if not cell_text(value) and not isinstance(value, dt.date):
            return None
        try:
            return date_for(table, column or key, value)
        except DateError as error:
            self.problem(rows, row, key, f"{error}")
            return None

    def choice(self, rows: Rows, row: int, values: dict[str, Any], key: str,
               allowed: tuple[str, ...], words: dict[str, str] | None = None) -> str | None:
        text = self.text(values, key)
        if not text:
            return None
        chosen = text.lower().replace(" ", "_")
        chosen = (words or {}).get(text, chosen)
        if chosen not in allowed:
            self.problem(rows, row, key, f"{text!r} is not allowed here; write {_one_of(allowed)}")
            return None
        return chosen


def check(content: bytes, file_name: str, engine, *, folder: Path | None = None,
          gazetteer: Gazetteer | None = None, limits: Limits = DEFAULT_LIMITS) -> Plan:
    """Read and check a workbook against the registry; stores nothing.

    `folder` is where attached documents (Sources' file column) are looked for.
    """
    from registry.db import session_scope

    plan = Plan(file_name, content, folder=folder)
    sheets, coverage, plan.problems = read_workbook(content, limits)
    plan.rows = sum(len(rows.rows) for rows in sheets.values()) + (
        len(coverage.frame) if coverage is not None else 0)
    with session_scope(engine) as session:
        checker = _Checker(plan, session, gazetteer or default_gazetteer(), folder)
        _build(checker, sheets, coverage)
    return plan


def _build(checker: _Checker, sheets: dict[str, Rows], coverage) -> None:
    from registry import drafts

    empty = Rows(PROGRAMMES, PROGRAMMES.english)
    sources = _sources(checker, sheets.get("sources", Rows(SOURCES, SOURCES.english)))
    declared = _declared(checker, sheets.get("organisations", Rows(ORGANISATIONS,
                                                                    ORGANISATIONS.english)))
    bundles: dict[str, dict[str, Any]] = {}
    touched: dict[str, set[str]] = {}

    def bundle_for(slug: str, rows: Rows, row: int) -> dict[str, Any] | None:
        if slug in bundles:
            return bundles[slug]
        if slug in checker.existing:
            bundles[slug] = drafts.snapshot(checker.session, slug)
            bundles[slug]["organisations"] = []
            return bundles[slug]
        checker.problem(rows, row, "programme_id", f"programme {slug!r} is neither in the "
                        "Programmes sheet nor in the registry; add it to the Programmes sheet")
        return None

    def cite(bundle: dict[str, Any], rows: Rows, row: int, values: dict[str, Any]) -> str | None:
        source_id = checker.text(values, "source_id")
        if source_id not in sources:
            checker.problem(rows, row, "source_id", f"{source_id!r} is not in the Sources sheet; "
                            "add it there" if source_id else "no source given; cite a "
                            "source_id of the Sources sheet")
            return None
        document = sources[source_id]
        quote = checker.text(values, "quote") or document["quote"]
        ref, entry = drafts.source_entry(**{**document, "quote": quote})
        bundle["sources"][ref] = entry
        return ref

    programmes = sheets.get("programmes", empty)
    seen: dict[str, int] = {}
    for row, values in programmes.rows:
        slug = checker.text(values, "programme_id")
        if not SLUG.match(slug):
            checker.problem(programmes, row, "programme_id",
                            f"{slug!r} is no programme id; use 2-100 lower-case letters a-z, "
                            "digits and -, e.g. surat-moral-province")
            continue
        if slug in seen:
            checker.problem(programmes, row, "programme_id", f"{slug!r} is already used on row "
                            f"{seen[slug]}; give each programme its own id")
            continue
        seen[slug] = row
        new = slug not in checker.existing
        title = checker.text(values, "title_th")
        if new and title and checker.titles.get(title):
            checker.problem(programmes, row, "title_th", f"the registry already has this title "
                            f"as {checker.titles[title]!r}; use that programme_id to update it")
            continue
        fields: dict[str, Any] = {"slug": slug}
        for key in ("title_th", "title_en", "description_th", "description_en"):
            if checker.text(values, key):
                fields[key] = checker.text(values, key)
        for key, allowed in (("theme", models.THEMES), ("status", models.PROGRAMME_STATUSES)):
            if (chosen := checker.choice(programmes, row, values, key, allowed)) is not None:
                fields[key] = chosen
        for key in ("signed_on", "start_on", "end_on"):
            if (date := checker.date(programmes, row, values, key, Programme)) is not None:
                fields[key] = date
        if new:
            for key in ("title_th", "theme"):
                if key not in fields:
                    checker.problem(programmes, row, key, f"a new programme needs its {key}")
            bundle = {"programme": fields, "sources": {}, "organisations": [],
                      **{key: [] for key in drafts.CHILDREN}}
        else:
            bundle = drafts.snapshot(checker.session, slug)
            bundle["organisations"] = []
            bundle["programme"].update(fields)
        bundles[slug] = bundle
        if fields.get("start_on") and fields.get("end_on") and \
                fields["start_on"] > fields["end_on"]:
            checker.problem(programmes, row, "end_on", "the end date is before the start date")
        refs = [r for r in LIST_SPLIT.split(checker.text(values, "source_id")) if r]
        citations = []
        for ref in refs:
            cited = cite(bundle, programmes, row, {"source_id": ref})
            if cited:
                citations.append({"field": "programme", "source_id": cited})
        if citations:
            bundle["citations"] = citations
            touched.setdefault(slug, set()).add("citations")

    partners = sheets.get("partners", Rows(PARTNERS, PARTNERS.english))
    used: dict[tuple[str, str, str], int] = {}
    for row, values in partners.rows:
        slug = checker.text(values, "programme_id")
        bundle = bundle_for(slug, partners, row)
        roles = [checker.choice(partners, row, {"role": written}, "role", models.ROLES,
                                ROLE_WORDS)
                 for written in LIST_SPLIT.split(checker.text(values, "role")) if written]
        if not roles:
            checker.problem(partners, row, "role", f"no role; write {_one_of(models.ROLES)}")
        written = checker.text(values, "organisation")
        organisation = _organisation(checker, partners, row, written, declared)
        if bundle is None or not roles or None in roles or organisation is None:
            continue
        ref = cite(bundle, partners, row, values)
        if ref is None:
            continue
        if "partners" not in touched.setdefault(slug, set()):
            bundle["partners"] = []
            touched[slug].add("partners")
        for role in roles:
            if (slug, organisation, role) in used:
                checker.problem(partners, row, "role", f"this organisation is already "
                                f"{role} of {slug} on row {used[slug, organisation, role]}; "
                                "give each role once")
                continue
            used[slug, organisation, role] = row
            bundle["partners"].append({"organisation_id": organisation, "role": role,
                                       "description": None, "source_id": ref})
        if organisation in declared and declared[organisation] not in bundle["organisations"]:
            bundle["organisations"].append(declared[organisation])
    organisations = sheets.get("organisations")
    partnered = {organisation for _slug, organisation, _role in used}
    for ref, entry in declared.items():
        if ref == entry["ref"] and ref not in partnered and organisations is not None:
            checker.problem(organisations, int(ref[4:]), "name_th", "no row of the Partners "
                            "sheet names this organisation; add its Partners row (an "
                            "organisation is stored with the programme it works in) or delete "
                            "this row")

    _indicators(checker, sheets.get("indicators", Rows(INDICATORS, INDICATORS.english)),
                bundle_for, cite, touched)
    if coverage is not None:
        _coverage(checker, coverage, bundles, bundle_for, touched)
    for slug, bundle in bundles.items():
        _drop_unused_sources(bundle)
        for key in drafts.CHILDREN:
            bundle[key] = drafts.in_order(bundle.get(key) or [])
        if slug in checker.existing and bundle == _comparable(checker, slug):
            checker.plan.unchanged.append(slug)
        else:
            checker.plan.bundles[slug] = bundle


def _drop_unused_sources(bundle: dict[str, Any]) -> None:
    from registry import drafts

    used = {row[column] for key, columns in drafts.SOURCE_COLUMNS.items()
            for row in bundle.get(key) or () for column in columns}
    bundle["sources"] = {ref: entry for ref, entry in bundle["sources"].items() if ref in used}


def _comparable(checker: _Checker, slug: str) -> dict[str, Any]:
    from registry import drafts

    current = drafts.snapshot(checker.session, slug)
    current["organisations"] = []
    return current


def _sources(checker: _Checker, rows: Rows) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for row, values in rows.rows:
        source_id = checker.text(values, "source_id")
        if not source_id:
            checker.problem(rows, row, "source_id", "no source_id; give the source a short id "
                            "the other sheets cite")
            continue
        if source_id in found:
            checker.problem(rows, row, "source_id", f"{source_id!r} is used twice; give each "
                            "source its own id")
            continue
        url, file_name = checker.text(values, "url"), checker.text(values, "file")
        sha = ""
        if file_name:
            sha = _attachment(checker, rows, row, file_name)
        elif not url:
            checker.problem(rows, row, "url", "a source needs its url or an attached file")
            continue
        published = checker.date(rows, row, values, "published_on") or ""
        found[source_id] = {"url": url, "file_name": file_name, "content_sha256": sha,
                            "quote": checker.text(values, "quote"),
                            "title": checker.text(values, "title"),
                            "publisher": checker.text(values, "publisher"),
                            "published_on": published}
    return found


def _attachment(checker: _Checker, rows: Rows, row: int, file_name: str) -> str:
    path = (checker.folder / file_name) if checker.folder else None
    if path is None or not path.is_file() or Path(file_name).name != file_name:
        checker.problem(rows, row, "file", f"{file_name!r} is not beside the workbook; put the "
                        "document in the same folder (or give its url instead)")
        return ""
    if path.suffix.lower() not in (".txt", ".html", ".htm", ".pdf"):
        checker.problem(rows, row, "file", f"{file_name!r}: attach a .txt, .html or .pdf file")
        return ""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _declared(checker: _Checker, rows: Rows) -> dict[str, dict[str, Any]]:
    """Declared new organisations, by the reference partners use (`new-<row>`), and every
    spelling of them pointing at that reference."""
    declared: dict[str, dict[str, Any]] = {}
    for row, values in rows.rows:
        name_th = checker.text(values, "name_th")
        if not name_th:
            checker.problem(rows, row, "name_th", "a new organisation needs its Thai name")
            continue
        aliases = [a for a in LIST_SPLIT.split(checker.text(values, "aliases")) if a]
        spellings = [name_th, checker.text(values, "name_en"),
                     checker.text(values, "abbreviation"), *aliases]
        known = [(s, checker.organisations.resolve(s).organisation) for s in spellings if s]
        clash = next(((s, k) for s, k in known if k is not None), None)
        same = {k for _s, k in known}
        if clash is not None and len(same) == 1 and raw_key(clash[1].name_th) == raw_key(name_th):
            continue  # declared before and stored since (a workbook imported again)
        if clash is not None:
            spelling, organisation = clash
            checker.problem(rows, row, "name_th", f"{spelling!r} is already in the registry as "
                            f"{organisation.label()}; delete this row and write that name in "
                            "the Partners sheet")
            continue
        org_type = checker.choice(rows, row, values, "type", models.ORG_TYPES) or "other"
        ref = f"new-{row}"
        entry = {"ref": ref, "name_th": name_th, "name_en": checker.text(values, "name_en"),
                 "abbreviation": checker.text(values, "abbreviation"), "org_type": org_type,
                 "aliases": aliases}
        for spelling in spellings:
            if spelling:
                key = raw_key(spelling)
                if key in declared and declared[key]["ref"] != ref:
                    checker.problem(rows, row, "name_th", f"{spelling!r} is also declared on row "
                                    f"{declared[key]['ref'][4:]}; declare each organisation once")
                declared[key] = entry
        declared[ref] = entry
    return declared


def _organisation(checker: _Checker, rows: Rows, row: int, written: str,
                  declared: dict[str, dict[str, Any]]) -> str | None:
    """The slug (known) or reference (declared) of a partner as written."""
    if not written:
        checker.problem(rows, row, "organisation", "no organisation given")
        return None
    found = checker.organisations.resolve(written)
    if found.matched:
        return found.organisation.slug
    if raw_key(written) in declared:
        return declared[raw_key(written)]["ref"]
    hint = "; ".join(k.label() for k in found.suggestions)
    checker.problem(rows, row, "organisation",
                    f"{written!r} is no organisation the registry knows or the Organisations "
                    f"sheet declares" + (f"; closest: {hint}" if hint else "")
                    + ". Write one of those names, or declare it in the Organisations sheet")
    return None


KIND_WORDS = {"เป้าหมาย": "target", "ผลการดำเนินงาน": "actual", "ผล": "actual",
              "บริบท": "context", "ค่าฐาน": "baseline", "ข้อมูลฐาน": "baseline"}
INDICATOR_KINDS = (*models.CLAIM_KINDS, "baseline")


def _indicators(checker: _Checker, rows: Rows, bundle_for, cite, touched) -> None:
    """Figures become claims (a target or actual for a period, or the whole programme's);
    a baseline row becomes its indicator's baseline. Each programme the sheet names gets
    its indicators and figures replaced by the sheet's, keeping indicator titles."""
    from dates import DateValue, parse_when
    from registry import drafts

    measures = {raw_key(word): measure for measure, words in measure_words().items()
                for word in words}
    measures.update({measure: measure for measure in measure_codes()})
    seen: dict[tuple, int] = {}
    indicators: dict[str, dict[tuple, dict[str, Any]]] = {}
    titles: dict[str, dict[tuple, dict[str, Any]]] = {}
    for row, values in rows.rows:
        slug = checker.text(values, "programme_id")
        bundle = bundle_for(slug, rows, row)
        measure_text = checker.text(values, "measure")
        measure = measures.get(raw_key(measure_text)) or measures.get(measure_text.lower())
        if measure is None:
            checker.problem(rows, row, "measure", f"{measure_text!r} is no measure; write "
                            f"{_one_of(measure_codes())}" if measure_text else
                            "no measure; say what the figure counts")
        kind = checker.choice(rows, row, values, "kind", INDICATOR_KINDS, KIND_WORDS)
        if not checker.text(values, "kind"):
            checker.problem(rows, row, "kind", f"no kind; write {_one_of(INDICATOR_KINDS)}")
        level = checker.choice(rows, row, values, "level", ALL_LEVELS) or \
            measure_levels().get(measure)
        value, problem = importer._number(values.get("value"), "value")
        if problem or value is None:
            checker.problem(rows, row, "value", problem or "no value; write the figure")
        within = None
        if checker.text(values, "within"):
            text = checker.text(values, "within")
            match = checker.gazetteer.resolve(code=text) if text.isdigit() else \
                checker.gazetteer.resolve(area=text)
            if match.status != MATCHED:
                candidates = " | ".join(match.candidates)
                checker.problem(rows, row, "within", f"{match.message}"
                                + (f"; candidates: {candidates}" if candidates else ""))
            else:
                within = match.code
        as_of = checker.date(rows, row, values, "as_of", Claim)
        ends = [checker.date(rows, row, values, key) for key in ("period_start", "period_end")]
        if kind == "baseline" and any(ends):
            checker.problem(rows, row, "period_start", "a baseline is the situation before the "
                            "programme: give its date in as_of and leave the period blank")
            continue
        period = ends[0] or ends[1]
        if all(ends):
            try:
                period = DateValue.span(parse_when(ends[0]), parse_when(ends[1])).edtf()
            except DateError as error:
                checker.problem(rows, row, "period_end", f"{error}")
                continue
        if None in (bundle, measure, kind, value):
            continue
        key = (slug, measure, level, within, kind) if kind == "baseline" else (
            slug, measure, level, within, kind, as_of, period)
        if key in seen:
            checker.problem(rows, row, "measure", f"the same figure as row {seen[key]}; keep one")
            continue
        seen[key] = row
        ref = cite(bundle, rows, row, values)
        if ref is None:
            continue
        if "claims" not in touched.setdefault(slug, set()):
            titles[slug] = {drafts.indicator_key(i): i for i in bundle.get("indicators") or ()}
            indicators[slug] = {}
            bundle["claims"], bundle["indicators"] = [], []
            touched[slug].update(("claims", "indicators"))
        area_code, village_no = split_village(within) if within else (within, 0)
        figure = {"measure": measure, "level": level, "within_code": area_code,
                  "within_village_no": village_no}
        kept = titles[slug].get(drafts.indicator_key(figure)) or {}
        indicator = indicators[slug].setdefault(drafts.indicator_key(figure), {
            **figure, "title_th": kept.get("title_th"), "title_en": kept.get("title_en"),
            "baseline_value": None, "baseline_qualifier": None, "baseline_as_of": None,
            "baseline_source_id": None})
        if kind == "baseline":
            indicator.update({"baseline_value": float(value), "baseline_as_of": as_of,
                              "baseline_source_id": ref})
            continue
        bundle["claims"].append({**figure, "value": float(value), "kind": kind,
                                 "period": period, "qualifier": None, "as_of": as_of,
                                 "is_synthetic": False, "source_id": ref})
    for slug, found in indicators.items():
        bundle_for(slug, rows, 0)["indicators"] = list(found.values())


def _coverage(checker: _Checker, table, bundles, bundle_for, touched) -> None:
    name = table.sheet or COVERAGE.english
    known = importer.Programmes.from_rows(
        [(0, slug, None, None) for slug in {*checker.existing, *bundles}])
    report = importer.check_table(table, checker.gazetteer, programmes=known)
    for record in report.itertuples(index=False):
        if record.status != MATCHED:
            candidates = f"; candidates: {record.candidates}" if record.candidates else ""
            checker.problem(name, record.row, record.column, f"{record.status}: "
                            f"{record.message}{candidates}")
            continue
        rows = Rows(COVERAGE, name)
        bundle = bundle_for(record.programme, rows, record.row)
        if bundle is None:
            continue
        if "coverage" not in touched.setdefault(record.programme, set()):
            bundle["coverage"] = []
            touched[record.programme].add("coverage")
        programme_sources = [c["source_id"] for c in bundle.get("citations") or ()]
        if not programme_sources:
            checker.problem(name, record.row, "programme", "cite a source for the programme in "
                            "the Programmes sheet (source_id); coverage rows cite it")
            continue
        code = record.area_code
        area_code, village_no = split_village(code)
        year = None if pd.isna(record.year) else int(record.year)
        bundle["coverage"].append({
            "level": record.level, "area_code": area_code, "village_no": village_no,
            "status": record.coverage_status, "year": year, "is_synthetic": False,
            "source_id": programme_sources[0]})


# ---- committing and undoing -------------------------------------------------------------------

@dataclass(frozen=True)
class Stored:
    import_id: int
    programmes: list[str]
    unchanged: list[str]
    already_imported: bool = False


def commit(engine, plan: Plan, by: str) -> Stored:
    """Publish every programme of an accepted plan in one transaction, the workbook archived."""
    from sqlalchemy import select

    from registry import audit, drafts
    from registry.db import session_scope
    from registry.models import ImportFile, Organisation

    if not plan.accepted:
        raise importer.ImportFailed("some rows need attention; nothing was stored. Fix them "
                                    "and check again")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with session_scope(engine) as session:
        archived = session.scalar(select(ImportFile).where(
            ImportFile.content_sha256 == plan.sha256))
        if archived is not None and archived.undone_at is None:
            return Stored(archived.id, [], sorted(plan.bundles) + plan.unchanged, True)
        if archived is None:
            archived = ImportFile(file_name=plan.file_name[:255], content_sha256=plan.sha256,
                                  content=plan.content, size=len(plan.content),
                                  imported_at=now, imported_by=by)
            session.add(archived)
        else:
            archived.undone_at, archived.imported_at, archived.imported_by = None, now, by
        session.flush()
        for bundle in plan.bundles.values():
            for entry in bundle["sources"].values():
                _keep_document(session, entry, plan, by, now)
        published, created = [], {}
        for slug in sorted(plan.bundles):
            bundle = _with_created(plan.bundles[slug], created)
            draft = drafts.save(session, bundle, by=by)
            drafts.publish(session, draft.id, by=by, role="admin", import_file_id=archived.id)
            published.append(draft.id)
            made = json.loads(draft.created)["organisations"]
            for new, organisation_id in zip(bundle["organisations"], made, strict=True):
                created[new["ref"]] = session.get(Organisation, organisation_id).slug
        audit.record(session, by, IMPORT, "import_file", archived.id, None,
                     {"file_name": plan.file_name, "sha256": plan.sha256,
                      "programmes": sorted(plan.bundles), "unchanged": plan.unchanged,
                      "drafts": published}, import_file_id=archived.id)
        return Stored(archived.id, sorted(plan.bundles), plan.unchanged)


def _with_created(bundle: dict[str, Any], created: dict[str, str]) -> dict[str, Any]:
    """A bundle whose new organisations made by an earlier programme of the same workbook
    are cited by their slug instead of being created twice."""
    if not any(new["ref"] in created for new in bundle["organisations"]):
        return bundle
    return {**bundle,
            "organisations": [new for new in bundle["organisations"] if new["ref"] not in created],
            "partners": [{**row, "organisation_id": created.get(row["organisation_id"],
                                                                row["organisation_id"])}
                         for row in bundle["partners"]]}


def _keep_document(session, entry, plan: Plan, by: str, now) -> None:
    """An attached document is stored once, by its hash."""
    from sqlalchemy import select

    from registry.models import Document

    sha, folder = entry.get("content_sha256"), plan.folder
    if not sha or folder is None:
        return
    if session.scalar(select(Document.id).where(Document.content_sha256 == sha)):
        return
    content = (folder / entry["file_name"]).read_bytes()
    media = {".pdf": "application/pdf", ".html": "text/html", ".htm": "text/html"}.get(
        Path(entry["file_name"]).suffix.lower(), "text/plain")
    session.add(Document(content_sha256=sha, file_name=entry["file_name"], media_type=media,
                         content=content, size=len(content), uploaded_at=now, uploaded_by=by))
    session.flush()


def is_workbook_import(engine, import_id: int) -> bool:
    from sqlalchemy import select

    from registry.db import session_scope
    from registry.models import AuditEntry

    with session_scope(engine) as session:
        return session.scalar(select(AuditEntry.id).where(
            AuditEntry.action == IMPORT, AuditEntry.import_file_id == import_id)) is not None


def undo(engine, import_id: int, by: str) -> list[str]:
    """Put back every programme the import changed, as it was before; returns their ids."""
    from sqlalchemy import select

    from registry import audit, drafts
    from registry.db import session_scope
    from registry.models import Draft, ImportFile

    with session_scope(engine) as session:
        archived = session.get(ImportFile, import_id)
        if archived is None:
            raise importer.ImportFailed(f"there is no import #{import_id}")
        if archived.undone_at is not None:
            raise importer.ImportFailed(f"import #{import_id} was already undone")
        published = list(session.scalars(select(Draft).where(
            Draft.import_file_id == import_id, Draft.status == "published")
            .order_by(Draft.id.desc())))
        try:
            for draft in published:
                drafts.undo(session, draft.id, by=by)
        except drafts.DraftError as error:
            raise importer.ImportFailed(f"import #{import_id} cannot be undone: {error}") from None
        archived.undone_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        slugs = sorted(draft.programme_slug for draft in published)
        audit.record(session, by, IMPORT_UNDO, "import_file", import_id, {"programmes": slugs},
                     None, import_file_id=import_id)
        return slugs


# ---- the template -----------------------------------------------------------------------------

def template_xlsx() -> bytes:
    """An empty workbook with every sheet: English keys in row 1, Thai labels in row 2, and
    a notes sheet explaining each column (from the same definitions the reader uses)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    workbook.remove(workbook.active)
    notes = [["sheet / ชีต", "column / คอลัมน์", "หัวคอลัมน์ภาษาไทย", "what to write", "required"]]
    grey = PatternFill("solid", fgColor="EEEEEE")
    for sheet in SHEETS:
        page = workbook.create_sheet(f"{sheet.english}")
        if sheet is COVERAGE:
            for row in template.rows()[:3]:
                page.append(row)
        else:
            page.append([c.key for c in sheet.columns])
            page.append([c.thai for c in sheet.columns])
        for cells in page.iter_rows():
            for cell in cells:
                cell.font, cell.fill = Font(bold=cell.row == 1), grey
        for index, column in enumerate(sheet.columns, start=1):
            page.column_dimensions[page.cell(1, index).column_letter].width = \
                max(16, len(column.thai) + 6)
            notes.append([f"{sheet.english} / {sheet.thai}", column.key, column.thai,
                          column.help, "yes" if column.required else ""])
        page.freeze_panes = "A3" if sheet is not COVERAGE else "A4"
    page = workbook.create_sheet(NOTES_SHEET)
    for row in notes:
        page.append(row)
    page.append([])
    page.append(["Dates: 17 มี.ค. 2563, ๑๔ มีนาคม ๒๕๖๖, 2020-03-17 (BE or CE). Sheet names in "
                 "English or Thai. Nothing is stored until every row is accepted."])
    for letter, width in zip("ABCDE", (26, 18, 24, 80, 10), strict=True):
        page.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---- the command line -------------------------------------------------------------------------

def add_arguments(parser: argparse.ArgumentParser) -> None:
    importer.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """A registry workbook (or the undo of one) here; any other file to the coverage import."""
    return importer.run(args, _workbook_or_coverage)


def _workbook_or_coverage(args: argparse.Namespace) -> int:
    from registry.db import ensure_ready

    path = Path(args.file) if args.file else None
    if path is not None and path.suffix.lower() in (".xlsx", ".xlsm"):
        content = path.read_bytes()
        if is_registry_workbook(content):
            return _run_workbook(ensure_ready(args.database_url), args, path, content)
    if args.undo is not None:
        engine = ensure_ready(args.database_url)
        if is_workbook_import(engine, args.undo):
            slugs = undo(engine, args.undo, by=args.by)
            print(f"import #{args.undo} undone: {', '.join(slugs) or 'no programme'} back "
                  "as before")
            return 0
    return importer._run(args)


def _run_workbook(engine, args: argparse.Namespace, path: Path, content: bytes) -> int:
    plan = check(content, path.name, engine, folder=path.parent)
    plan.folder = path.parent
    print(plan.summary())
    for problem in plan.problems[:importer.SHOWN_PROBLEMS]:
        where = ", ".join(part for part in (problem.sheet, problem.row and f"row {problem.row}",
                                            problem.column and f"column {problem.column}")
                          if part)
        print(f"  {where}: {problem.message}")
    if len(plan.problems) > importer.SHOWN_PROBLEMS:
        print(f"  … and {len(plan.problems) - importer.SHOWN_PROBLEMS} more (see --report)")
    if args.report:
        report = plan.report().map(importer.neutralise)
        if args.report.suffix.lower() == ".xlsx":
            report.to_excel(args.report, index=False)
        else:
            args.report.write_bytes(report.to_csv(index=False).encode("utf-8-sig"))
        print(f"report written to {args.report}")
    if not plan.accepted:
        print("nothing stored: every row must be accepted first")
        return 1
    if args.dry_run:
        return 0
    stored = commit(engine, plan, by=args.by)
    if stored.already_imported:
        print(f"this workbook was already imported as import #{stored.import_id}; nothing "
              "changed")
    else:
        print(f"import #{stored.import_id}: {len(stored.programmes)} programmes stored "
              f"({', '.join(stored.programmes) or 'none'}); undo with "
              f"`python -m loaders import --undo {stored.import_id}`")
    return 0
