"""Insert-or-update on natural keys, for the seeder, the importer and the CSV round trip.

Every function finds the row by its natural key (never by id), so writing the same
facts twice changes nothing, and reports what it did: "inserted", "updated" or
"unchanged". Keys and values are plain Python values; dates are EDTF text (or a
`dates.DateValue` or a CE `date`, stored as EDTF text at their precision).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from dates import DateValue
from geo.levels import ALL_LEVELS, CODE_LENGTH, VILLAGE, split_village
from registry import models

# What a reader cites a document by; shared by every source row (quote) of that document.
DOCUMENT_FIELDS = ("title", "publisher", "published", "url", "document_note",
                   "document_note_en")

Action = Literal["inserted", "updated", "unchanged"]
Row = TypeVar("Row")


def upsert(session: Session, model: type[Row], key: dict[str, Any],
           values: dict[str, Any] | None = None,
           on_insert: dict[str, Any] | None = None) -> tuple[Row, Action]:
    """The row of `model` with `key` (NULL-safe), created or brought up to `values`.

    `on_insert` holds columns set only when the row is new (e.g. created_at).
    """
    values = values or {}
    row = session.scalars(select(model).filter_by(**key).limit(1)).first()
    if row is None:
        row = model(**key, **values, **(on_insert or {}))
        session.add(row)
        session.flush()
        return row, "inserted"
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    for name, value in changed.items():
        setattr(row, name, value)
    if changed:
        session.flush()
    return row, "updated" if changed else "unchanged"


def split_area_code(level: str, code: str) -> tuple[str, int]:
    """(area_code, village_no) of a coverage code; a village's 8 digits split 6 + 2."""
    if level not in ALL_LEVELS:
        raise ValueError(f"unknown level {level!r}; use one of {', '.join(ALL_LEVELS)}")
    expected = CODE_LENGTH[level]
    if not (code.isascii() and code.isdigit() and len(code) == expected):
        raise ValueError(f"{level} code {code!r} must be {expected} digits")
    area_code, village_no = split_village(code)
    if level == VILLAGE and not 1 <= village_no <= models.VILLAGE_NO_MAX:
        raise ValueError(f"village code {code!r}: village number must be "
                         f"01–{models.VILLAGE_NO_MAX}")
    return area_code, village_no


def upsert_source(session: Session, *, kind: str, file_name: str, content_sha256: str = "",
                  quote: str = "", created_by: str, note: str | None = None,
                  import_file_id: int | None = None,
                  created_at: dt.datetime | None = None,
                  document: dict[str, Any] | None = None) -> tuple[models.Source, Action]:
    """A citation; `document` holds the document's DOCUMENT_FIELDS (title, publisher, …)."""
    stamp = created_at or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    described = {name: (document or {}).get(name) for name in DOCUMENT_FIELDS}
    described["published"] = models.edtf_text(described["published"])
    return upsert(
        session, models.Source,
        {"kind": kind, "file_name": file_name, "content_sha256": content_sha256, "quote": quote},
        {"note": note, "import_file_id": import_file_id, **described},
        on_insert={"created_at": stamp, "created_by": created_by},
    )


def upsert_organisation(session: Session, slug: str, **values: Any
                        ) -> tuple[models.Organisation, Action]:
    return upsert(session, models.Organisation, {"slug": slug}, values)


PROGRAMME_DATES = ("signed_on", "start_on", "end_on")


def upsert_programme(session: Session, slug: str, **values: Any) -> tuple[models.Programme, Action]:
    for name in PROGRAMME_DATES:
        if name in values:
            values[name] = models.edtf_text(values[name])
    return upsert(session, models.Programme, {"slug": slug}, values)


def upsert_event(session: Session, *, programme_id: int, kind: str,
                 held: DateValue | dt.date | str, source_id: int, name_th: str | None = None,
                 name_en: str | None = None) -> tuple[models.Event, Action]:
    return upsert(session, models.Event,
                  {"programme_id": programme_id, "kind": kind, "held": models.edtf_text(held)},
                  {"name_th": name_th, "name_en": name_en, "source_id": source_id})


def cite_programme(session: Session, programme_id: int, source_id: int,
                   field: str = "programme") -> tuple[models.ProgrammeSource, Action]:
    return upsert(session, models.ProgrammeSource,
                  {"programme_id": programme_id, "source_id": source_id, "field": field})


