"""A table as CSV or XLSX for planners' spreadsheets, safe to open in Excel.

Area and programme names can come from uploads, so any text cell that a
spreadsheet would read as a formula (= + - @, or a leading tab / carriage
return) gets a leading apostrophe: it shows as typed and never runs.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from escaping import neutralise, neutralised

# Rows of a long table a page shows (what a person reads); the whole table is a download.
SHOWN_ROWS = 50
# Lines of a long list of notes shown on a page; the rest are in a download.
SHOWN_NOTES = 10
MAX_COLUMN_WIDTH = 60


def csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Thai instead of mojibake."""
    return neutralised(table).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(table: pd.DataFrame, sheet: str = "Areas",
               about: Mapping[str, str] | None = None, about_sheet: str = "About") -> bytes:
    """One sheet holding exactly `table` (header frozen, columns sized); `about` adds a
    second sheet of key/value lines (filters, date, source credit)."""
    book = Workbook()
    data = book.active
    data.title = _sheet_title(sheet)
    safe = neutralised(table)
    data.append(list(safe.columns))
    for row in safe.itertuples(index=False):
        data.append([None if _missing(value) else _plain(value) for value in row])
    data.freeze_panes = "A2"
    for index, column in enumerate(safe.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in safe[column].head(500))])
        data.column_dimensions[get_column_letter(index)].width = min(longest + 2,
                                                                     MAX_COLUMN_WIDTH)
    if about:
        notes = book.create_sheet(_sheet_title(about_sheet))
        for key, value in about.items():
            notes.append([neutralise(str(key)), neutralise(str(value))])
        notes.column_dimensions["A"].width = 24
        notes.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    """Excel forbids []:*?/\\ in sheet names and allows 31 characters."""
    cleaned = "".join("_" if ch in '[]:*?/\\' else ch for ch in name).strip() or "Sheet"
    return cleaned[:31]


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _plain(value: object) -> object:
    """numpy scalars as Python ones, which openpyxl writes."""
    return value.item() if hasattr(value, "item") else value
