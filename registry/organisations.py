"""One record per real organisation: its aliases, the resolver forms and imports share, merging.

Every name people write for a body (its Thai and English names, abbreviations such
as พอช., other spellings such as CODI) is an alias row whose normalised form is
unique, so a spelling resolves to at most one organisation. Resolving is an exact
lookup of that form; a name that is not known gets close suggestions (rapidfuzz,
one pass over the aliases: no work per pair of organisations) and is never turned
into a new record silently. Admins merge two records for one body; the merge is
audited and can be undone.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from loaders.names import raw_key
from registry import audit
from registry.models import Organisation, OrganisationAlias, OrganisationLogo, PartnerRole

ORGANISATIONS_YAML = Path(__file__).resolve().parent.parent / "data" / "seed" / "organisations.yaml"
SUGGESTIONS = 5
# Below this rapidfuzz score a suggestion is noise.
SUGGESTION_CUTOFF = 60
MERGE, MERGE_UNDO = "organisation_merge", "organisation_merge_undo"
ALIAS_MAX = 300
# A short word without spaces (CODI, สสส.) is an abbreviation; anything longer another name.
_ABBREVIATION = re.compile(r"^\S{1,15}$")


class OrganisationError(ValueError):
    """A change to organisations that cannot be made; the message says what to do."""


def normalise(text: object) -> str:
    """The form aliases are compared in: no marks, spaces or case, Thai digits made Arabic."""
    return raw_key(text)


def alias_kind(text: str) -> str:
    return "abbreviation" if _ABBREVIATION.match(text.strip()) else "other"


@cache
def seed_aliases(path: Path = ORGANISATIONS_YAML) -> dict[str, tuple[str, ...]]:
    """slug -> the extra aliases organisations.yaml lists for it (beyond names/abbreviation)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {entry["slug"]: tuple(str(alias) for alias in entry.get("aliases") or ())
            for entry in data.get("organisations") or ()}


def names_of(name_th: str | None, name_en: str | None, abbreviation: str | None,
             extra: tuple[str, ...] | list[str] = ()) -> list[tuple[str, str]]:
    """(alias, kind) for an organisation's own names, then its other spellings."""
    found = [(name_th, "name"), (name_en, "english"), (abbreviation, "abbreviation")]
    found += [(alias, alias_kind(alias)) for alias in extra]
    return [(text.strip()[:ALIAS_MAX], kind) for text, kind in found if text and text.strip()]


def alias_rows(organisations, extra: dict[str, tuple[str, ...]] | None = None
               ) -> list[dict[str, Any]]:
    """Alias rows for (id, slug, name_th, name_en, abbreviation) rows; a spelling already
    taken (by an earlier organisation or an earlier name) is left out."""
    extra = extra or {}
    rows, taken = [], set()
    for organisation_id, slug, name_th, name_en, abbreviation in organisations:
        for alias, kind in names_of(name_th, name_en, abbreviation, extra.get(slug, ())):
            key = normalise(alias)
            if key and key not in taken:
                taken.add(key)
                rows.append({"organisation_id": organisation_id, "alias": alias, "kind": kind,
                             "normalised": key})
    return rows


def sync_aliases(session: Session) -> int:
    """Give every organisation the aliases of its names (and organisations.yaml's extra
    spellings) that no organisation holds yet; returns how many were added."""
    organisations = session.execute(
        select(Organisation.id, Organisation.slug, Organisation.name_th, Organisation.name_en,
               Organisation.abbreviation).order_by(Organisation.id)).all()
    taken = set(session.scalars(select(OrganisationAlias.normalised)))
    added = 0
    for row in alias_rows(organisations, seed_aliases()):
        if row["normalised"] not in taken:
            taken.add(row["normalised"])
            session.add(OrganisationAlias(**row))
            added += 1
    session.flush()
    return added


# ---- resolving --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Known:
    id: int
    slug: str
    name_th: str
    name_en: str | None
    abbreviation: str | None

    def label(self) -> str:
        """How a list shows it: Thai name, abbreviation and English name."""
        parts = [self.name_th]
        if self.abbreviation:
            parts.append(f"({self.abbreviation})")
        if self.name_en:
            parts.append(f"· {self.name_en}")
        return " ".join(parts)


