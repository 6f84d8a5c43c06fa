"""Making typed or uploaded text inert wherever it is shown or saved: the one home of it.

- Markdown (Streamlit's st.info, st.error, captions, button labels): `markdown_literal`
  escapes every mark, so a name shows as written and never links, embeds or styles;
  `markdown_line` does the same on one line (a label).
- Spreadsheets (downloads people open in Excel): `neutralise` puts an apostrophe before
  text that a spreadsheet would run as a formula (= + - @, a leading tab or carriage
  return); `neutralised` does it to a whole table.
- The CSV round trip (loaders.interchange), whose files are read back: text already
  starting with an apostrophe is marked too (`neutralise_for_round_trip`), so
  `restore_round_trip` strips exactly the mark it added and every cell comes back as it
  was. Downloads are read by people, never read back, so `neutralise` leaves such text.

HTML (map tooltips and popups) is escaped where it is built, in geo/.
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROUND_TRIP_MARK = "'"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def markdown_literal(text: object) -> str:
    """`text` for a Markdown widget, every Markdown mark escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def markdown_line(text: object) -> str:
    """`text` on one line (runs of white space made one space), every mark escaped."""
    return markdown_literal(" ".join(str(text).split()))


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula, made literal; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(table: pd.DataFrame) -> pd.DataFrame:
    """The table with every text cell and header neutralised (numbers stay numbers)."""
    safe = table.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    safe.columns = [neutralise(str(column)) for column in safe.columns]
    return safe


def neutralise_for_round_trip(text: str) -> str:
    """A cell as written to a file that will be read back: formula-like text, and text
    that already starts with the mark, gets a leading apostrophe."""
    marked = text.startswith((*FORMULA_STARTS, ROUND_TRIP_MARK))
    return ROUND_TRIP_MARK + text if marked else text


def restore_round_trip(text: str) -> str:
    """The cell as it was before `neutralise_for_round_trip`."""
    return text[len(ROUND_TRIP_MARK):] if text.startswith(ROUND_TRIP_MARK) else text
