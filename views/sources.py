"""How a reader sees a source: title, publisher, date and URL where known, not a file name.

Fact tables (registry.queries) carry their source's document details in columns
prefixed `source_` (source_title, source_publisher, source_published, source_url,
source_document_note, source_document_note_en); the `sources` table carries them
unprefixed. The file name stays the document's identifier in exports and is shown only
as such.
"""

from __future__ import annotations

import pandas as pd

from dates import format_when
from views.text import t

DETAILS = ("title", "publisher", "published", "url", "document_note", "document_note_en")


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def details_of(row, prefix: str = "source_") -> dict:
    """The document details of one fact row (a Series or a dict)."""
    return {name: row.get(f"{prefix}{name}") for name in DETAILS}


def document_label(details: dict, lang: str, *, with_url: bool = False) -> str:
    """“Title” · publisher · date (BE at its precision); a missing title is said so."""
    title = _text(details.get("title"))
    parts = [f"“{title}”" if title else t("src_untitled", lang)]
    if publisher := _text(details.get("publisher")):
        parts.append(publisher)
    if published := _text(details.get("published")):
        parts.append(format_when(published, lang))
    if with_url and (url := _text(details.get("url"))):
        parts.append(url)
    return " · ".join(parts)


def documents(frame: pd.DataFrame, prefix: str = "source_",
              file_column: str = "source_file") -> pd.DataFrame:
    """One row per document named in `frame`: file_name and its DETAILS (unprefixed)."""
    columns = {f"{prefix}{name}": name for name in DETAILS}
    present = [column for column in columns if column in frame.columns]
    table = frame[[file_column, *present]].rename(columns={file_column: "file_name", **columns})
    table = table.drop_duplicates("file_name").reset_index(drop=True)
    for name in DETAILS:
        if name not in table.columns:
            table[name] = ""
    return table


def labels(frame: pd.DataFrame, lang: str, prefix: str = "source_",
           file_column: str = "source_file") -> list[str]:
    """The document label of each row of a fact table, computed once per document."""
    if frame.empty:
        return []
    by_file = {row["file_name"]: document_label(row, lang)
               for row in documents(frame, prefix, file_column).to_dict("records")}
    return [by_file[name] for name in frame[file_column]]


def product_note(details: dict, lang: str) -> str:
    """The dashboard's own note on a document's details, marked as ours, in `lang` (the
    Thai one where no English one is written); "" if none."""
    english = _text(details.get("document_note_en")) if lang == "en" else ""
    note = english or _text(details.get("document_note"))
    return t("src_product_note", lang, note=note) if note else ""


def programme_documents(source_files: str, sources: pd.DataFrame, lang: str) -> list[str]:
    """The labels of the documents a programme cites (`source_files`, one per line), in
    their order; a document the sources table does not describe shows as its file name."""
    if sources.empty:
        described = {}
    else:
        described = {row["file_name"]: document_label(row, lang)
                     for row in documents(sources, prefix="", file_column="file_name")
                     .to_dict("records")}
    return [described.get(name, name) for name in str(source_files or "").splitlines()
            if name]
