"""The national picture for executives: what is known about coverage, signings by
year, the province status map, targets and progress, counted figures and unresolved
place names.

What a coverage card says (the rule the overview's caption repeats):
- Named areas: the distinct areas programmes name in coverage, as a share of the
  country ("9 of 77 provinces"). The country is today's DOPA gazetteer (also the
  areas no boundary polygon draws), so the share never exceeds the whole; codes DOPA
  no longer lists are said apart ("counted apart: 2"), never in the share. An area
  counts at its own level and at every wider level it lies in (a named tambon also
  covers its district and province); a province-wide row counts no district or tambon.
- By status: each named area once, under the most advanced status any programme
  gives it (completed, then active, then planned), so the parts add up.
- Counts reported without areas (e.g. "9 networks") stand apart, each with its
  programme and date: they are never added to named areas.
- No target and no progress bar on a card: a target belongs to one programme and
  is compared only with that programme's own reported figure (views.results).
- "As of" on a card is the newest year the coverage rows give; the registry's read
  time is said once, under the title.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import folium
import pandas as pd

from dates import BE_OFFSET, first_year, format_when
from geo import EncodedShapes, choropleth
from geo.levels import ALL_LEVELS, ancestors
from views import sources as S
from views.classes import categorical
from views.coverage import CODE_COLUMN, coarser_than
from views.maps import area_titles
from views.text import TEXT, localised, qualified, t, term

if TYPE_CHECKING:  # altair is imported when a chart is drawn, after the page's map is sent
    import altair as alt

LISTED_CODE = {**CODE_COLUMN, "village": "code"}
# Coverage statuses, in the order the legend lists them; "mixed" = several in one area.
STATUS_COLOURS = {"planned": "#fdb863", "active": "#1a9850", "completed": "#4575b4",
                  "mixed": "#8073ac"}


STATUS_RANK = {"planned": 0, "active": 1, "completed": 2}


@dataclass(frozen=True)
class CoverageCard:
    """What is known about one kind of thing covered (programmes, partners, an area level)."""

    key: str  # "programmes", "organisations" or an area level
    named: int
    total: int | None = None  # how many the country has today (area levels)
    by_status: tuple[tuple[str, int], ...] = ()  # (status, named areas), legend order
    counted: tuple[dict, ...] = ()  # reported counts at this level without listed areas
    as_of: str | None = None  # EDTF year of the newest coverage row behind `named`
    former: int = 0  # named codes the country no longer lists, apart from `named`

    @property
    def share(self) -> float | None:
        return self.named / self.total if self.total else None


def listed_codes(coverage: pd.DataFrame, level: str) -> set[str]:
    """Distinct areas of `level` named by coverage rows at that level or finer."""
    return set(coverage.loc[~coarser_than(coverage, level), LISTED_CODE[level]]
               .dropna().astype(str))


def area_card(coverage: pd.DataFrame, claims: pd.DataFrame, level: str,
              country: frozenset[str] | None = None) -> CoverageCard:
    """Areas of `level` named, split by status, with the counts reported apart.

    With `country` (today's codes of the level) the card is a share of it: only codes
    in it count as named, so named ≤ total; the others are counted as `former`.
    """
    code = LISTED_CODE[level]
    deep = coverage[~coarser_than(coverage, level)]
    deep = deep[deep[code].notna()]
    former = 0
    if country is not None:
        current = deep[code].astype(str).isin(country)
        former = int(deep.loc[~current, code].nunique())
        deep = deep[current]
    best = deep.assign(_rank=deep["status"].map(STATUS_RANK)).groupby(code)["_rank"].max()
    ranks = best.value_counts()
    by_status = tuple((status, int(ranks[rank])) for status, rank in STATUS_RANK.items()
                      if rank in ranks.index)
    years = deep["year"].dropna()
    as_of = f"{int(years.max()):04d}" if len(years) else None
    reported = claims[(claims["kind"] == "actual") & (claims["level"] == level)]
    return CoverageCard(level, int(best.size), None if country is None else len(country),
                        by_status, tuple(reported.to_dict("records")), as_of, former)


def coverage_cards(programme_ids, partners: pd.DataFrame, coverage: pd.DataFrame,
                   claims: pd.DataFrame,
                   country: Mapping[str, frozenset[str]] | None = None
                   ) -> list[CoverageCard]:
    """Programmes, partner organisations, then areas named at each level.

    `country`: today's codes per level (geo.gazetteer.country()), the whole each area
    card is a share of. The frames may hold other programmes too: they are narrowed to
    `programme_ids` once.
    """
    ids = set(programme_ids)
    organisations = partners.loc[partners["programme_id"].isin(ids), "organisation_id"]
    claims = claims[claims["programme_id"].isin(ids)]
    coverage = coverage[coverage["programme_id"].isin(ids)]
    country = country or {}
    return [
        CoverageCard("programmes", len(ids)),
        CoverageCard("organisations", int(organisations.nunique())),
        *(area_card(coverage, claims, level, country.get(level)) for level in ALL_LEVELS),
    ]


def card_share(card: CoverageCard, lang: str) -> str:
    """"9 of 77 provinces named by programmes" (+ "; codes DOPA no longer lists, counted
    apart: 2"); "" for a count with nothing to share of."""
    if not card.total:
        return ""
    share = t("cov_share", lang, n=f"{card.named:,}", total=f"{card.total:,}",
              unit=t(f"cov_unit.{card.key}", lang))
    return share + (t("cov_former", lang, n=f"{card.former:,}") if card.former else "")


def card_statuses(card: CoverageCard, lang: str) -> str:
    """"วางแผน 8 · กำลังดำเนินการ 1"."""
    return " · ".join(f"{term('coverage_status', status, lang)} {n:,}"
                      for status, n in card.by_status)


# Counts reported without areas a card lists; the rest are named by how many there are (the
# counted figures table has them all).
CARD_COUNTED_LINES = 3


def card_counted(card: CoverageCard, lang: str, limit: int = CARD_COUNTED_LINES) -> list[str]:
    """One line per count reported without areas (figure, programme and its date), at
    most `limit`, then how many more the counted figures table holds."""
    lines = []
    for claim in card.counted[:limit]:
        title = localised(claim, "programme_title", lang)
        when = format_when(claim.get("as_of"), lang, missing="")
        lines.append(t("cov_counted", lang,
                       figure=qualified(float(claim["value"]), claim.get("qualifier"), lang),
                       title=title, when=t("ex_as_of", lang, date=when) if when else ""))
    if len(card.counted) > limit:
        lines.append(t("cov_counted_more", lang, n=len(card.counted) - limit,
                       table=t("overview_claims_title", lang)))
    return lines


def card_as_of(card: CoverageCard, lang: str) -> str:
    """The date of the newest figure behind the card's number ("" for a plain count)."""
    if card.key in ("programmes", "organisations"):
        return ""
    if card.as_of is None:
        return t("cov_no_year", lang) if card.named else ""
    return t("cov_as_of", lang, date=format_when(card.as_of, lang))


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
    # A signing at the precision its source gives (a day, a two-day forum, a month)
    # counts in the year it starts in.
    years = signed.assign(be_year=[first_year(d) + BE_OFFSET for d in signed["signed_on"]],
                          title=localised(signed, "title", lang))
    grouped = years.groupby("be_year").agg(programmes=("programme_id", "nunique"),
                                           titles=("title", "; ".join))
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
                 alt.Tooltip("titles:N", title=t("plural.programmes", lang))],
    ).properties(height=220)


