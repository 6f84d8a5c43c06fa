"""What the programme form shows and does, as plain functions (the page only wires widgets).

The form edits a bundle (registry.drafts): programme fields, partners picked by
name, abbreviation or alias (or added new), coverage chosen from the gazetteer or
pasted as names matched exactly as the import matches them, and the source with
its quote that every entered fact cites. Saving makes a draft; a second editor or
an admin publishes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import select

from dates import DateError, format_when, parse_date, parse_limit
from geo.levels import split_village, village_code
from loaders.importer import _number as number_in
from loaders.matching import MATCHED, Gazetteer
from loaders.names import clean
from registry import audit, drafts
from registry.db import session_scope
from registry.measures import measure_codes, measure_levels
from registry.models import (
    COVERAGE_STATUSES,
    VILLAGE_NO_MAX,
    AuditEntry,
    Claim,
    Document,
    Draft,
    Programme,
)
from registry.organisations import MERGE, MERGE_UNDO, Known, OrganisationIndex
from registry.organisations import merge as merge_organisations
from registry.organisations import undo_merge as undo_organisation_merge
from views.text import qualified, t, term

DOCUMENT_TYPES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html",
                  ".pdf": "application/pdf"}
DATE_FIELDS = ("signed_on", "start_on", "end_on")
# Figures the form enters; context figures come from documents by the seed and imports.
FIGURE_KINDS = ("target", "actual")
TEXT_FIELDS = ("title_th", "title_en", "description_th", "description_en")


class FormError(ValueError):
    """Something in the form to fix before it can be saved; the message says what."""


@dataclass
class Partner:
    """A partner as entered: a known organisation's slug, or a new organisation."""

    role: str
    slug: str | None = None
    new: dict[str, Any] | None = None
    label: str = ""


@dataclass
class Place:
    level: str
    code: str
    label: str


@dataclass
class Figure:
    """A target or a reported figure as typed: for a period ("2563-2565", blank = the
    programme's whole period), as of a date, citing the form's document with its own quote
    (or another document's address)."""

    kind: str
    value: str
    period: str = ""
    as_of: str = ""
    quote: str = ""
    url: str = ""


@dataclass
class IndicatorEntry:
    """What a programme counts, within an area (code; blank = the whole programme), with
    an optional baseline (the situation before it) and its figures."""

    measure: str
    within: str = ""
    within_label: str = ""
    title_th: str = ""
    baseline_value: str = ""
    baseline_as_of: str = ""
    baseline_quote: str = ""
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Entry:
    """Everything the form holds for one programme."""

    fields: dict[str, str] = field(default_factory=dict)
    partners: list[Partner] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    indicators: list[IndicatorEntry] = field(default_factory=list)
    source: dict[str, str] = field(default_factory=dict)
    coverage_status: str = "active"
    coverage_year: str = ""
    # The stored programme being edited (its other rows are kept as they are), and the
    # fingerprint it had when the form read it.
    base: dict[str, Any] | None = None
    based_on: str | None = None


def programmes(engine) -> list[tuple[str, str]]:
    """(slug, Thai title) of every published programme, for "edit an existing one"."""
    with session_scope(engine) as session:
        return [tuple(row) for row in session.execute(
            select(Programme.slug, Programme.title_th).order_by(Programme.title_th))]


def organisations(engine) -> OrganisationIndex:
    with session_scope(engine) as session:
        return OrganisationIndex.load(session)


def entry_for(engine, slug: str) -> Entry:
    """The form filled from a stored programme."""
    with session_scope(engine) as session:
        base = drafts.snapshot(session, slug)
        index = OrganisationIndex.load(session)
    if base is None:
        raise FormError(f"there is no programme {slug!r}")
    fields = {k: "" if base["programme"].get(k) is None else str(base["programme"][k])
              for k in ("slug", "theme", "status", "period_limit", *TEXT_FIELDS,
                        *DATE_FIELDS)}
    if fields["period_limit"]:
        fields["period_limit"] = parse_limit(fields["period_limit"]).format("th")
    partners = []
    for row in base["partners"]:
        known = index.get(row["organisation_id"])
        partners.append(Partner(row["role"], slug=row["organisation_id"],
                                label=known.label() if known else row["organisation_id"]))
    return Entry(fields=fields, partners=partners, base=base, based_on=drafts.fingerprint(base))


