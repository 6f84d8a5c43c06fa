"""Long tables shown as a person reads them: the first rows on the page, the whole table
as a download built only when asked for."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import pandas as pd
import streamlit as st

from views.exports import SHOWN_NOTES, SHOWN_ROWS, csv_bytes
from views.text import t

T = TypeVar("T")


def long_table(whole: pd.DataFrame | Callable[[], pd.DataFrame], shown: pd.DataFrame,
               total: int, lang: str, file_name: str, key: str, **dataframe_args) -> None:
    """`shown` (the first rows of a table of `total` rows) and, when rows are left out,
    a note saying so; a CSV download of `whole` (a frame or a function making it)."""
    st.dataframe(shown, hide_index=True, key=key, **dataframe_args)
    if total > len(shown):
        st.caption(t("rows_shown", lang, shown=len(shown), total=total))

    def download() -> bytes:
        return csv_bytes(whole() if callable(whole) else whole)

    st.download_button(t("download_all_csv", lang), download, file_name=file_name,
                       mime="text/csv", on_click="ignore", icon=":material/download:",
                       key=f"{key}_csv")


# The words heading each column of an organisations table (views.partners.organisation_table).
ORGANISATION_HEADERS = {
    "organisation": "organisation",
    "abbreviation": "partners_abbreviation",
    "programmes": "programme_count",
    "programme_titles": "partners_programmes",
    "roles": "partners_roles",
    "provinces": "partners_provinces",
}


def organisations_table(organisations: pd.DataFrame, columns: Sequence[str], lang: str,
                        file_name: str, key: str) -> None:
    """The `columns` of an organisations table as a long table, headed in `lang`: counts
    as whole numbers, the programmes' titles in a wide column."""
    columns = list(columns)
    headers = {column: t(ORGANISATION_HEADERS[column], lang) for column in columns}
    config: dict = dict(headers)
    if "programmes" in headers:
        config["programmes"] = st.column_config.NumberColumn(headers["programmes"], format="%d")
    if "programme_titles" in headers:
        config["programme_titles"] = st.column_config.TextColumn(headers["programme_titles"],
                                                                 width="large")
    long_table(lambda: organisations[columns].rename(columns=headers),
               organisations[columns].head(SHOWN_ROWS), len(organisations), lang,
               file_name=file_name, key=key, column_config=config)


def titled_table(title: str, note: str, empty: str | None,
                 table: Callable[[], pd.DataFrame], lang: str, file_name: str,
                 key: str) -> None:
    """A section: `title`, `note`, then `empty` (said when there is nothing to list) or
    the first rows of `table()` with a CSV of all. Its first column (programme titles are
    long) is shown last, so the other columns stay in view."""
    st.subheader(title)
    st.caption(note)
    if empty:
        st.info(empty)
        return
    frame = table()
    long_table(frame, frame.head(SHOWN_ROWS), len(frame), lang, file_name, key,
               column_order=[*frame.columns[1:], frame.columns[0]])


def notes(container, records: Sequence[T], line: Callable[[T], str], lang: str,
          file_name: str, key: str) -> None:
    """`records` as lines of notes in one text element: the first SHOWN_NOTES, then how
    many more there are and a download of every line (written only when asked for)."""
    container.text("\n".join(f"• {line(record)}" for record in records[:SHOWN_NOTES]))
    if len(records) > SHOWN_NOTES:
        container.caption(t("rows_shown", lang, shown=SHOWN_NOTES, total=len(records)))
        container.download_button(
            t("download_all_csv", lang),
            lambda: csv_bytes(pd.DataFrame({"note": [line(record) for record in records]})),
            file_name=file_name, mime="text/csv", on_click="ignore",
            icon=":material/download:", key=f"{key}_csv")
