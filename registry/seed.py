"""Seeding the registry from the human-reviewed YAML files in data/seed.

The files state only what the five source documents state, each fact with its
document and a short verbatim quote. `seed` validates everything first (a bad
file gives a SeedError naming the file and the field) and then upserts on
natural keys, so running it again changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

import settings
from dates import DateError, parse_limit, parse_when, parse_year
from geo.levels import ALL_LEVELS, CODE_LENGTH, LEVEL_BY_LENGTH, LEVELS, code_at
from registry import models, upsert
from registry.measures import measure_codes
from registry.models import Area, Organisation
from registry.organisations import sync_aliases

SEED_USER = "seed"
PROGRAMME_DATES = ("signed_on", "start_on", "end_on")
PROGRAMME_SECTIONS = ("partners", "coverage", "claims", "place_mentions", "networks", "events")
# How a document is cited: what its text gives (title, publisher, published, url) and the
# dashboard's own note on anything it had to supply, in Thai and in English.
DOCUMENT_DETAILS = ("title", "publisher", "published", "url", "note", "note_en")


class SeedError(ValueError):
    """A seed file that cannot be loaded; the message names the file and the field."""


@dataclass
class SeedFile:
    path: Path
    # file name -> {"sha256": …, "title": …, "publisher": …, "published": EDTF, "url": …,
    # "document_note": …, "document_note_en": …}
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    organisations: list[dict[str, Any]] = field(default_factory=list)
    programme: dict[str, Any] | None = None


def normalise_quote(text: str) -> str:
    """Quotes are compared and stored with whitespace collapsed (documents hold NBSPs)."""
    return " ".join(str(text).split())


class _Checker:
    """Validation helpers that prefix every message with where the bad value is."""

    def __init__(self, path: Path, area_codes: set[str]) -> None:
        self.path = path
        self.area_codes = area_codes

    def fail(self, where: str, message: str) -> SeedError:
        return SeedError(f"{self.path.name}: {where}: {message}")

    def mapping(self, value: Any, where: str, required: tuple[str, ...],
                optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping of fields, got {type(value).__name__}")
        unknown = sorted(set(value) - set(required) - set(optional))
        if unknown:
            raise self.fail(where, f"unknown field(s) {', '.join(unknown)}; allowed: "
                                   f"{', '.join((*required, *optional))}")
        missing = [name for name in required if value.get(name) in (None, "")]
        if missing:
            raise self.fail(where, f"missing field(s) {', '.join(missing)}")
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, "expected a list")
        return value

    def text(self, value: Any, where: str, *, required: bool = True) -> str | None:
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, "expected non-empty text")
        return normalise_quote(value)

    def choice(self, value: Any, allowed: tuple[str, ...], where: str,
               *, required: bool = True) -> str | None:
        if value is None and not required:
            return None
        if value not in allowed:
            raise self.fail(where, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def _dated(self, value: Any, where: str, read: Callable[[Any], Any]) -> Any:
        """`read(value)`, None for no value; a date `read` refuses fails at `where`."""
        if value is None:
            return None
        try:
            return read(value)
        except DateError as error:
            raise self.fail(where, str(error)) from None

    def date(self, value: Any, where: str) -> str | None:
        """EDTF text of a date as the document gives it (a day, a range, a month, a year)."""
        return self._dated(value, where, lambda text: parse_when(text).edtf())

    def limit(self, value: Any, where: str) -> str | None:
        return self._dated(value, where, lambda text: parse_limit(text).iso())

    def year(self, value: Any, where: str) -> int | None:
        return self._dated(value, where, parse_year)

    def count(self, value: Any, where: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail(where, f"{value!r} is no non-negative number")
        return value

    def area(self, value: Any, level: str, where: str) -> str:
        code = str(value)
        length = CODE_LENGTH[level]
        if len(code) != length or not code.isdigit():
            raise self.fail(where, f"{code!r} is no {level} code ({length} digits)")
        if code not in self.area_codes:
            raise self.fail(where, f"area code {code!r} is not in the gazetteer")
        return code

    def any_area(self, value: Any, where: str) -> str:
        """A province, district or subdistrict code, its level told by its length."""
        level = LEVEL_BY_LENGTH.get(len(str(value)))
        if level not in LEVELS:
            raise self.fail(where, f"{value!r} is no area code (2, 4 or 6 digits)")
        return self.area(value, level, where)


def _read(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SeedError(f"{path.name}: cannot be read as UTF-8 YAML: {error}") from None


def _parse(path: Path, area_codes: set[str]) -> SeedFile:
    check = _Checker(path, area_codes)
    data = check.mapping(_read(path), "file", (), ("documents", "organisations", "programme",
                                                   *PROGRAMME_SECTIONS))
    parsed = SeedFile(path)
    for index, document in enumerate(check.items(data.get("documents"), "documents")):
        where = f"documents[{index}]"
        document = check.mapping(document, where, ("file", "sha256"), DOCUMENT_DETAILS)
        sha = str(document["sha256"])
        if len(sha) != 64 or any(char not in "0123456789abcdef" for char in sha):
            raise check.fail(f"{where}.sha256", "expected 64 lower-case hex digits")
        parsed.documents[check.text(document["file"], f"{where}.file")] = {
            "sha256": sha,
            **{name: check.text(document.get(name), f"{where}.{name}", required=False)
               for name in ("title", "publisher", "url")},
            "published": check.date(document.get("published"), f"{where}.published"),
            "document_note": check.text(document.get("note"), f"{where}.note", required=False),
            "document_note_en": check.text(document.get("note_en"), f"{where}.note_en",
                                           required=False),
        }
    for index, organisation in enumerate(check.items(data.get("organisations"),
                                                     "organisations")):
        where = f"organisations[{index}]"
        organisation = check.mapping(organisation, where, ("slug", "name_th", "org_type"),
                                     ("name_en", "abbreviation", "province", "aliases"))
        province = organisation.get("province")
        parsed.organisations.append({
            "slug": check.text(organisation["slug"], f"{where}.slug"),
            "name_th": check.text(organisation["name_th"], f"{where}.name_th"),
            "name_en": check.text(organisation.get("name_en"), f"{where}.name_en",
                                  required=False),
            "abbreviation": check.text(organisation.get("abbreviation"),
                                       f"{where}.abbreviation", required=False),
            "org_type": check.choice(organisation["org_type"], models.ORG_TYPES,
                                     f"{where}.org_type"),
            "province_code": None if province is None
            else check.area(province, "province", f"{where}.province"),
        })
    if data.get("programme") is not None:
        parsed.programme = _parse_programme(check, data, parsed.documents)
    elif any(data.get(section) for section in PROGRAMME_SECTIONS):
        raise check.fail("programme", "missing, but the file lists facts about a programme")
    return parsed


def _citation(check: _Checker, fact: dict[str, Any], where: str,
              documents: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any], str]:
    """(file name, document details, quote) a fact cites; its document must be listed."""
    file_name = check.text(fact.get("source"), f"{where}.source")
    if file_name not in documents:
        raise check.fail(f"{where}.source", f"{file_name!r} is not listed under documents")
    return file_name, documents[file_name], check.text(fact.get("quote"), f"{where}.quote")


CITED = ("source", "quote")


def _parse_programme(check: _Checker, data: dict[str, Any],
                     documents: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A seed file's programme, its citations and the rows of each section, all checked."""
    where = "programme"
    raw = check.mapping(data["programme"], where, ("slug", "title_th", "theme", "citations"),
                        ("title_en", "status", *PROGRAMME_DATES, "period_limit",
                         "description_th", "description_en", "is_synthetic"))
    fields = _programme_fields(check, raw, where)
    citations = []
    for index, citation in enumerate(check.items(raw["citations"], f"{where}.citations")):
        place = f"{where}.citations[{index}]"
        citation = check.mapping(citation, place, ("field", *CITED))
        citations.append((check.text(citation["field"], f"{place}.field"),
                          _citation(check, citation, place, documents)))
    sections = {
        section: [parse(check, row, f"{section}[{index}]") | {
                      "cite": _citation(check, row, f"{section}[{index}]", documents)}
                  for index, row in enumerate(check.items(data.get(section), section))]
        for section, parse in SECTIONS.items()
    }
    return {"fields": fields, "citations": citations, **sections}