def partners_chart(rows: pd.DataFrame, lang: str) -> alt.Chart:
    """Programmes per partner organisation, one labelled bar each, most first."""
    import altair as alt

    return alt.Chart(rows).mark_bar(color="#3182bd").encode(
        x=alt.X("programmes:Q", title=t("programme_count", lang),
                axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("label:N", title=None, sort="-x",
                axis=alt.Axis(labelLimit=320, labelOverlap=False)),
        tooltip=[alt.Tooltip("organisation:N", title=t("organisation", lang)),
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
    label = t("status", lang)
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
    synthetic = set(synthetic_ids)
    rows = []
    documents = S.labels(claims, lang)
    for claim, document in zip(claims.itertuples(), documents, strict=True):
        within = localised(claim, "within_name", lang)
        rows.append({
            t("programme", lang): localised(claim, "programme_title", lang),
            t("overview_col_measure", lang): term("measure", claim.measure, lang),
            t("overview_col_value", lang): qualified(claim.value, claim.qualifier, lang),
            t("within", lang):
                within if isinstance(within, str) else t("overview_nationwide", lang),
            t("overview_col_kind", lang): term("kind", claim.kind, lang),
            t("as_of", lang): format_when(claim.as_of, lang, missing=""),
            t("source", lang): document,
            t("synthetic_column", lang):
                bool(claim.is_synthetic or claim.programme_id in synthetic),
        })
    return pd.DataFrame(rows)


def unresolved_places(place_mentions: pd.DataFrame, names: pd.DataFrame,
                      lang: str) -> pd.DataFrame:
    """Place names the sources give that fit no single area, with their candidates
    ("name, province (code)"): shown, never coloured on the map."""
    lookup = names.drop_duplicates("code")
    name_by_code = dict(zip(lookup["code"], localised(lookup, "name", lang), strict=True))

    def name_of(code: str) -> str:
        return name_by_code.get(code, code)

    def candidate(code: str) -> str:
        wider = ancestors(code)
        where = name_of(wider[0]) if wider else ""
        return f"{name_of(code)}, {where} ({code})" if where else f"{name_of(code)} ({code})"

    rows = []
    documents = S.labels(place_mentions, lang)
    for mention, document in zip(place_mentions.itertuples(), documents, strict=True):
        codes = str(mention.candidate_codes or "").split()
        rows.append({
            t("programme", lang): localised(mention, "programme_title", lang),
            t("name_as_written", lang): mention.name_as_written,
            t("level", lang): t(mention.level, lang)
            if mention.level in TEXT else mention.level,
            t("overview_col_resolution", lang): term("resolution", mention.resolution, lang),
            t("candidates", lang):
                "; ".join(candidate(c) for c in codes) or "—",
            t("source", lang): document,
        })
    return pd.DataFrame(rows)