def upsert_partner_role(session: Session, *, programme_id: int, organisation_id: int, role: str,
                        source_id: int, description: str | None = None
                        ) -> tuple[models.PartnerRole, Action]:
    """One role of an organisation in a programme (it may hold several)."""
    return upsert(session, models.PartnerRole,
                  {"programme_id": programme_id, "organisation_id": organisation_id,
                   "role": role},
                  {"source_id": source_id, "description": description})


def upsert_coverage(session: Session, *, programme_id: int, level: str, code: str, status: str,
                    year: int | None, source_id: int, is_synthetic: bool = False
                    ) -> tuple[models.Coverage, Action]:
    """models.Coverage of one area; `code` is the full code (8 digits for a village)."""
    area_code, village_no = split_area_code(level, code)
    return upsert(session, models.Coverage,
                  {"programme_id": programme_id, "level": level, "area_code": area_code,
                   "village_no": village_no, "year": year},
                  {"status": status, "source_id": source_id, "is_synthetic": is_synthetic})


def upsert_claim(session: Session, *, programme_id: int, measure: str, level: str | None,
                 within_code: str | None, value: float, kind: str, source_id: int,
                 qualifier: str | None = None,
                 as_of: DateValue | dt.date | str | None = None,
                 is_synthetic: bool = False, period: DateValue | str | None = None,
                 title_th: str | None = None, title_en: str | None = None
                 ) -> tuple[models.Claim, Action]:
    """A figure of the programme's indicator for `measure`, `level` and `within_code` (a
    village's 8 digits allowed), made if new; `title_th`/`title_en` name the indicator."""
    within_village_no = 0
    if within_code is not None and len(within_code) == CODE_LENGTH[VILLAGE]:
        within_code, within_village_no = split_area_code("village", within_code)
    indicator, _ = upsert_indicator(session, programme_id=programme_id, measure=measure,
                                    level=level, within_code=within_code,
                                    within_village_no=within_village_no, title_th=title_th,
                                    title_en=title_en)
    as_of, period = models.edtf_text(as_of), models.edtf_text(period)
    key = models.Claim.key_of(measure, level, within_code, kind, as_of, within_village_no, period)
    return upsert(session, models.Claim, {"programme_id": programme_id, "natural_key": key},
                  {"measure": measure, "level": level, "within_code": within_code,
                   "within_village_no": within_village_no, "kind": kind, "as_of": as_of,
                   "period": period, "value": value, "qualifier": qualifier,
                   "source_id": source_id, "is_synthetic": is_synthetic,
                   "indicator_id": indicator.id})


def upsert_indicator(session: Session, *, programme_id: int, measure: str, level: str | None,
                     within_code: str | None, within_village_no: int = 0,
                     title_th: str | None = None, title_en: str | None = None,
                     baseline: dict[str, Any] | None = None) -> tuple[models.Indicator, Action]:
    """A programme's indicator; titles are kept when not given, and `baseline` (value,
    qualifier, as_of, source_id) is set only when given."""
    key = models.Indicator.key_of(measure, level, within_code, within_village_no)
    values: dict[str, Any] = {"measure": measure, "level": level, "within_code": within_code,
                              "within_village_no": within_village_no}
    if title_th or title_en:
        values |= {"title_th": title_th, "title_en": title_en}
    if baseline is not None:
        values |= {"baseline_value": baseline.get("value"),
                   "baseline_qualifier": baseline.get("qualifier"),
                   "baseline_as_of": models.edtf_text(baseline.get("as_of")),
                   "baseline_source_id": baseline.get("source_id")}
    return upsert(session, models.Indicator, {"programme_id": programme_id, "natural_key": key},
                  values)


def upsert_place_mention(session: Session, *, programme_id: int, name_as_written: str,
                         level: str, resolution: str, candidate_codes: list[str],
                         source_id: int) -> tuple[models.PlaceMention, Action]:
    return upsert(session, models.PlaceMention,
                  {"programme_id": programme_id, "name_as_written": name_as_written,
                   "level": level},
                  {"resolution": resolution, "candidate_codes": " ".join(candidate_codes),
                   "source_id": source_id})


def upsert_network(session: Session, *, programme_id: int, source_id: int,
                   name_th: str | None = None, name_en: str | None = None,
                   number: int | None = None, area_code: str | None = None
                   ) -> tuple[models.Network, Action]:
    key = models.Network.key_of(number, name_th, area_code)
    return upsert(session, models.Network, {"programme_id": programme_id, "natural_key": key},
                  {"name_th": name_th, "name_en": name_en, "number": number,
                   "area_code": area_code, "source_id": source_id})
