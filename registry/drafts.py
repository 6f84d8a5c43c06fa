"""Draft and publish: a proposed programme waits as JSON until a second person publishes it.

A *bundle* is one programme with everything hanging off it (partners, coverage,
figures, place mentions, networks, citations) as plain JSON: rows refer to
organisations by slug and to sources by their stable reference (`source_ref`),
never by database id. The same shape serves three purposes: an editor's draft,
the state a publication replaced (kept for undo), and the workbook importer's
output. Viewers read only the registry tables, so a draft is invisible to them
until it is published.

Publishing applies a bundle in the caller's transaction: the programme's rows are
brought to the bundle's (organisations and sources it adds are created), with an
audit entry holding the state before and after. Undo applies the state before and
removes what the publication created, so the registry is as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import DateTime, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from dates import DateError, parse_when
from loaders.interchange import source_ref
from registry import audit, models
from registry.auth import allows
from registry.models import Draft, Organisation, Programme, Source, edtf_text
from registry.organisations import OrganisationError, create_organisation

PUBLISH, PUBLISH_UNDO = "publish", "publish_undo"
# What hangs off a programme: bundle key -> table, in the order they are written (an
# indicator before its figures). Rows keep every column but their id, programme id and
# derived keys; foreign ids become slugs and source references.
CHILDREN: dict[str, type] = {
    "citations": models.ProgrammeSource, "partners": models.PartnerRole,
    "coverage": models.Coverage, "indicators": models.Indicator, "claims": models.Claim,
    "place_mentions": models.PlaceMention, "networks": models.Network,
}
SKIPPED = {"id", "programme_id", "natural_key", "indicator_id"}
# Columns that cite a source (a bundle holds its reference; a nullable one may cite none).
SOURCE_COLUMNS: dict[str, tuple[str, ...]] = {
    key: ("baseline_source_id",) if table is models.Indicator else ("source_id",)
    for key, table in CHILDREN.items()}
# models.Coverage rows and figures an import gave keep their links to it (under "_imports":
# [file sha256, row number]), so undoing that import still finds them.
IMPORT_LINKS: dict[str, tuple[type, str]] = {
    "coverage": (models.CoverageImport, "coverage_id"), "claims": (models.ClaimImport, "claim_id")}
LINKS = "_imports"
# A source's own fields: its natural key, then what the registry says about the document.
SOURCE_KEY = ("kind", "file_name", "content_sha256", "quote")
SOURCE_FIELDS = (*SOURCE_KEY, "note", "title", "publisher", "published", "url",
                 "document_note")


class DraftError(ValueError):
    """A draft that cannot be saved, published or undone; the message says what to do."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _typed(table, values: dict[str, Any]) -> dict[str, Any]:
    """Bundle values back to column types (ISO text to dates); unknown keys are refused."""
    columns = table.__table__.columns
    typed = {}
    for name, value in values.items():
        if name not in columns:
            raise DraftError(f"{table.__tablename__} has no field {name!r}")
        kind = columns[name].type
        if isinstance(value, str) and value and isinstance(kind, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif isinstance(value, str) and value and isinstance(kind, models.EdtfDate):
            try:
                value = edtf_text(value)
            except DateError as error:
                raise DraftError(f"{name}: {value!r} is no date at its precision (EDTF: "
                                 f"YYYY-MM-DD, YYYY-MM, YYYY or a range a/b): {error}") from None
        elif value == "" and columns[name].nullable:
            value = None
        typed[name] = value
    return typed


def source_entry(*, url: str = "", file_name: str = "", content_sha256: str = "",
                 quote: str = "", title: str = "", publisher: str = "",
                 published_on: str = "") -> tuple[str, dict[str, Any]]:
    """A cited document and quote as a bundle source (its reference and fields).

    Forms and the workbook build sources here, so the same facts give the same rows.
    The document is its URL, or the name of the uploaded file (with its hash).
    """
    document = (url or file_name).strip()[:255]
    quote = " ".join(quote.split())
    entry: dict[str, Any] = {
        "kind": "edit", "file_name": document, "content_sha256": content_sha256, "quote": quote,
        "note": None, "title": title.strip() or None, "publisher": publisher.strip() or None,
        "published": published_on.strip() or None, "url": url.strip() or None,
        "document_note": None}
    return source_ref("edit", document, content_sha256, quote), entry


# Dates that are one day, month or year, never a range: a programme's start and end.
ONE_UNIT = {("programmes", "start_on"), ("programmes", "end_on")}


def date_for(table: type | None, column: str, value: object) -> str:
    """A written date (Thai, English, ISO or EDTF) as `table.column` stores it: EDTF at the
    precision written (None: any column).

    DateError says what is wrong, e.g. a range given where one day, month or year goes.
    """
    when = parse_when(value)
    if table is not None and (table.__tablename__, column) in ONE_UNIT and when.is_range:
        raise DateError(f"{value!r} is a range; give the one day, month or year it "
                        f"{'starts' if column == 'start_on' else 'ends'} (e.g. มิถุนายน 2562)")
    return when.edtf()


# ---- reading the registry as a bundle ---------------------------------------------------------

def snapshot(session: Session, slug: str) -> dict[str, Any] | None:
    """The programme `slug` as a bundle, or None when the registry has no such programme."""
    programme = session.scalar(select(Programme).where(Programme.slug == slug))
    if programme is None:
        return None
    bundle: dict[str, Any] = {"programme": {
        c.key: _plain(getattr(programme, c.key)) for c in Programme.__table__.columns
        if c.key != "id"}, "sources": {}, "organisations": []}
    slugs = dict(session.execute(select(Organisation.id, Organisation.slug)).all())

    def cite(source_id: int) -> str:
        source = session.get(Source, source_id)
        ref = source_ref(source.kind, source.file_name, source.content_sha256, source.quote)
        if ref not in bundle["sources"]:
            entry = {name: getattr(source, name) for name in SOURCE_FIELDS}
            if source.import_file_id is not None:
                entry["import_file_sha256"] = session.get(
                    models.ImportFile, source.import_file_id).content_sha256
            bundle["sources"][ref] = entry
        return ref

    for key, table in CHILDREN.items():
        rows = []
        links = _import_links(session, key, programme.id)
        for row in session.scalars(select(table).where(table.programme_id == programme.id)):
            values = {c.key: _plain(getattr(row, c.key)) for c in table.__table__.columns
                      if c.key not in SKIPPED}
            if row_links := links.get(getattr(row, "id", None)):
                values[LINKS] = row_links
            for column in SOURCE_COLUMNS[key]:
                if values[column] is not None:
                    values[column] = cite(values[column])
            if "organisation_id" in values:
                values["organisation_id"] = slugs[values["organisation_id"]]
            rows.append(values)
        bundle[key] = in_order(rows)
    return bundle


def _import_links(session: Session, key: str, programme_id: int) -> dict[int, list[list]]:
    """row id -> [[import file sha256, row number], …] for a programme's imported rows."""
    if key not in IMPORT_LINKS:
        return {}
    link, column = IMPORT_LINKS[key]
    table = CHILDREN[key]
    found: dict[int, list[list]] = {}
    for row_id, sha, number in session.execute(
            select(getattr(link, column), models.ImportFile.content_sha256, link.row_number)
            .join(models.ImportFile, models.ImportFile.id == link.import_file_id)
            .join(table, table.id == getattr(link, column))
            .where(table.programme_id == programme_id)
            .order_by(models.ImportFile.content_sha256)):
        found.setdefault(row_id, []).append([sha, number])
    return found


def indicator_key(row: dict[str, Any]) -> tuple:
    """Which indicator a bundle's indicator or figure row belongs to."""
    return (row["measure"], row["level"], row["within_code"], row.get("within_village_no") or 0)


def in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A bundle section's rows in one fixed order, so equal programmes give equal bundles."""
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))