def search_organisations(index: OrganisationIndex, text: str, limit: int = 15) -> list[Known]:
    return index.search(text, limit)


def area_options(areas: pd.DataFrame, level: str) -> dict[str, str]:
    """code -> "name (parents)" for every area of a level, Thai first."""
    names = dict(zip(areas["code"], areas["name_th"], strict=True))
    chosen = areas[areas["level"] == level]
    options = {}
    for code, name_th, name_en in chosen[["code", "name_th", "name_en"]].itertuples(index=False):
        parents = [names.get(code[:n]) for n in (4, 2) if len(code) > n]
        within = " · ".join(p for p in parents if p)
        options[code] = f"{name_th} {name_en or ''}".strip() + (f" — {within}" if within
                                                                 else "") + f" ({code})"
    return options


def places_of(level: str, codes: list[str], labels: dict[str, str], villages: str = ""
              ) -> list[Place]:
    """The chosen areas, or the given village numbers (หมู่ที่) of each chosen subdistrict."""
    numbers = [part for part in re.split(r"[\s,;]+", clean(villages)) if part]
    if not numbers:
        return [Place(level, code, labels[code]) for code in codes]
    if level != "subdistrict":
        raise FormError("village numbers go with subdistricts; choose the subdistricts first")
    if not all(n.isdigit() and 1 <= int(n) <= VILLAGE_NO_MAX for n in numbers):
        raise FormError(f"village numbers are whole numbers 1–{VILLAGE_NO_MAX}")
    return [Place("village", village_code(code, int(n)), f"หมู่ {int(n)} {labels[code]}")
            for code in codes for n in numbers]


def match_pasted(gazetteer: Gazetteer, text: str) -> tuple[list[Place], list[str]]:
    """Pasted lines of place names, matched exactly as the import matches a row's area.

    Returns the places found and, for every line that did not match, why (with candidates).
    """
    found, problems = [], []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        match = gazetteer.resolve(code=line) if line.isdigit() else gazetteer.resolve(area=line)
        if match.status == MATCHED:
            found.append(Place(match.level, match.code, f"{match.name_th} ({match.code})"))
        else:
            candidates = f" — {' | '.join(match.candidates)}" if match.candidates else ""
            problems.append(f"{line}: {match.status}: {match.message}{candidates}")
    return found, problems


def keep_document(engine, file_name: str, content: bytes, by: str) -> str:
    """Store an uploaded source document once (by its SHA-256); returns the hash."""
    suffix = "." + file_name.rsplit(".", 1)[-1].lower() if "." in file_name else ""
    if suffix not in DOCUMENT_TYPES:
        raise FormError("attach a .txt, .html or .pdf document")
    sha = hashlib.sha256(content).hexdigest()
    with session_scope(engine) as session:
        if session.scalar(select(Document.id).where(Document.content_sha256 == sha)) is None:
            session.add(Document(content_sha256=sha, file_name=file_name[:255],
                                 media_type=DOCUMENT_TYPES[suffix], content=content,
                                 size=len(content), uploaded_by=by,
                                 uploaded_at=dt.datetime.now(dt.UTC).replace(
                                     tzinfo=None, microsecond=0)))
    return sha


def _date(name: str, text: str, table: type | None = Programme) -> str | None:
    if not text.strip():
        return None
    try:
        return drafts.date_for(table, name, text.strip())
    except DateError as error:
        raise FormError(f"{name}: {error}") from None