@dataclass(frozen=True)
class Resolution:
    """What a written name is: one organisation, or unknown with the closest ones."""

    text: str
    organisation: Known | None
    suggestions: tuple[Known, ...] = ()

    @property
    def matched(self) -> bool:
        return self.organisation is not None

    def message(self) -> str:
        if self.matched:
            return ""
        if not normalise(self.text):
            return "no organisation given"
        hint = "; ".join(k.label() for k in self.suggestions)
        return (f"{self.text!r} is no organisation the registry knows"
                + (f"; did you mean: {hint}" if hint else "")
                + ". Pick one of them, or add it as a new organisation")


@dataclass
class OrganisationIndex:
    """Every organisation and alias in memory: built with two queries, then each name is
    one dictionary lookup (and, when unknown, one fuzzy pass over the aliases)."""

    organisations: dict[int, Known] = field(default_factory=dict)
    by_key: dict[str, int] = field(default_factory=dict)
    aliases: list[str] = field(default_factory=list)
    owners: list[int] = field(default_factory=list)

    @classmethod
    def load(cls, session: Session) -> OrganisationIndex:
        index = cls()
        for row in session.execute(select(Organisation.id, Organisation.slug,
                                          Organisation.name_th, Organisation.name_en,
                                          Organisation.abbreviation)):
            index.organisations[row.id] = Known(*row)
        for organisation_id, alias, key in session.execute(
                select(OrganisationAlias.organisation_id, OrganisationAlias.alias,
                       OrganisationAlias.normalised).order_by(OrganisationAlias.id)):
            index.add(organisation_id, alias, key)
        # Organisations stored without aliases (e.g. before a sync) still resolve by name.
        for known in index.organisations.values():
            for alias, _ in names_of(known.name_th, known.name_en, known.abbreviation):
                index.add(known.id, alias, normalise(alias), only_new=True)
            index.by_key.setdefault(known.slug, known.id)
        return index

    def add(self, organisation_id: int, alias: str, key: str, *, only_new: bool = False) -> None:
        if only_new and key in self.by_key:
            return
        self.by_key.setdefault(key, organisation_id)
        self.aliases.append(key)
        self.owners.append(organisation_id)

    def get(self, slug: str) -> Known | None:
        found = self.by_key.get(slug)
        known = self.organisations.get(found) if found is not None else None
        return known if known is not None and known.slug == slug else None

    def resolve(self, text: object) -> Resolution:
        written = str(text or "").strip()
        key = normalise(written)
        if key in self.by_key:
            return Resolution(written, self.organisations[self.by_key[key]])
        return Resolution(written, None, self.suggest(written))

    def suggest(self, text: str, limit: int = SUGGESTIONS) -> tuple[Known, ...]:
        key = normalise(text)
        if not key or not self.aliases:
            return ()
        found: list[Known] = []
        for _alias, _score, position in process.extract(
                key, self.aliases, scorer=fuzz.WRatio, limit=limit * 4,
                score_cutoff=SUGGESTION_CUTOFF):
            known = self.organisations[self.owners[position]]
            if known not in found:
                found.append(known)
            if len(found) == limit:
                break
        return tuple(found)

    def search(self, text: str, limit: int = 20) -> list[Known]:
        """Organisations whose name or alias contains `text`, then close spellings."""
        key = normalise(text)
        if not key:
            return sorted(self.organisations.values(), key=lambda k: k.name_th)[:limit]
        found: list[Known] = []
        for alias, owner in zip(self.aliases, self.owners, strict=True):
            known = self.organisations[owner]
            if key in alias and known not in found:
                found.append(known)
                if len(found) == limit:
                    return found
        return found + [k for k in self.suggest(text, limit - len(found)) if k not in found]


# ---- creating and merging ---------------------------------------------------------------------

