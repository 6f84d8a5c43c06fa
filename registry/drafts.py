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
import json
from typing import Any

from sqlalchemy import Date, DateTime, delete, func, select
from sqlalchemy.orm import Session

from dates import DateError
from loaders.interchange import source_ref
from registry import audit
from registry.auth import allows
from registry.models import (
    Claim,
    Coverage,
    Draft,
    EdtfDate,
    ImportFile,
    Network,
    Organisation,
    OrganisationAlias,
    PartnerRole,
    PlaceMention,
    Programme,
    ProgrammeSource,
    Source,
    edtf_text,
)
from registry.organisations import OrganisationError, create_organisation

PUBLISH, PUBLISH_UNDO = "publish", "publish_undo"
# What hangs off a programme: bundle key -> table. Rows keep every column but their id,
# programme id and derived natural key; foreign ids become slugs and source references.
CHILDREN: dict[str, type] = {
    "citations": ProgrammeSource, "partners": PartnerRole, "coverage": Coverage,
    "claims": Claim, "place_mentions": PlaceMention, "networks": Network,
}
SKIPPED = {"id", "programme_id", "natural_key"}
SOURCE_FIELDS = ("kind", "file_name", "content_sha256", "quote", "note")


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
        elif isinstance(value, str) and value and isinstance(kind, Date):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError:
                raise DraftError(f"{name}: {value!r} is no date (YYYY-MM-DD)") from None
        elif isinstance(value, str) and value and isinstance(kind, EdtfDate):
            try:
                value = edtf_text(value)
            except DateError as error:
                raise DraftError(f"{name}: {value!r} is no date at its precision (EDTF: "
                                 f"YYYY-MM-DD, YYYY-MM, YYYY or a range a/b): {error}") from None
        elif value == "" and columns[name].nullable:
            value = None
        typed[name] = value
    return typed


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
                    ImportFile, source.import_file_id).content_sha256
            bundle["sources"][ref] = entry
        return ref

    for key, table in CHILDREN.items():
        rows = []
        for row in session.scalars(select(table).where(table.programme_id == programme.id)):
            values = {c.key: _plain(getattr(row, c.key)) for c in table.__table__.columns
                      if c.key not in SKIPPED}
            values["source_id"] = cite(values["source_id"])
            if "organisation_id" in values:
                values["organisation_id"] = slugs[values["organisation_id"]]
            rows.append(values)
        bundle[key] = sorted(rows, key=lambda r: json.dumps(r, sort_keys=True, default=str))
    return bundle


# ---- applying a bundle ------------------------------------------------------------------------

def _source_id(session: Session, ref: str, entry: dict[str, Any], by: str,
               created: dict[str, list]) -> int:
    values = {name: entry.get(name) or "" for name in ("kind", "file_name", "content_sha256",
                                                       "quote")}
    if not values["file_name"]:
        raise DraftError(f"source {ref}: give its URL or document name")
    found = session.scalar(select(Source).where(*(getattr(Source, k) == v
                                                  for k, v in values.items())))
    if found is not None:
        return found.id
    import_file_id = None
    if entry.get("import_file_sha256"):
        import_file_id = session.scalar(select(ImportFile.id).where(
            ImportFile.content_sha256 == entry["import_file_sha256"]))
    source = Source(**values, note=entry.get("note"), created_at=_now(), created_by=by,
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
    for table in CHILDREN.values():
        session.execute(delete(table).where(table.programme_id == programme.id))
    for key, table in CHILDREN.items():
        for number, row in enumerate(bundle.get(key) or (), start=1):
            values = dict(row)
            ref = values.get("source_id")
            if ref not in sources:
                raise DraftError(f"{key} {number}: its source {ref!r} is not among the sources")
            values["source_id"] = _source_id(session, ref, sources[ref], by, created)
            if "organisation_id" in values:
                written = values["organisation_id"]
                if written not in organisations:
                    raise DraftError(f"{key} {number}: organisation {written!r} is not in the "
                                     "registry any more (merged or removed); choose it again")
                values["organisation_id"] = organisations[written]
            session.add(table(programme_id=programme.id, **_typed(table, values)))
    session.flush()
    return created


def _remove(session: Session, slug: str) -> None:
    programme = session.scalar(select(Programme).where(Programme.slug == slug))
    if programme is not None:
        for table in CHILDREN.values():
            session.execute(delete(table).where(table.programme_id == programme.id))
        session.delete(programme)
        session.flush()


def _remove_created(session: Session, created: dict[str, list]) -> None:
    """Delete what a publication created, as long as nothing else uses it since."""
    for source_id in created.get("sources", ()):
        used = any(session.scalar(select(func.count()).where(table.source_id == source_id))
                   for table in CHILDREN.values())
        if not used:
            session.execute(delete(Source).where(Source.id == source_id))
    for organisation_id in created.get("organisations", ()):
        if not session.scalar(select(func.count()).where(
                PartnerRole.organisation_id == organisation_id)):
            session.execute(delete(OrganisationAlias).where(
                OrganisationAlias.organisation_id == organisation_id))
            session.execute(delete(Organisation).where(Organisation.id == organisation_id))
    session.flush()


# ---- the draft life cycle ---------------------------------------------------------------------

def save(session: Session, bundle: dict[str, Any], by: str, draft_id: int | None = None) -> Draft:
    """Keep a proposed programme as a draft (a new one, or the author's draft updated)."""
    slug = (bundle.get("programme") or {}).get("slug")
    if not slug:
        raise DraftError("the programme needs an id (slug)")
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
        Draft.published_at >= draft.published_at, Draft.id != draft.id))
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