def bundle_of(entry: Entry) -> dict[str, Any]:
    """The bundle a form describes; FormError names the first thing to fix."""
    fields = {k: (v or "").strip() for k, v in entry.fields.items()}
    slug = fields.get("slug", "")
    if not slug:
        raise FormError("give the programme an id (a-z, 0-9 and -)")
    if not fields.get("title_th"):
        raise FormError("give the programme its Thai title")
    source = entry.source or {}
    if not (source.get("url") or source.get("file_name")):
        raise FormError("cite a source: its web address or an uploaded document")
    if not source.get("quote", "").strip():
        raise FormError("quote the words of the source that support these facts")
    ref, cited = drafts.source_entry(
        url=source.get("url", ""), file_name=source.get("file_name", ""),
        content_sha256=source.get("content_sha256", ""), quote=source.get("quote", ""),
        title=source.get("title", ""), publisher=source.get("publisher", ""),
        published_on=_date("published_on", source.get("published_on", ""), None) or "")
    programme = dict((entry.base or {}).get("programme") or {})
    programme.update({"slug": slug, "theme": fields.get("theme") or "other",
                      "status": fields.get("status") or None})
    for name in TEXT_FIELDS:
        programme[name] = fields.get(name) or None
    for name in DATE_FIELDS:
        programme[name] = _date(name, fields.get(name, ""))
    programme["period_limit"] = None
    if fields.get("period_limit"):
        try:
            programme["period_limit"] = parse_limit(fields["period_limit"]).iso()
        except DateError as error:
            raise FormError(f"period_limit: {error}") from None
    base = entry.base or {}
    bundle: dict[str, Any] = {
        "programme": programme, "sources": {**base.get("sources", {}), ref: cited},
        "organisations": [], **{key: list(base.get(key) or []) for key in drafts.CHILDREN},
        "based_on": entry.based_on}
    citation = {"field": "programme", "source_id": ref}
    if citation not in bundle["citations"]:
        bundle["citations"].append(citation)
    before = {(row["organisation_id"], row["role"]): row for row in bundle["partners"]}
    bundle["partners"] = []
    held: set[tuple[str, str]] = set()
    for number, partner in enumerate(entry.partners, start=1):
        if partner.new is not None:
            organisation = f"new-{number}"
            bundle["organisations"].append({"ref": organisation, **partner.new})
        else:
            organisation = partner.slug
        if (organisation, partner.role) in held:
            continue  # the same role twice is one role
        held.add((organisation, partner.role))
        bundle["partners"].append(before.get((organisation, partner.role)) or {
            "organisation_id": organisation, "role": partner.role, "description": None,
            "source_id": ref})
    if entry.coverage_status not in COVERAGE_STATUSES:
        raise FormError(f"coverage status: one of {', '.join(COVERAGE_STATUSES)}")
    year = None
    if entry.coverage_year.strip():
        try:
            year = parse_date(f"1/1/{entry.coverage_year.strip()}").year
        except DateError as error:
            raise FormError(f"year: {error}") from None
    stored = {(row["level"], row["area_code"], row.get("village_no", 0))
              for row in bundle["coverage"]}
    for place in entry.places:
        level = place.level
        area_code, village_no = split_village(place.code)
        if (level, area_code, village_no) in stored:
            continue
        stored.add((level, area_code, village_no))
        bundle["coverage"].append({"level": level, "area_code": area_code,
                                   "village_no": village_no, "status": entry.coverage_status,
                                   "year": year, "is_synthetic": False, "source_id": ref})
    for indicator in entry.indicators:
        _add_indicator(bundle, indicator, source, ref)
    return bundle


def _figure_value(text: str, what: str) -> float:
    value, problem = number_in(text, what)
    if problem or value is None:
        raise FormError(problem or f"{what}: give the figure (a number, 0 or more)")
    return float(value)