def _programme_fields(check: _Checker, raw: dict[str, Any], where: str) -> dict[str, Any]:
    programme = {
        "slug": check.text(raw["slug"], f"{where}.slug"),
        "title_th": check.text(raw["title_th"], f"{where}.title_th"),
        "title_en": check.text(raw.get("title_en"), f"{where}.title_en", required=False),
        "theme": check.choice(raw["theme"], models.THEMES, f"{where}.theme"),
        "status": check.choice(raw.get("status"), models.PROGRAMME_STATUSES,
                               f"{where}.status", required=False),
        "description_th": check.text(raw.get("description_th"), f"{where}.description_th",
                                     required=False),
        "description_en": check.text(raw.get("description_en"), f"{where}.description_en",
                                     required=False),
        "is_synthetic": bool(raw.get("is_synthetic", False)),
    }
    for name in PROGRAMME_DATES:
        programme[name] = check.date(raw.get(name), f"{where}.{name}")
    for name in ("start_on", "end_on"):
        if programme[name] and parse_when(programme[name]).is_range:
            raise check.fail(f"{where}.{name}", "a start or end is one day, month or year, "
                                                "not a range; the period runs from start to end")
    programme["period_limit"] = check.limit(raw.get("period_limit"), f"{where}.period_limit")
    if programme["start_on"] and programme["end_on"] and (
            parse_when(programme["start_on"]).first > parse_when(programme["end_on"]).last):
        raise check.fail(f"{where}.end_on", "ends before it starts")
    return programme


