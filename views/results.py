"""Targets and progress, programme by programme (the IATI results model's reading).

A target is only ever compared with a reported figure of the same programme and the
same indicator (measure, level of what is counted, area it is within): never with
another programme's count, never with coverage. The newest reported figure (by its
as-of date) is the progress, shown with that date; without one the row says
"progress not reported" — no bar, no 0 %. Context figures (the situation before or
around a programme) are never progress.

Everything is computed with frame operations (merge, sort, drop_duplicates), so the
table costs the same per row at 500 programmes as at five.
"""

from __future__ import annotations

import pandas as pd

from dates import format_when, from_edtf
from views import sources as S
from views.text import localised, qualified, t, term

# A target and a reported figure are compared only within one programme's indicator and
# one period (empty: the programme's whole period).
COMPARED_WITHIN = ["programme_id", "indicator_id", "_period"]


def claim_title(claim, lang: str) -> str:
    """What a figure counts: the document's words when given ("ตำบลต้นแบบ"), else the measure."""
    own = localised(claim, "claim_title", lang)
    return own if isinstance(own, str) and own else term("measure", claim["measure"], lang)


def _date_order(values: pd.Series) -> pd.Series:
    """A sortable number per EDTF date: the day it starts on (undated first)."""
    return values.map(lambda value: from_edtf(value).sort_key[0] if isinstance(value, str)
                      and value else -1)


def targets_and_progress(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per programme target, with that programme's newest reported figure for the
    same indicator and period (columns `reported_value`, `reported_qualifier`, `reported_as_of`,
    `reported_source_*`; NaN when none) and `share` (reported / target, only when both are
    exact figures, else NaN)."""
    key = COMPARED_WITHIN
    keyed = claims.assign(_period=claims["period"].fillna("").astype(str))
    targets = keyed[keyed["kind"] == "target"]
    reported = keyed[keyed["kind"] == "actual"]
    reported = reported.assign(_order=_date_order(reported["as_of"]))
    newest = reported.sort_values("_order", kind="stable").drop_duplicates(key, keep="last")
    carried = ["value", "qualifier", "as_of", "source_file", "source_quote",
               *(f"source_{name}" for name in S.DETAILS)]
    newest = newest[[*key, *(c for c in carried if c in newest.columns)]].rename(
        columns={c: f"reported_{c}" for c in carried})
    table = targets.merge(newest, on=key, how="left").drop(columns="_period")
    exact = table["qualifier"].isna() & table["reported_qualifier"].isna() & (
        table["value"] > 0)
    table["share"] = (table["reported_value"] / table["value"]).where(
        exact & table["reported_value"].notna())
    return table.reset_index(drop=True)


def progress_text(row, lang: str) -> str:
    """"40 ณ 31 ม.ค. 2563" or "progress not reported"."""
    value = row.get("reported_value")
    if value is None or pd.isna(value):
        return t("results_not_reported", lang)
    figure = qualified(float(value), row.get("reported_qualifier"), lang)
    when = format_when(row.get("reported_as_of"), lang, missing="")
    return t("results_reported_as_of", lang, figure=figure, date=when) if when else figure


def progress_table(claims: pd.DataFrame, lang: str, *, with_programme: bool = True
                   ) -> pd.DataFrame:
    """The "targets and progress" table people read (one row per programme target)."""
    table = targets_and_progress(claims)
    rows = []
    for row in table.to_dict("records"):
        within = localised(row, "within_name", lang)
        share = row.get("share")
        record = {
            t("results_col_indicator", lang): claim_title(row, lang),
            t("within", lang): within if isinstance(within, str) and within
            else t("overview_nationwide", lang),
            t("results_col_target", lang): qualified(float(row["value"]), row["qualifier"], lang),
            t("results_col_progress", lang): progress_text(row, lang),
            t("results_col_share", lang): "" if share is None or pd.isna(share)
            else f"{share:.0%}",
            t("source", lang): S.document_label(S.details_of(row), lang),
        }
        if with_programme:
            record = {t("programme", lang):
                      localised(row, "programme_title", lang), **record}
        rows.append(record)
    columns = [t("results_col_indicator", lang), t("within", lang),
               t("results_col_target", lang), t("results_col_progress", lang),
               t("results_col_share", lang), t("source", lang)]
    if with_programme:
        columns.insert(0, t("programme", lang))
    return pd.DataFrame(rows, columns=columns)

