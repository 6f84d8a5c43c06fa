"""Long tables shown as a person reads them: the first rows on the page, the whole table
as a download built only when asked for."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from views.exports import csv_bytes
from views.text import t

SHOWN_ROWS = 100


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