def _add_indicator(bundle: dict[str, Any], entry: IndicatorEntry, source: dict[str, str],
                   ref: str) -> None:
    """An indicator's baseline and figures into the bundle; an indicator the programme
    already has (same measure and area) is completed, never doubled."""
    if entry.measure not in measure_codes():
        raise FormError(f"indicator: {entry.measure!r} is no measure; one of "
                        f"{', '.join(measure_codes())}")
    what = f"indicator {entry.title_th or entry.measure}"
    code = entry.within or None
    area_code, village_no = split_village(code) if code else (None, 0)
    figure = {"measure": entry.measure, "level": measure_levels().get(entry.measure),
              "within_code": area_code, "within_village_no": village_no}

    def cite(quote: str, url: str = "") -> str:
        if not quote.strip() and not url.strip():
            return ref
        if not quote.strip():
            raise FormError(f"{what}: quote the words of {url} that give the figure")
        cited_ref, cited = drafts.source_entry(
            url=url or source.get("url", ""), file_name="" if url else source.get(
                "file_name", ""), content_sha256="" if url else source.get(
                "content_sha256", ""), quote=quote)
        bundle["sources"][cited_ref] = cited
        return cited_ref

    key = drafts.indicator_key(figure)
    row = next((r for r in bundle["indicators"] if drafts.indicator_key(r) == key), None)
    if row is None:
        row = {**figure, "title_th": None, "title_en": None, "baseline_value": None,
               "baseline_qualifier": None, "baseline_as_of": None, "baseline_source_id": None}
        bundle["indicators"].append(row)
    if entry.title_th.strip():
        row["title_th"] = entry.title_th.strip()
    if entry.baseline_value.strip():
        row.update({"baseline_value": _figure_value(entry.baseline_value, f"{what}: baseline"),
                    "baseline_as_of": _date("baseline date", entry.baseline_as_of, None),
                    "baseline_qualifier": None,
                    "baseline_source_id": cite(entry.baseline_quote)})
    keys = {Claim.key_of(c["measure"], c["level"], c["within_code"], c["kind"], c["as_of"],
                         c.get("within_village_no") or 0, c.get("period"))
            for c in bundle["claims"]}
    for number, typed in enumerate(entry.figures, start=1):
        if typed.kind not in FIGURE_KINDS:
            raise FormError(f"{what}, figure {number}: target or actual")
        claim = {**figure, "value": _figure_value(typed.value, f"{what}, figure {number}"),
                 "kind": typed.kind, "period": _date("period", typed.period, None),
                 "qualifier": None, "as_of": _date("as of", typed.as_of, None),
                 "is_synthetic": False, "source_id": cite(typed.quote, typed.url.strip())}
        claim_key = Claim.key_of(claim["measure"], claim["level"], area_code, claim["kind"],
                                 claim["as_of"], village_no, claim["period"])
        if claim_key in keys:
            raise FormError(f"{what}, figure {number}: the programme already has this "
                            "figure (same kind, period and date); remove one")
        keys.add(claim_key)
        bundle["claims"].append(claim)



def save(engine, entry: Entry, by: str, draft_id: int | None = None) -> int:
    bundle = bundle_of(entry)
    with session_scope(engine) as session:
        return drafts.save(session, bundle, by, draft_id).id


@dataclass(frozen=True)
class DraftRow:
    id: int
    programme: str
    title: str
    status: str
    created_by: str
    updated_at: dt.datetime
    published_by: str | None


def listing(engine, statuses: tuple[str, ...] = ("draft",)) -> list[DraftRow]:
    with session_scope(engine) as session:
        rows = session.scalars(select(Draft).where(Draft.status.in_(statuses))
                               .order_by(Draft.id.desc()).limit(200)).all()
        return [DraftRow(d.id, d.programme_slug, json.loads(d.payload)["programme"].get(
            "title_th") or "", d.status, d.created_by, d.updated_at, d.published_by)
            for d in rows]