def _partner(check: _Checker, row: Any, place: str) -> dict[str, Any]:
    row = check.mapping(row, place, ("organisation", "role", *CITED), ("description",))
    return {
        "organisation": check.text(row["organisation"], f"{place}.organisation"),
        "role": check.choice(row["role"], models.ROLES, f"{place}.role"),
        "description": check.text(row.get("description"), f"{place}.description",
                                  required=False),
    }


def _coverage(check: _Checker, row: Any, place: str) -> dict[str, Any]:
    row = check.mapping(row, place, ("level", "code", "status", *CITED), ("year",))
    level = check.choice(row["level"], ALL_LEVELS, f"{place}.level")
    code = str(row["code"])
    area_level = "subdistrict" if level == "village" else level
    check.area(code_at(code, area_level) if level == "village" else code, area_level,
               f"{place}.code")
    try:
        upsert.split_area_code(level, code)
    except ValueError as error:
        raise check.fail(f"{place}.code", str(error)) from None
    return {
        "level": level, "code": code,
        "status": check.choice(row["status"], models.COVERAGE_STATUSES, f"{place}.status"),
        "year": check.year(row.get("year"), f"{place}.year"),
    }


def _claim(check: _Checker, row: Any, place: str) -> dict[str, Any]:
    row = check.mapping(row, place, ("measure", "value", "kind", *CITED),
                        ("level", "within", "qualifier", "as_of", "period", "title_th",
                         "title_en"))
    within = row.get("within")
    return {
        "measure": check.choice(row["measure"], measure_codes(), f"{place}.measure"),
        "level": check.choice(row.get("level"), ALL_LEVELS, f"{place}.level", required=False),
        "within_code": None if within is None else check.any_area(within, f"{place}.within"),
        "value": check.count(row["value"], f"{place}.value"),
        "kind": check.choice(row["kind"], models.CLAIM_KINDS, f"{place}.kind"),
        "qualifier": check.choice(row.get("qualifier"), models.QUALIFIERS,
                                  f"{place}.qualifier", required=False),
        "as_of": check.date(row.get("as_of"), f"{place}.as_of"),
        "period": check.date(row.get("period"), f"{place}.period"),
        "title_th": check.text(row.get("title_th"), f"{place}.title_th", required=False),
        "title_en": check.text(row.get("title_en"), f"{place}.title_en", required=False),
    }


def _place_mention(check: _Checker, row: Any, place: str) -> dict[str, Any]:
    row = check.mapping(row, place, ("name_as_written", "level", "resolution", *CITED),
                        ("candidates",))
    level = check.choice(row["level"], LEVELS, f"{place}.level")
    return {
        "name_as_written": check.text(row["name_as_written"], f"{place}.name_as_written"),
        "level": level,
        "resolution": check.choice(row["resolution"], models.RESOLUTIONS,
                                   f"{place}.resolution"),
        "candidate_codes": [check.area(code, level, f"{place}.candidates")
                            for code in check.items(row.get("candidates"),
                                                    f"{place}.candidates")],
    }


def _network(check: _Checker, row: Any, place: str) -> dict[str, Any]:
    row = check.mapping(row, place, CITED, ("name_th", "name_en", "number", "area"))
    if not any(row.get(name) is not None for name in ("name_th", "name_en", "number")):
        raise check.fail(place, "a network needs a name or a number the document gives")
    area = row.get("area")
    return {
        "name_th": check.text(row.get("name_th"), f"{place}.name_th", required=False),
        "name_en": check.text(row.get("name_en"), f"{place}.name_en", required=False),
        "number": None if row.get("number") is None
        else int(check.count(row["number"], f"{place}.number")),
        "area_code": None if area is None else check.any_area(area, f"{place}.area"),
    }