# ---- applying a bundle ------------------------------------------------------------------------

def _source_id(session: Session, ref: str, entry: dict[str, Any], by: str,
               created: dict[str, list]) -> int:
    values = {name: entry.get(name) or "" for name in SOURCE_KEY}
    if not values["file_name"]:
        raise DraftError(f"source {ref}: give its URL or document name")
    found = session.scalar(select(Source).where(*(getattr(Source, k) == v
                                                  for k, v in values.items())))
    if found is not None:
        return found.id
    import_file_id = None
    if entry.get("import_file_sha256"):
        import_file_id = session.scalar(select(models.ImportFile.id).where(
            models.ImportFile.content_sha256 == entry["import_file_sha256"]))
    about = {name: entry.get(name) for name in SOURCE_FIELDS if name not in SOURCE_KEY}
    source = Source(**values, **_typed(Source, about), created_at=_now(), created_by=by,
                    import_file_id=import_file_id)
    session.add(source)
    session.flush()
    created["sources"].append(source.id)
    return source.id


def _organisation_ids(session: Session, bundle: dict[str, Any],
                      created: dict[str, list]) -> dict[str, int]:
    """slug or new-organisation reference -> id; new organisations are created here."""
    ids = dict(session.execute(select(Organisation.slug, Organisation.id)).all())
    for new in bundle.get("organisations") or ():
        fields = {k: new.get(k) for k in ("name_th", "name_en", "abbreviation", "org_type",
                                          "province_code")}
        fields["org_type"] = fields["org_type"] or "other"
        try:
            organisation = create_organisation(session, aliases=new.get("aliases") or (),
                                               **fields)
        except OrganisationError as error:
            raise DraftError(f"new organisation {new.get('name_th')!r}: {error}") from None
        ids[new["ref"]] = organisation.id
        created["organisations"].append(organisation.id)
    return ids