def preview(engine, draft_id: int, index: OrganisationIndex) -> dict[str, pd.DataFrame]:
    """A draft's content as tables: the programme, its partners, areas, figures and sources."""
    with session_scope(engine) as session:
        bundle = drafts.bundle_of(session.get(Draft, draft_id))
    new = {o["ref"]: o for o in bundle.get("organisations") or ()}

    def organisation(slug: str) -> str:
        if slug in new:
            return f"{new[slug]['name_th']} (new / ใหม่)"
        known = index.get(slug)
        return known.label() if known else slug

    programme = pd.DataFrame([{"field": k, "value": "" if v is None else str(v)}
                              for k, v in bundle["programme"].items()])
    partners = pd.DataFrame([{"organisation": organisation(p["organisation_id"]),
                              "role": p["role"]} for p in bundle["partners"]],
                            columns=["organisation", "role"])
    coverage = pd.DataFrame([{"level": c["level"],
                              "code": village_code(c["area_code"], c["village_no"])
                              if c.get("village_no") else c["area_code"],
                              "status": c["status"], "year": c["year"]}
                             for c in bundle["coverage"]],
                            columns=["level", "code", "status", "year"])
    sources = pd.DataFrame([{"document": s["file_name"], "quote": s["quote"],
                             "about": s.get("note") or ""}
                            for s in bundle["sources"].values()],
                           columns=["document", "quote", "about"])
    figures = pd.DataFrame([{"measure": c["measure"], "within": c["within_code"] or "",
                             "kind": c["kind"], "value": c["value"], "period": c.get("period")
                             or "", "as_of": c.get("as_of") or ""}
                            for c in bundle.get("claims") or ()],
                           columns=["measure", "within", "kind", "value", "period", "as_of"])
    return {"programme": programme, "partners": partners, "coverage": coverage,
            "figures": figures, "sources": sources}


def publish(engine, draft_id: int, by: str, role: str) -> None:
    with session_scope(engine) as session:
        drafts.publish(session, draft_id, by, role)


def undo(engine, draft_id: int, by: str) -> None:
    with session_scope(engine) as session:
        drafts.undo(session, draft_id, by)


def withdraw(engine, draft_id: int, by: str) -> None:
    with session_scope(engine) as session:
        drafts.withdraw(session, draft_id, by)


def merge(engine, keep_slug: str, drop_slug: str, by: str) -> int:
    with session_scope(engine) as session:
        return merge_organisations(session, keep_slug, drop_slug, by)


def merges(engine) -> list[tuple[int, str, str]]:
    """(audit entry id, merged slug, kept slug) of merges not undone, newest first."""
    with session_scope(engine) as session:
        undone = {audit.loads(after).get("undid") for after in session.scalars(
            select(AuditEntry.after).where(AuditEntry.action == MERGE_UNDO))}
        return [(entry_id, slug, audit.loads(after)["merged_into"])
                for entry_id, slug, after in session.execute(
                    select(AuditEntry.id, AuditEntry.entity_id, AuditEntry.after)
                    .where(AuditEntry.action == MERGE).order_by(AuditEntry.id.desc()))
                if entry_id not in undone]


def undo_merge(engine, entry_id: int, by: str) -> None:
    with session_scope(engine) as session:
        undo_organisation_merge(session, entry_id, by)


def check_indicator(entry: IndicatorEntry) -> None:
    """FormError for the first thing to fix in an indicator before it joins the form."""
    bundle: dict[str, Any] = {"sources": {}, "indicators": [], "claims": []}
    _add_indicator(bundle, entry, {"url": "form"}, "form")


def claim_line(row: dict[str, Any], lang: str) -> str:
    """A figure in words: "Target 40 · period พ.ศ. 2563–2565 · as of —"."""
    return t("edit_figure_line", lang, kind=term("kind", row["kind"], lang),
             value=qualified(float(row["value"]), row.get("qualifier"), lang),
             period=format_when(row.get("period"), lang, missing=t(
                 "edit_whole_programme", lang)),
             as_of=format_when(row.get("as_of"), lang, missing="—"))


def indicator_lines(entry: IndicatorEntry, lang: str) -> list[str]:
    """An entered indicator and its figures as lines to show (dates as typed, in words)."""
    lines = [" · ".join(part for part in (term("measure", entry.measure, lang),
                                         entry.title_th, entry.within_label) if part)]
    if entry.baseline_value.strip():
        lines.append(t("edit_baseline_line", lang, value=entry.baseline_value,
                       as_of=entry.baseline_as_of or "—"))
    lines += [t("edit_figure_line", lang, kind=term("kind", figure.kind, lang),
                value=figure.value, period=figure.period or t("edit_whole_programme", lang),
                as_of=figure.as_of or "—") for figure in entry.figures]
    return lines