def slug_for(session: Session, name_en: str | None, name_th: str) -> str:
    """A free slug from the English name (or a stable code of the Thai one)."""
    base = re.sub(r"[^a-z0-9]+", "-", (name_en or "").lower()).strip("-")[:80]
    if not base:
        import hashlib

        base = "org-" + hashlib.sha256(normalise(name_th).encode()).hexdigest()[:10]
    taken = set(session.scalars(select(Organisation.slug).where(Organisation.slug.like(
        f"{base}%"))))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_organisation(session: Session, *, name_th: str, name_en: str | None = None,
                        abbreviation: str | None = None, aliases: list[str] | tuple = (),
                        org_type: str = "other", province_code: str | None = None,
                        slug: str | None = None) -> Organisation:
    """A new organisation with its aliases; refused when any of its names is already known."""
    name_th = (name_th or "").strip()
    if not name_th:
        raise OrganisationError("a new organisation needs its Thai name (name_th)")
    spellings = names_of(name_th, name_en, abbreviation, tuple(aliases))
    keys = {normalise(alias) for alias, _ in spellings}
    clash = session.execute(
        select(OrganisationAlias.alias, Organisation.name_th, Organisation.slug)
        .join(Organisation, Organisation.id == OrganisationAlias.organisation_id)
        .where(OrganisationAlias.normalised.in_(keys))).first()
    if clash is not None:
        raise OrganisationError(
            f"{clash.alias!r} already names {clash.name_th} ({clash.slug}); choose that "
            "organisation instead of adding a new one")
    organisation = Organisation(
        slug=slug or slug_for(session, name_en, name_th), name_th=name_th,
        name_en=(name_en or "").strip() or None, abbreviation=(abbreviation or "").strip() or None,
        org_type=org_type, province_code=province_code)
    session.add(organisation)
    session.flush()
    for alias, kind in spellings:
        key = normalise(alias)
        if key and not session.scalar(select(OrganisationAlias.id).where(
                OrganisationAlias.normalised == key)):
            session.add(OrganisationAlias(organisation_id=organisation.id, alias=alias,
                                          kind=kind, normalised=key))
            session.flush()
    return organisation


def _columns(row: Any) -> dict[str, Any]:
    return {column.key: getattr(row, column.key) for column in row.__table__.columns}


def _logo_copy(logo: OrganisationLogo | None) -> dict[str, Any] | None:
    """A logo as the audit entry keeps it (image in base64), so undo can put it back."""
    if logo is None:
        return None
    values = _columns(logo)
    del values["organisation_id"]
    values["content"] = base64.b64encode(bytes(logo.content)).decode("ascii")
    values["uploaded_at"] = logo.uploaded_at.isoformat()
    return values


def _logo_from(copy: dict[str, Any], organisation_id: int) -> OrganisationLogo:
    return OrganisationLogo(**{**copy, "organisation_id": organisation_id,
                               "content": base64.b64decode(copy["content"]),
                               "uploaded_at": dt.datetime.fromisoformat(copy["uploaded_at"])})