def apply(session: Session, bundle: dict[str, Any], by: str) -> dict[str, list]:
    """Bring the registry's programme to `bundle` (insert or replace); returns the ids of the
    organisations and sources it created. Runs in the caller's transaction."""
    created: dict[str, list] = {"organisations": [], "sources": []}
    fields = _typed(Programme, dict(bundle["programme"]))
    slug = fields.pop("slug", None)
    if not slug:
        raise DraftError("the programme needs an id (slug)")
    if not fields.get("title_th"):
        raise DraftError("the programme needs a Thai title (title_th)")
    organisations = _organisation_ids(session, bundle, created)
    sources = bundle.get("sources") or {}
    programme = session.scalar(select(Programme).where(Programme.slug == slug))
    if programme is None:
        programme = Programme(slug=slug, **fields)
        session.add(programme)
    else:
        for name, value in fields.items():
            setattr(programme, name, value)
    session.flush()
    # A bundle made before indicators travelled with it leaves them as they are (their
    # figures' writes find them).
    sections = [key for key in CHILDREN if key in bundle or key != "indicators"]
    for key in reversed(sections):
        table = CHILDREN[key]
        session.execute(delete(table).where(table.programme_id == programme.id))
    for key in sections:
        table = CHILDREN[key]
        for number, row in enumerate(bundle.get(key) or (), start=1):
            values = dict(row)
            links = values.pop(LINKS, None)
            for column in SOURCE_COLUMNS[key]:
                ref = values.get(column)
                if ref is None and table.__table__.columns[column].nullable:
                    continue
                if ref not in sources:
                    raise DraftError(f"{key} {number}: its source {ref!r} is not among the "
                                     "sources")
                values[column] = _source_id(session, ref, sources[ref], by, created)
            if "organisation_id" in values:
                written = values["organisation_id"]
                if written not in organisations:
                    raise DraftError(f"{key} {number}: organisation {written!r} is not in the "
                                     "registry any more (merged or removed); choose it again")
                values["organisation_id"] = organisations[written]
            stored = table(programme_id=programme.id, **_typed(table, values))
            session.add(stored)
            if links:
                session.flush()
                _relink(session, key, stored.id, links)
        # The figures' indicators are looked up in the database as they are written.
        session.flush()
    return created


def _relink(session: Session, key: str, row_id: int, links: list[list]) -> None:
    link, column = IMPORT_LINKS[key]
    for sha, number in links:
        import_file_id = session.scalar(select(models.ImportFile.id).where(
            models.ImportFile.content_sha256 == sha, models.ImportFile.undone_at.is_(None)))
        if import_file_id is not None:
            session.add(link(**{column: row_id}, import_file_id=import_file_id,
                             row_number=number))


def _remove(session: Session, slug: str) -> None:
    programme = session.scalar(select(Programme).where(Programme.slug == slug))
    if programme is not None:
        for table in reversed(CHILDREN.values()):
            session.execute(delete(table).where(table.programme_id == programme.id))
        session.delete(programme)
        session.flush()


def _remove_created(session: Session, created: dict[str, list]) -> None:
    """Delete what a publication created, as long as nothing else uses it since."""
    for source_id in created.get("sources", ()):
        used = any(session.scalar(select(func.count()).where(
            getattr(CHILDREN[key], column) == source_id))
            for key, columns in SOURCE_COLUMNS.items() for column in columns)
        if not used:
            session.execute(delete(Source).where(Source.id == source_id))
    for organisation_id in created.get("organisations", ()):
        if not session.scalar(select(func.count()).where(
                models.PartnerRole.organisation_id == organisation_id)):
            session.execute(delete(models.OrganisationAlias).where(
                models.OrganisationAlias.organisation_id == organisation_id))
            session.execute(delete(Organisation).where(Organisation.id == organisation_id))
    session.flush()


# ---- the draft life cycle ---------------------------------------------------------------------

