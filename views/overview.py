"""The national picture for executives: KPI figures against targets, signings by
year, the province status map, counted claims and unresolved place names.

How areas are counted (the rule the overview's caption repeats):
- Listed areas: the distinct areas named in coverage. An area counts at its own
  level and at every wider level it lies in (a listed tambon also covers its
  district and province); a province-wide row counts no district or tambon.
- Counted areas: claims with kind 'actual' at that level (e.g. 95 tambons in
  Kanchanaburi): a number without areas behind it, added to the listed ones.
- Overlap: the areas a programme lists inside the area its own claim counts are
  taken to be among the counted ones and are not added twice. When a programme
  repeats a claim (same measure, level and area) only the latest one counts.
- Target: the sum of the programmes' 'target' claims at that level (latest per
  programme, measure and area), never more than the country has of that level.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import folium
import pandas as pd

from dates import be_year, format_be
from geo import EncodedShapes, choropleth
from views.classes import categorical
from views.coverage import CODE_COLUMN, LEVEL_DEPTH
from views.maps import area_titles
from views.text import TEXT, qualified, t, term

if TYPE_CHECKING:  # altair is imported when a chart is drawn, after the page's map is sent
    import altair as alt

AREA_LEVELS = ("province", "district", "subdistrict", "village")
LISTED_CODE = {**CODE_COLUMN, "village": "code"}
CLAIM_KEY = ["programme_id", "kind", "measure", "level", "within_code"]
# Coverage statuses, in the order the legend lists them; "mixed" = several in one area.
STATUS_COLOURS = {"planned": "#fdb863", "active": "#1a9850", "completed": "#4575b4",
                  "mixed": "#8073ac"}


@dataclass(frozen=True)
class Kpi:
    """One KPI card: `listed + counted − overlap` against `target` as of `as_of`."""

    key: str  # "programmes", "organisations" or an area level
    listed: int
    as_of: dt.date
    as_of_basis: str  # "documents": latest date in the claims used; "registry": when read
    counted: int = 0
    overlap: int = 0
    target: float | None = None

    @property
    def value(self) -> int:
        return self.listed + self.counted - self.overlap

    @property
    def progress(self) -> float | None:
        """Share of the target reached (may exceed 1); None without a target."""
        return self.value / self.target if self.target else None


def listed_codes(coverage: pd.DataFrame, level: str) -> set[str]:
    """Distinct areas of `level` named by coverage rows at that level or finer."""
    deep_enough = coverage["level"].map(LEVEL_DEPTH) >= LEVEL_DEPTH[level]
    return set(coverage.loc[deep_enough, LISTED_CODE[level]].dropna().astype(str))


def latest_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """One claim per programme, kind, measure, level and area: the latest by `as_of`."""
    dated = claims.assign(_as_of=pd.to_datetime(claims["as_of"]))
    dated = dated.sort_values("_as_of", na_position="first", kind="stable")
    return dated.drop_duplicates(CLAIM_KEY, keep="last").drop(columns="_as_of")


def _claim_overlap(claim, coverage: pd.DataFrame, level: str) -> int:
    own = coverage[coverage["programme_id"] == claim.programme_id]
    codes = listed_codes(own, level)
    within = claim.within_code
    if isinstance(within, str) and within:
        codes = {code for code in codes if code.startswith(within)}
    return min(len(codes), round(float(claim.value)))


def _as_of(dates: pd.Series, loaded_at: dt.datetime) -> tuple[dt.date, str]:
    known = pd.to_datetime(dates).dropna()
    if known.empty:
        return loaded_at.date(), "registry"
    return known.max().date(), "documents"


def area_kpi(coverage: pd.DataFrame, claims: pd.DataFrame, level: str,
             loaded_at: dt.datetime, total: int | None = None) -> Kpi:
    """Areas of `level` covered (see the module docstring for the rule)."""
    at_level = latest_claims(claims[claims["level"] == level])
    actual = at_level[at_level["kind"] == "actual"]
    targets = at_level[at_level["kind"] == "target"]
    counted = round(float(actual["value"].sum()))
    overlap = sum(_claim_overlap(claim, coverage, level) for claim in actual.itertuples())
    target = float(targets["value"].sum()) if not targets.empty else None
    if target is not None and total:
        target = min(target, float(total))
    as_of, basis = _as_of(pd.concat([actual["as_of"], targets["as_of"]]), loaded_at)
    return Kpi(level, len(listed_codes(coverage, level)), as_of, basis, counted=counted,
               overlap=overlap, target=target)


def overview_kpis(programme_ids, partners: pd.DataFrame, coverage: pd.DataFrame,
                  claims: pd.DataFrame, loaded_at: dt.datetime,
                  totals: Mapping[str, int] | None = None) -> list[Kpi]:
    """Programmes, partner organisations, then areas covered at each level.

    The frames are already narrowed to the programmes in view (`programme_ids`).
    """
    ids = set(programme_ids)
    organisations = partners.loc[partners["programme_id"].isin(ids), "organisation_id"]
    registry_day = loaded_at.date()
    claims = claims[claims["programme_id"].isin(ids)]
    coverage = coverage[coverage["programme_id"].isin(ids)]
    totals = totals or {}
    return [
        Kpi("programmes", len(ids), registry_day, "registry"),
        Kpi("organisations", organisations.nunique(), registry_day, "registry"),
        *(area_kpi(coverage, claims, level, loaded_at, totals.get(level))
          for level in AREA_LEVELS),
    ]


def kpi_split(kpi: Kpi, lang: str) -> str:
    """How the figure is made up ("1 listed · 95 counted"); empty when all are listed."""
    if not kpi.counted:
        return ""
    parts = [t("overview_listed", lang, n=f"{kpi.listed:,}"),
             t("overview_counted", lang, n=f"{kpi.counted:,}")]
    if kpi.overlap:
        parts.append(t("overview_overlap", lang, n=f"{kpi.overlap:,}"))
    return " · ".join(parts)


def kpi_as_of(kpi: Kpi, lang: str) -> str:
    key = "overview_as_of_documents" if kpi.as_of_basis == "documents" \
        else "overview_as_of_registry"
    return t(key, lang, date=format_be(kpi.as_of, lang))


# --- signings, statuses, lists ----------------------------------------------------------

def signings_by_year(programmes: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, int]:
    """Programmes signed per BE year (gap years as 0, so the axis is a time line),
    and how many programmes have no signing date.

    Columns: be_year (text, for an ordinal axis), programmes, titles.
    """
    signed = programmes[programmes["signed_on"].notna()]
    undated = len(programmes) - len(signed)
    if signed.empty:
        return pd.DataFrame(columns=["be_year", "programmes", "titles"]), undated
    title_column = "title_en" if lang == "en" else "title_th"
    years = signed.assign(be_year=[be_year(d) for d in pd.to_datetime(signed["signed_on"])
                                   .dt.date])
    grouped = years.groupby("be_year").agg(programmes=("programme_id", "nunique"),
                                           titles=(title_column, "; ".join))
    span = range(int(grouped.index.min()), int(grouped.index.max()) + 1)
    grouped = grouped.reindex(span).fillna({"programmes": 0, "titles": ""})
    grouped["programmes"] = grouped["programmes"].astype(int)
    frame = grouped.rename_axis("be_year").reset_index()
    frame["be_year"] = frame["be_year"].astype(str)
    return frame, undated


def signings_chart(signings: pd.DataFrame, lang: str) -> alt.Chart:
    """Programmes signed per Buddhist-Era year (see signings_by_year)."""
    import altair as alt

    year_title, count_title = t("year_be_axis", lang), t("programme_count", lang)
    return alt.Chart(signings).mark_bar(color="#2171b5").encode(
        x=alt.X("be_year:O", title=year_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("programmes:Q", title=count_title, axis=alt.Axis(tickMinStep=1)),
        tooltip=[alt.Tooltip("be_year:O", title=year_title),
                 alt.Tooltip("programmes:Q", title=count_title),
                 alt.Tooltip("titles:N", title=t("page_programmes", lang))],
    ).properties(height=220)


def partners_chart(rows: pd.DataFrame, lang: str) -> alt.Chart:
    """Programmes per partner organisation, one labelled bar each, most first."""
    import altair as alt

    return alt.Chart(rows).mark_bar(color="#3182bd").encode(
        x=alt.X("programmes:Q", title=t("programme_count", lang),
                axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("label:N", title=None, sort="-x",
                axis=alt.Axis(labelLimit=220, labelOverlap=False)),
        tooltip=[alt.Tooltip("organisation:N", title=t("partners_organisation", lang)),
                 alt.Tooltip("programmes:Q", title=t("programme_count", lang)),
                 alt.Tooltip("roles:N", title=t("partners_roles", lang))],
    ).properties(height=max(160, 26 * len(rows)))


def province_statuses(coverage: pd.DataFrame) -> pd.DataFrame:
    """Per province: the status of its coverage rows ("mixed" when they differ).

    Columns: code, status, statuses (all statuses present, in legend order).
    """
    order = list(STATUS_COLOURS)
    records = []
    for code, group in coverage.groupby("province_code"):
        present = sorted(set(group["status"].dropna()), key=order.index)
        if present:
            records.append({"code": code,
                            "status": present[0] if len(present) == 1 else "mixed",
                            "statuses": tuple(present)})
    return pd.DataFrame.from_records(records, columns=["code", "status", "statuses"])


def status_layer(shapes: EncodedShapes, statuses: pd.DataFrame, names: pd.DataFrame,
                 lang: str, fit_key: str = "") -> folium.FeatureGroup:
    """Provinces coloured by coverage status, with a categorical legend."""
    colours = {status: STATUS_COLOURS[status] for status in STATUS_COLOURS}
    labels = {status: term("coverage_status", status, lang) for status in STATUS_COLOURS}
    values = dict(zip(statuses["code"], statuses["status"], strict=True))
    classes = categorical(values, t("overview_status_legend", lang), colours, labels,
                          no_data_label=t("no_data", lang))
    detail = dict(zip(statuses["code"], statuses["statuses"], strict=True))
    label = t("overview_status", lang)
    tooltips = {}
    for code, title in area_titles(names, shapes.parts.index, lang).items():
        if code in detail:
            line = f"{label}: " + ", ".join(term("coverage_status", s, lang)
                                            for s in detail[code])
        else:
            line = t("no_data", lang)
        tooltips[code] = (*title, line)
    return choropleth(shapes, classes.fills, tooltips, classes.legend, fit_key=fit_key)


def claims_table(claims: pd.DataFrame, lang: str,
                 synthetic_ids: Iterable[int] = ()) -> pd.DataFrame:
    """Counted figures as people read them: programme, what, how many, where, kind,
    as of (BE), source; synthetic claims and claims of synthetic programmes flagged."""
    en = lang == "en"
    synthetic = set(synthetic_ids)
    rows = []
    for claim in claims.itertuples():
        within = claim.within_name_en if en and isinstance(claim.within_name_en, str) \
            else claim.within_name_th
        rows.append({
            t("overview_col_programme", lang):
                claim.programme_title_en if en else claim.programme_title_th,
            t("overview_col_measure", lang): term("measure", claim.measure, lang),
            t("overview_col_value", lang): qualified(claim.value, claim.qualifier, lang),
            t("overview_col_within", lang):
                within if isinstance(within, str) else t("overview_nationwide", lang),
            t("overview_col_kind", lang): term("kind", claim.kind, lang),
            t("overview_col_as_of", lang):
                format_be(claim.as_of, lang) if isinstance(claim.as_of, dt.date) else "",
            t("overview_col_source", lang): claim.source_file,
            t("synthetic_column", lang):
                bool(claim.is_synthetic or claim.programme_id in synthetic),
        })
    return pd.DataFrame(rows)


def unresolved_places(place_mentions: pd.DataFrame, names: pd.DataFrame,
                      lang: str) -> pd.DataFrame:
    """Place names the sources give that fit no single area, with their candidates
    ("name, province (code)"): shown, never coloured on the map."""
    en = lang == "en"
    lookup = names.drop_duplicates("code").set_index("code")

    def name_of(code: str) -> str:
        if code not in lookup.index:
            return code
        row = lookup.loc[code]
        return row["name_en"] if en and isinstance(row["name_en"], str) else row["name_th"]

    def candidate(code: str) -> str:
        where = name_of(code[:2]) if len(code) > 2 else ""
        return f"{name_of(code)}, {where} ({code})" if where else f"{name_of(code)} ({code})"

    rows = []
    for mention in place_mentions.itertuples():
        codes = str(mention.candidate_codes or "").split()
        rows.append({
            t("overview_col_programme", lang):
                mention.programme_title_en if en else mention.programme_title_th,
            t("overview_col_place", lang): mention.name_as_written,
            t("overview_col_level", lang): t(mention.level, lang)
            if mention.level in TEXT else mention.level,
            t("overview_col_resolution", lang): term("resolution", mention.resolution, lang),
            t("overview_col_candidates", lang):
                "; ".join(candidate(c) for c in codes) or "—",
            t("overview_col_source", lang): mention.source_file,
        })
    return pd.DataFrame(rows)