def _event(check: _Checker, row: Any, place: str) -> dict[str, Any]:
    row = check.mapping(row, place, ("kind", "held", *CITED), ("name_th", "name_en"))
    return {
        "kind": check.choice(row["kind"], models.EVENT_KINDS, f"{place}.kind"),
        "held": check.date(row["held"], f"{place}.held"),
        "name_th": check.text(row.get("name_th"), f"{place}.name_th", required=False),
        "name_en": check.text(row.get("name_en"), f"{place}.name_en", required=False),
    }


# A seed file's sections after its programme: key -> the check of one of its rows (each
# row also cites its source, checked alike for all).
SECTIONS = {"partners": _partner, "coverage": _coverage, "claims": _claim,
            "place_mentions": _place_mention, "networks": _network, "events": _event}


def load_seed_files(session: Session, seed_dir: Path | None = None) -> list[SeedFile]:
    """Every seed file parsed and validated, organisations' files first; writes nothing."""
    folder = Path(seed_dir or settings.SEED_DIR)
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        raise SeedError(f"no seed files (*.yaml) in {folder}")
    area_codes = set(session.scalars(select(Area.code)))
    if not area_codes:
        raise SeedError("the areas table is empty: sync the gazetteer (registry.areas."
                        "sync_areas) before seeding")
    files = [_parse(path, area_codes) for path in paths]
    slugs = {org["slug"] for file in files for org in file.organisations}
    for file in files:
        if file.programme is None:
            continue
        for index, partner in enumerate(file.programme["partners"]):
            if partner["organisation"] not in slugs:
                raise SeedError(f"{file.path.name}: partners[{index}].organisation: "
                                f"{partner['organisation']!r} is in no organisations list")
    return sorted(files, key=lambda file: file.programme is not None)


def seed(session: Session, seed_dir: Path | None = None) -> Counter[tuple[str, str]]:
    """Load the seed files into the registry; returns counts of (table, action)."""
    files = load_seed_files(session, seed_dir)
    report: Counter[tuple[str, str]] = Counter()
    for file in files:
        for values in file.organisations:
            _, action = upsert.upsert_organisation(session, **values)
            report["organisations", action] += 1
    if added := sync_aliases(session):
        report["organisation_aliases", "inserted"] += added
    for file in files:
        if file.programme is not None:
            _seed_programme(session, file.programme, report)
    return report


def _source_id(session: Session, cite: tuple[str, dict[str, Any], str],
               report: Counter[tuple[str, str]]) -> int:
    file_name, document, quote = cite
    row, action = upsert.upsert_source(session, kind="seed", file_name=file_name,
                                       content_sha256=document["sha256"], quote=quote,
                                       created_by=SEED_USER, document=document)
    report["sources", action] += 1
    return row.id


def _seed_programme(session: Session, data: dict[str, Any],
                    report: Counter[tuple[str, str]]) -> None:
    fields = dict(data["fields"])
    programme, action = upsert.upsert_programme(session, fields.pop("slug"), **fields)
    report["programmes", action] += 1
    pid = programme.id
    for name, cite in data["citations"]:
        _, action = upsert.cite_programme(session, pid, _source_id(session, cite, report), name)
        report["programme_sources", action] += 1
    for partner in data["partners"]:
        organisation_id = session.scalar(
            select(Organisation.id).where(Organisation.slug == partner["organisation"]))
        _, action = upsert.upsert_partner_role(
            session, programme_id=pid, organisation_id=organisation_id, role=partner["role"],
            description=partner["description"],
            source_id=_source_id(session, partner["cite"], report))
        report["partner_roles", action] += 1
    synthetic = fields["is_synthetic"]
    for row in data["coverage"]:
        _, action = upsert.upsert_coverage(
            session, programme_id=pid, level=row["level"], code=row["code"],
            status=row["status"], year=row["year"], is_synthetic=synthetic,
            source_id=_source_id(session, row["cite"], report))
        report["coverage", action] += 1
    # The cited rows each go through their upsert as written; claims also carry the flag.
    for table, store, extra in (("claims", upsert.upsert_claim, {"is_synthetic": synthetic}),
                                ("place_mentions", upsert.upsert_place_mention, {}),
                                ("networks", upsert.upsert_network, {}),
                                ("events", upsert.upsert_event, {})):
        for row in data[table]:
            values = {name: value for name, value in row.items() if name != "cite"}
            _, action = store(session, programme_id=pid,
                              source_id=_source_id(session, row["cite"], report),
                              **extra, **values)
            report[table, action] += 1
