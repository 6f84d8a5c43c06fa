"""The audit log as people read it: Bangkok time in the Buddhist Era, changes in a few words."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pandas as pd

from dates import format_be
from views.exports import csv_bytes
from views.text import t

BANGKOK = ZoneInfo("Asia/Bangkok")
# each column's header: views/text.py words
HEADERS = {"when": "audit_when", "username": "user", "action": "audit_action",
           "entity": "audit_entity", "entity_id": "audit_entity_id", "before": "audit_before",
           "after": "audit_after", "import_file_id": "audit_import"}
SUMMARY_MAX = 300


def local_time(at_utc: dt.datetime, lang: str) -> str:
    """``22 พ.ย. 2569 09:46`` — the stored UTC moment in Bangkok time, BE date."""
    local = at_utc.replace(tzinfo=dt.UTC).astimezone(BANGKOK)
    return f"{format_be(local.date(), lang)} {local:%H:%M:%S}"


def summary(text: object) -> str:
    """A before/after JSON value on one line (`key: value, …`), cut to SUMMARY_MAX characters.

    A missing value (None, or NaN once in a DataFrame) is empty.
    """
    if not isinstance(text, str):
        return ""
    value = json.loads(text)
    if isinstance(value, dict):
        line = ", ".join(f"{key}: {item}" for key, item in value.items())
    else:
        line = str(value)
    return line if len(line) <= SUMMARY_MAX else line[:SUMMARY_MAX - 1] + "…"


def audit_table(entries: pd.DataFrame, lang: str) -> pd.DataFrame:
    """audit.entries() for st.dataframe: local BE time, readable changes, headers in `lang`."""
    table = pd.DataFrame({
        "when": [local_time(at, lang) for at in entries["at"]],
        "username": entries["username"],
        "action": entries["action"],
        "entity": entries["entity"],
        "entity_id": entries["entity_id"],
        "before": [summary(text) for text in entries["before"]],
        "after": [summary(text) for text in entries["after"]],
        "import_file_id": entries["import_file_id"].astype("Int64"),
    })
    return table.rename(columns={column: t(HEADERS[column], lang) for column in table})


def audit_csv(entries: pd.DataFrame, lang: str) -> bytes:
    """The log as a download: what the table shows, every entry given, formulas made inert."""
    return csv_bytes(audit_table(entries, lang))


def utc_range(start: dt.date | None, end: dt.date | None
              ) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Bangkok calendar days [start, end] as naive UTC bounds (end exclusive) for the filter."""
    def midnight(day: dt.date) -> dt.datetime:
        local = dt.datetime.combine(day, dt.time(), tzinfo=BANGKOK)
        return local.astimezone(dt.UTC).replace(tzinfo=None)

    return (midnight(start) if start else None,
            midnight(end + dt.timedelta(days=1)) if end else None)
