"""The audit log: who changed what, when, and the state before and after.

`record` is called inside the transaction that makes the change (same Session),
so the change and its entry are committed — or rolled back — together.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.models import AuditEntry

COLUMNS = ["id", "at", "username", "action", "entity", "entity_id", "before", "after",
           "import_file_id"]
USERNAME_MAX = 100


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(session: Session, username: str, action: str, entity: str,
           entity_id: object, before: Any, after: Any,
           import_file_id: int | None = None, at: dt.datetime | None = None) -> AuditEntry:
    """Add one entry to the change being made in `session` (flushed, not committed).

    `at` (UTC, naive) defaults to now.
    """
    entry = AuditEntry(
        at=at or dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
        username=str(username)[:USERNAME_MAX], action=action, entity=entity,
        entity_id=None if entity_id is None else str(entity_id)[:100],
        before=_json(before), after=_json(after), import_file_id=import_file_id,
    )
    session.add(entry)
    session.flush()
    return entry


# What an admin filters the log by: each kind is the actions it groups; "edits" is every
# other action (changes made through the registry's forms and commands).
KINDS: dict[str, tuple[str, ...]] = {
    "imports": ("import", "import_undo"),
    "accounts": ("user_add", "user_passwd", "user_disable", "user_enable"),
    "sign_ins": ("sign_in", "sign_in_failed", "sign_in_paused"),
}
EDITS = "edits"
KIND_NAMES = ("imports", EDITS, "accounts", "sign_ins")


def _filtered(query, *, username: str | None = None, actions: list[str] | None = None,
              kinds: list[str] | None = None, entity: str | None = None,
              since: dt.datetime | None = None, until: dt.datetime | None = None,
              import_file_id: int | None = None):
    if username:
        query = query.where(AuditEntry.username == username)
    if actions:
        query = query.where(AuditEntry.action.in_(actions))
    if kinds:
        unknown = set(kinds) - set(KIND_NAMES)
        if unknown:
            raise ValueError(f"unknown kinds {sorted(unknown)}; use {', '.join(KIND_NAMES)}")
        named = [action for kind in kinds if kind != EDITS for action in KINDS[kind]]
        condition = AuditEntry.action.in_(named)
        if EDITS in kinds:
            others = [action for group in KINDS.values() for action in group]
            condition = condition | AuditEntry.action.not_in(others)
        query = query.where(condition)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if since is not None:
        query = query.where(AuditEntry.at >= since)
    if until is not None:
        query = query.where(AuditEntry.at < until)
    if import_file_id is not None:
        query = query.where(AuditEntry.import_file_id == import_file_id)
    return query


def entries(session: Session, *, limit: int | None = 1000, offset: int = 0,
            **filters: Any) -> pd.DataFrame:
    """Entries newest first, narrowed by any of the filters (UTC times, `until` exclusive).

    Filters: username, actions, kinds (KIND_NAMES), entity, since, until,
    import_file_id. `limit` and `offset` page through the whole log (no limit: all).
    """
    query = _filtered(select(*(getattr(AuditEntry, name) for name in COLUMNS)), **filters)
    query = query.order_by(AuditEntry.id.desc()).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return pd.DataFrame(session.execute(query).all(), columns=COLUMNS)


def count(session: Session, **filters: Any) -> int:
    """How many entries the filters (as for `entries`) match."""
    return session.scalar(_filtered(select(func.count(AuditEntry.id)), **filters))


def usernames(session: Session) -> list[str]:
    """Every name the log holds, for a filter's choices."""
    return sorted(session.scalars(select(AuditEntry.username).distinct()))


def actions(session: Session) -> list[str]:
    """The actions the log holds, for a filter's choices."""
    return sorted(session.scalars(select(AuditEntry.action).distinct()))


def loads(text: str | None) -> Any:
    """An entry's before/after back as Python values."""
    return None if text is None else json.loads(text)