def fingerprint(bundle: dict[str, Any] | None) -> str | None:
    """A short hash of a programme's stored state (None: no such programme)."""
    if bundle is None:
        return None
    text = json.dumps(bundle, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def save(session: Session, bundle: dict[str, Any], by: str, draft_id: int | None = None) -> Draft:
    """Keep a proposed programme as a draft (a new one, or the author's draft updated).

    `bundle["based_on"]` is the fingerprint of the programme the author started from (the
    form sets it when it reads the programme); without it, the programme as it is now.
    """
    slug = (bundle.get("programme") or {}).get("slug")
    if not slug:
        raise DraftError("the programme needs an id (slug)")
    if "based_on" not in bundle:
        bundle = {**bundle, "based_on": fingerprint(snapshot(session, slug))}
    payload = json.dumps(bundle, ensure_ascii=False, sort_keys=True, default=str)
    now = _now()
    if draft_id is None:
        draft = Draft(programme_slug=slug, payload=payload, status="draft", created_by=by,
                      created_at=now, updated_at=now)
        session.add(draft)
    else:
        draft = _draft(session, draft_id, "draft")
        draft.programme_slug, draft.payload, draft.updated_at = slug, payload, now
    session.flush()
    audit.record(session, by, "draft_save", "draft", draft.id, None, {"programme": slug})
    return draft


def _draft(session: Session, draft_id: int, status: str) -> Draft:
    draft = session.get(Draft, draft_id)
    if draft is None:
        raise DraftError(f"there is no draft #{draft_id}")
    if draft.status != status:
        raise DraftError(f"draft #{draft_id} is {draft.status}, not {status}")
    return draft


def bundle_of(draft: Draft) -> dict[str, Any]:
    return json.loads(draft.payload)


def pending(session: Session) -> list[Draft]:
    """Drafts waiting to be published, newest first."""
    return list(session.scalars(select(Draft).where(Draft.status == "draft")
                                .order_by(Draft.id.desc())))


def withdraw(session: Session, draft_id: int, by: str) -> None:
    draft = _draft(session, draft_id, "draft")
    draft.status, draft.updated_at = "withdrawn", _now()
    audit.record(session, by, "draft_withdraw", "draft", draft.id, None,
                 {"programme": draft.programme_slug})


def publish(session: Session, draft_id: int, by: str, role: str,
            import_file_id: int | None = None) -> Draft:
    """Apply a draft to the registry. An editor may not publish their own draft: an admin
    or a second editor does."""
    draft = _draft(session, draft_id, "draft")
    if not allows(role, "editor"):
        raise DraftError("only editors and admins publish drafts")
    if role != "admin" and draft.created_by == by:
        raise DraftError("a second editor or an admin publishes a draft, not its author")
    bundle = bundle_of(draft)
    before = snapshot(session, draft.programme_slug)
    if bundle.get("based_on", fingerprint(before)) != fingerprint(before):
        raise DraftError(f"{draft.programme_slug} changed after this draft was made (another "
                         "version was published); open it again in the form, redo the change "
                         "and withdraw this draft")
    created = apply(session, bundle, by)
    draft.status, draft.published_by, draft.published_at = "published", by, _now()
    draft.before = None if before is None else json.dumps(before, ensure_ascii=False,
                                                          sort_keys=True, default=str)
    draft.created = json.dumps(created)
    draft.import_file_id = import_file_id
    session.flush()
    audit.record(session, by, PUBLISH, "programme", draft.programme_slug, before,
                 snapshot(session, draft.programme_slug), import_file_id=import_file_id)
    return draft


def undo(session: Session, draft_id: int, by: str) -> Draft:
    """Put the programme back as it was before the draft was published."""
    draft = _draft(session, draft_id, "published")
    later = session.scalar(select(Draft.id).where(
        Draft.programme_slug == draft.programme_slug, Draft.status == "published",
        or_(Draft.published_at > draft.published_at,
            and_(Draft.published_at == draft.published_at, Draft.id > draft.id))))
    if later is not None:
        raise DraftError(f"draft #{later} changed {draft.programme_slug} after this one; "
                         "undo that first")
    current = snapshot(session, draft.programme_slug)
    before = None if draft.before is None else json.loads(draft.before)
    if before is None:
        _remove(session, draft.programme_slug)
    else:
        apply(session, before, by)
    _remove_created(session, json.loads(draft.created or "{}"))
    draft.status, draft.undone_at = "undone", _now()
    session.flush()
    audit.record(session, by, PUBLISH_UNDO, "programme", draft.programme_slug, current, before,
                 import_file_id=draft.import_file_id)
    return draft