def merge(session: Session, keep_slug: str, drop_slug: str, by: str) -> int:
    """Fold `drop` into `keep`: its partner roles and aliases move over, the record goes.

    Where both held the same role in one programme, keep's stays and drop's is removed (and
    kept in the audit entry, so undo brings it back). Keep's logo stays; drop's moves over
    when keep has none, otherwise it is kept only in the audit entry. Returns the audit
    entry id.
    """
    keep = session.scalar(select(Organisation).where(Organisation.slug == keep_slug))
    drop = session.scalar(select(Organisation).where(Organisation.slug == drop_slug))
    if keep is None or drop is None:
        missing = keep_slug if keep is None else drop_slug
        raise OrganisationError(f"there is no organisation {missing!r}")
    if keep.id == drop.id:
        raise OrganisationError("choose two different organisations to merge")
    roles = list(session.scalars(select(PartnerRole).where(
        PartnerRole.organisation_id == drop.id).order_by(PartnerRole.id)))
    shared = {tuple(row) for row in session.execute(select(
        PartnerRole.programme_id, PartnerRole.role).where(PartnerRole.organisation_id == keep.id))}
    aliases = list(session.scalars(select(OrganisationAlias).where(
        OrganisationAlias.organisation_id == drop.id).order_by(OrganisationAlias.id)))
    dropped_logo = session.get(OrganisationLogo, drop.id)
    before = {"organisation": _columns(drop), "aliases": [a.id for a in aliases],
              "moved_roles": [r.id for r in roles if (r.programme_id, r.role) not in shared],
              "removed_roles": [_columns(r) for r in roles if (r.programme_id, r.role) in shared],
              "logo": _logo_copy(dropped_logo)}
    logo_moved = dropped_logo is not None and session.get(OrganisationLogo, keep.id) is None
    removed = [r["id"] for r in before["removed_roles"]]
    if removed:
        session.execute(delete(PartnerRole).where(PartnerRole.id.in_(removed)))
    if before["moved_roles"]:
        session.execute(update(PartnerRole).where(PartnerRole.id.in_(before["moved_roles"]))
                        .values(organisation_id=keep.id))
    if aliases:
        session.execute(update(OrganisationAlias).where(
            OrganisationAlias.id.in_(before["aliases"])).values(organisation_id=keep.id))
    if dropped_logo is not None:
        session.expunge(dropped_logo)
    if logo_moved:
        session.execute(update(OrganisationLogo).where(
            OrganisationLogo.organisation_id == drop.id).values(organisation_id=keep.id),
            execution_options={"synchronize_session": False})
    session.execute(delete(OrganisationLogo).where(OrganisationLogo.organisation_id == drop.id),
                    execution_options={"synchronize_session": False})
    session.flush()
    session.expunge(drop)
    session.execute(delete(Organisation).where(Organisation.id == drop.id))
    entry = audit.record(session, by, MERGE, "organisation", drop_slug, before,
                         {"merged_into": keep_slug, "logo_moved": logo_moved})
    return entry.id


def undo_merge(session: Session, entry_id: int, by: str) -> None:
    """Bring a merged organisation back as it was, with its roles and aliases."""
    from registry.models import AuditEntry

    entry = session.get(AuditEntry, entry_id)
    if entry is None or entry.action != MERGE:
        raise OrganisationError(f"audit entry #{entry_id} is no organisation merge")
    undone = session.scalars(select(AuditEntry.after).where(AuditEntry.action == MERGE_UNDO))
    if any(audit.loads(after).get("undid") == entry_id for after in undone):
        raise OrganisationError(f"the merge #{entry_id} was already undone")
    before = audit.loads(entry.before)
    values = before["organisation"]
    if session.scalar(select(Organisation.id).where(Organisation.slug == values["slug"])):
        raise OrganisationError(f"an organisation {values['slug']!r} exists again; the merge "
                                "cannot be undone over it")
    organisation = Organisation(**values)
    session.add(organisation)
    session.flush()
    if before["aliases"]:
        session.execute(update(OrganisationAlias).where(
            OrganisationAlias.id.in_(before["aliases"])).values(organisation_id=organisation.id))
    if before["moved_roles"]:
        session.execute(update(PartnerRole).where(PartnerRole.id.in_(before["moved_roles"]))
                        .values(organisation_id=organisation.id))
    for role in before["removed_roles"]:
        session.add(PartnerRole(**role))
    after = audit.loads(entry.after)
    logo = before.get("logo")
    taken_back = False
    if logo is not None:
        if after.get("logo_moved"):
            # The moved logo goes back unless keep's logo was changed since the merge.
            kept = session.scalar(select(OrganisationLogo).join(
                Organisation, Organisation.id == OrganisationLogo.organisation_id).where(
                Organisation.slug == after["merged_into"]))
            if kept is not None and kept.content_sha256 == logo["content_sha256"]:
                session.delete(kept)
                session.flush()
                taken_back = True
        session.add(_logo_from(logo, organisation.id))
    session.flush()
    restored = None if logo is None else {"content_sha256": logo["content_sha256"],
                                          "taken_back_from_kept": taken_back}
    audit.record(session, by, MERGE_UNDO, "organisation", values["slug"],
                 {"merged_into": after["merged_into"]}, {"undid": entry_id, "logo": restored})
