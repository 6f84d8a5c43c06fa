"""The map explorer's logic: drilling down, the figures drawn, the table of areas,
counted claims and unresolved places, all from already filtered coverage.

Works on whole columns (no Python loop over coverage rows), so a national
tambon view over a million coverage rows stays fast; loops run over areas
shown (at most 7,425) or over claims and place mentions (a handful).
"""

from __future__ import annotations

from collections.abc import Collection, Container, Iterable, Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from dates import BE_OFFSET, when_or_none
from geo.levels import CODE_LENGTH, LEVELS, ancestors, code_at, level_of
from views import filters as F
from views import sources as S
from views.coverage import CODE_COLUMN, coarser_than, wider_programmes
from views.exports import SHOWN_ROWS
from views.filters import Filters, programme_titles
from views.state import View, consistent, drawn_level
from views.text import localised as in_language
from views.text import qualified, t, term

# views/text.py words of each column's header
HEADERS = {"code": "ex_col_code", "scope": "level", "name_th": "ex_col_name_th",
           "name_en": "ex_col_name_en", "district": "district", "province": "province",
           "programme_count": "programme_count", "programmes": "ex_col_programmes",
           "statuses": "status", "years": "ex_years", "sources": "ex_col_sources",
           "source_files": "ex_col_source_files"}
TABLE_COLUMNS = ("code", "scope", "name_th", "name_en", "district", "province",
                 "programme_count", "programmes", "statuses", "years", "sources", "source_files")
# The document file names identify sources in exports; a reader sees their labels.
EXPORT_ONLY_COLUMNS = ("source_files",)


# --- names ------------------------------------------------------------------------------

def name_in(names: pd.DataFrame, code: str, lang: str) -> str:
    """An area's name in `lang` (Thai when the English one is missing); `names` by code."""
    if code not in names.index:
        return code
    return str(in_language(names.loc[code], "name", lang))


def names_in(names: pd.DataFrame, lang: str) -> pd.Series:
    """Code → name in `lang` for every area (Thai where the English name is missing)."""
    return in_language(names, "name", lang)


def count_programmes(count: int, lang: str) -> str:
    return t("ex_programmes_1", lang) if count == 1 else t("ex_programmes_n", lang, count=count)


def _in_sentence(text: str, lang: str) -> str:
    """A label (views.text.term) inside an English sentence starts in lower case."""
    return text[:1].lower() + text[1:] if lang == "en" else text


# --- drilling down ----------------------------------------------------------------------

def visible_codes(names: pd.DataFrame, level: str, area: str | None) -> list[str]:
    """Codes of the areas of `level` inside `area` (all of the country when None)."""
    rows = names[names["level"] == level]
    if area is not None:
        column = "province_code" if len(area) == 2 else "district_code"
        rows = rows[rows[column] == area]
    return rows["code"].tolist()


@dataclass(frozen=True)
class Extent:
    """What the map draws and where it zooms, from the drilled area and the place filters."""

    codes: list[str]  # areas drawn
    focus: list[str] | None  # areas the view fits to (None: all drawn)
    fit_key: str  # changes when the view should zoom again
    whole_country: bool  # drawn for the whole country (coarser shapes)


def map_extent(names: pd.DataFrame, level: str, area: str | None,
               allowed: set[str] | None) -> Extent:
    """The areas the explorer draws and zooms to.

    Drilled into an area: its children. Otherwise, with a province or region chosen, the
    map zooms to those provinces; finer levels draw only the areas inside them (the
    country's 7,425 tambons drawn grey would say nothing). With no place filter: the
    whole country.
    """
    codes = visible_codes(names, level, area)
    if area is not None:
        return Extent(codes, None, area, whole_country=False)
    if not allowed:
        return Extent(codes, None, "TH", whole_country=True)
    inside = [code for code in codes if code_at(code, "province") in allowed]
    key = "P:" + ",".join(sorted(allowed))
    if level == "province":
        return Extent(codes, inside, key, whole_country=True)
    return Extent(inside, None, key, whole_country=False)


def after_click(view: View, clicked: str | None) -> View:
    """The view after a click on drawn area `clicked`: one level deeper inside it, or,
    at the deepest step (a district's tambons), that tambon selected (again: unselected)."""
    if clicked is None or (view.area is not None and not clicked.startswith(view.area)):
        return view
    target = clicked[:len(view.area or "") + 2]
    if len(target) >= CODE_LENGTH["subdistrict"]:
        tambon = clicked[:CODE_LENGTH[drawn_level(view)]]
        return replace(view, selected=None if view.selected == tambon else tambon)
    return consistent(replace(view, area=target, selected=None))


def go_up(view: View, area: str | None) -> View:
    """Back to `area` (an ancestor of the drilled one, or None for the whole country)."""
    return consistent(replace(view, area=area, selected=None))


def breadcrumb(area: str | None, names: pd.DataFrame, lang: str) -> list[tuple[str | None, str]]:
    """(code, name) from the country down to the drilled area; the country's code is None."""
    crumbs: list[tuple[str | None, str]] = [(None, t("ex_country", lang))]
    for length in (2, 4):
        if area is not None and len(area) >= length:
            crumbs.append((area[:length], name_in(names, area[:length], lang)))
    return crumbs


# --- figures and tooltips ---------------------------------------------------------------

def province_regions(provinces: pd.DataFrame) -> pd.DataFrame:
    """province_code, region_en for `filter_coverage`, from the province layer."""
    return pd.DataFrame({"province_code": provinces["code"].astype(str),
                         "region_en": provinces["region_en"].astype(str)})


def wider_lines(coverage: pd.DataFrame, level: str, codes: Iterable[str],
                names: pd.DataFrame, lang: str) -> dict[str, list[str]]:
    """Tooltip lines naming the programmes that cover a shown area's province or district
    as a whole: those rows name no area of `level`, so they are told, never spread."""
    codes = list(codes)
    provinces = {code_at(code, "province") for code in codes}
    wider = wider_programmes(coverage[coverage["province_code"].isin(provinces)], level)
    if not wider:
        return {}
    named = names_in(names.loc[names.index.intersection(list(wider))], lang)
    lines = {
        code: t("ex_wider_line", lang, scope=t(f"ex_whole_{level_of(code)}", lang),
                name=str(named.get(code, code)), count=count_programmes(len(ids), lang))
        for code, ids in wider.items()
    }
    result: dict[str, list[str]] = {}
    for code in codes:
        found = [lines[wider] for wider in ancestors(code) if wider in lines]
        if found:
            result[code] = found
    return result


def wider_summary(coverage: pd.DataFrame, level: str, area: str | None,
                  programmes: pd.DataFrame, names: pd.DataFrame, lang: str) -> list[str]:
    """Sentences for the drilled area's ancestors covered as a whole (shown under the map)."""
    if area is None:
        return []
    wider = wider_programmes(coverage, level)
    titles = programme_titles(programmes, lang)
    sentences = []
    for code in (*ancestors(area), area):
        if code in wider:
            named = "; ".join(sorted(titles.get(pid, str(pid)) for pid in wider[code]))
            sentences.append(t("ex_wider_sentence", lang,
                               scope=t(f"ex_whole_{level_of(code)}", lang),
                               name=name_in(names, code, lang),
                               count=count_programmes(len(wider[code]), lang),
                               level=t(level, lang).lower(), titles=named))
    return sentences


# --- the table of areas -----------------------------------------------------------------

def rows_in_view(coverage: pd.DataFrame, area: str | None) -> pd.DataFrame:
    """Coverage inside the drilled area, plus rows covering one of its ancestors whole."""
    if area is None:
        return coverage
    area_level = level_of(area)
    inside = coverage[CODE_COLUMN[area_level]] == area
    whole = coverage["level"].isin(LEVELS[:LEVELS.index(area_level) + 1]) & \
        coverage["area_code"].isin((*ancestors(area), area))
    return coverage[inside.fillna(False).astype(bool) | whole]


def _per_area(keys: np.ndarray, count: int, values: pd.Series) -> list[list]:
    """For each of `count` areas, its distinct non-missing values, sorted. Deduplicates on
    integer codes first, so the Python loop runs over distinct facts, never over rows."""
    value_codes, uniques = pd.factorize(values, use_na_sentinel=True)
    present = value_codes >= 0
    width = len(uniques) + 1
    pairs = pd.unique(keys[present].astype(np.int64) * width + value_codes[present])
    uniques = np.asarray(uniques, dtype=object)
    buckets: list[list] = [[] for _ in range(count)]
    for key, value in zip((pairs // width).tolist(), (pairs % width).tolist(), strict=True):
        buckets[key].append(uniques[value])
    return [sorted(bucket) for bucket in buckets]


def _table_keys(rows: pd.DataFrame, level: str) -> pd.Series:
    """The table row each coverage row belongs to: its area of `level`, or the wider
    area it covers as a whole."""
    return rows[CODE_COLUMN[level]].where(~coarser_than(rows, level), rows["area_code"])


def most_covered_codes(coverage: pd.DataFrame, level: str, area: str | None,
                       limit: int = SHOWN_ROWS) -> tuple[list[str], int]:
    """Codes of the `limit` table rows with the most programmes (by code among equals),
    and how many rows the whole table has: what the page shows without building it all."""
    rows = rows_in_view(coverage, area)
    if rows.empty:
        return [], 0
    counts = rows.groupby(_table_keys(rows, level))["programme_id"].nunique()
    ranked = counts.sort_values(ascending=False, kind="stable")
    return [str(code) for code in ranked.index[:limit]], len(counts)


def area_rows(coverage: pd.DataFrame, programmes: pd.DataFrame, names: pd.DataFrame,
              level: str, area: str | None, lang: str,
              only: Collection[str] | None = None) -> pd.DataFrame:
    """One row per area of `level` with programmes in it, and one per wider area (province
    or district) covered as a whole; columns TABLE_COLUMNS, sorted by code. `only`: just
    the rows of these codes (what the page shows; the downloads hold every row)."""
    rows = rows_in_view(coverage, area)
    key = _table_keys(rows, level) if not rows.empty else None
    if only is not None and key is not None:
        wanted = key.isin(set(only))
        rows, key = rows[wanted], key[wanted]
    if rows.empty:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in TABLE_COLUMNS})
    keys, key_names = pd.factorize(key)
    count = len(key_names)
    titles = programme_titles(programmes, lang)
    statuses = {value: term("coverage_status", value, lang)
                for value in rows["status"].dropna().unique()}
    programme_ids = _per_area(keys, count, rows["programme_id"])
    files = _per_area(keys, count, rows["source_file"])
    by_file = {document["file_name"]: S.document_label(document, lang)
               for document in S.documents(rows).to_dict("records")}
    table = pd.DataFrame({
        "code": np.asarray(key_names, dtype=object),
        "programme_count": [len(ids) for ids in programme_ids],
        "programmes": ["; ".join(sorted(titles.get(int(pid), str(pid)) for pid in ids))
                       for ids in programme_ids],
        "statuses": [", ".join(statuses[s] for s in found)
                     for found in _per_area(keys, count, rows["status"])],
        "years": [year_spans(int(y) + BE_OFFSET for y in found)
                  for found in _per_area(keys, count, rows["year"])],
        "sources": ["; ".join(by_file[name] for name in found) for found in files],
        "source_files": [" ".join(found) for found in files],
    }).sort_values("code")

    table = table.reset_index(drop=True)
    codes = table["code"].astype(str)
    table["scope"] = t(level, lang)
    for wider in LEVELS[:LEVELS.index(level)]:
        table.loc[codes.str.len() == CODE_LENGTH[wider], "scope"] = t(f"ex_whole_{wider}", lang)
    district_codes = codes.str[:CODE_LENGTH["district"]]
    province_codes = codes.str[:CODE_LENGTH["province"]]
    wanted = pd.Index(pd.concat([codes, district_codes, province_codes]).unique())
    names = names.loc[names.index.intersection(wanted)]
    in_lang = names_in(names, lang)
    table["name_th"] = codes.map(names_in(names, "th")).fillna(codes)
    table["name_en"] = codes.map(names_in(names, "en")).fillna(codes)
    table["district"] = district_codes.map(in_lang).where(
        codes.str.len() > CODE_LENGTH["district"], "")
    table["province"] = province_codes.map(in_lang).where(
        codes.str.len() > CODE_LENGTH["province"], "")
    table["programme_count"] = table["programme_count"].astype(int)
    return table[list(TABLE_COLUMNS)].fillna("")


def selected_lines(code: str, rows: pd.DataFrame, coverage: pd.DataFrame, level: str,
                   names: pd.DataFrame, lang: str) -> str:
    """Plain text about the highlighted area: names, its programmes, wider coverage."""
    lines = [f"{name_in(names, code, 'th')} / {name_in(names, code, 'en')} ({code})"]
    own = rows[rows["code"] == code]
    if own.empty:
        lines.append(t("no_data", lang))
    else:
        row = own.iloc[0]
        lines.append(f"{t('programme_count', lang)}: {row['programme_count']}")
        lines.append(str(row["programmes"]))
        if row["years"]:
            lines.append(f"{t('ex_years', lang)}: {row['years']}")
    lines.extend(wider_lines(coverage, level, [code], names, lang).get(code, []))
    return "\n".join(lines)


def most_covered(table: pd.DataFrame, count_column: str) -> pd.DataFrame:
    """A part of a long table in the order it was chosen in (most_covered_codes): most
    programmes first, by code among equals."""
    return table.sort_values(count_column, ascending=False, kind="stable")


def localised(table: pd.DataFrame, lang: str, *, exported: bool = False) -> pd.DataFrame:
    """The table with headers in `lang`, as shown, or as `exported` with the identifiers
    only an export carries."""
    if not exported:
        table = table.drop(columns=[c for c in EXPORT_ONLY_COLUMNS if c in table])
    return table.rename(columns={column: t(HEADERS[column], lang) for column in table})


def year_spans(years: Iterable[int]) -> str:
    """Years as short runs: 2558, 2560–2562."""
    ordered = sorted(set(years))
    runs: list[list[int]] = []
    for year in ordered:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


# --- counted claims and unresolved places -----------------------------------------------

def relevant_claims(claims: pd.DataFrame, programme_ids: Iterable[int], area: str | None,
                    allowed: set[str] | None) -> pd.DataFrame:
    """Claims of the chosen programmes about the view: inside or around the drilled area,
    inside the provinces the place filters leave; country-wide claims only when the view
    is the whole country with no place filter."""
    rows = claims[claims["programme_id"].isin(list(programme_ids))]
    within = rows["within_code"].fillna("").astype(str)
    mask = pd.Series(True, index=rows.index)
    if area is not None:
        mask &= within.str.startswith(area) | within.isin((*ancestors(area), area))
    if allowed is not None:
        mask &= within.str[:CODE_LENGTH["province"]].isin(allowed)
    return rows[mask]


def claim_text(claim: Mapping, lang: str, programme_title: str) -> str:
    """'95 ตำบล ในจังหวัดกาญจนบุรี …': a count, with no areas behind it."""
    figure = qualified(float(claim["value"]), claim.get("qualifier"), lang)
    measure = _in_sentence(term("measure", claim["measure"], lang), lang)
    within_code = claim.get("within_code")
    place = t("ex_nationwide", lang)
    if isinstance(within_code, str) and within_code:
        name = in_language(claim, "within_name", lang)
        name = name if isinstance(name, str) and name else within_code
        place = t("ex_within", lang, scope=t(claim.get("within_level") or "province", lang),
                  name=name)
    as_of = when_or_none(claim.get("as_of"))
    when = t("ex_as_of", lang, date=as_of.format(lang)) if as_of else ""
    kind = _in_sentence(term("kind", claim["kind"], lang), lang)
    return t("ex_claim_line", lang, figure=figure, measure=measure, place=place, kind=kind,
             when=when, title=programme_title)


def unresolved_mentions(mentions: pd.DataFrame, programme_ids: Iterable[int],
                        area: str | None, allowed: set[str] | None) -> pd.DataFrame:
    """Ambiguous or unknown place names of the chosen programmes that could lie in view."""
    rows = mentions[mentions["programme_id"].isin(list(programme_ids))]
    keep = []
    for candidates in rows["candidate_codes"].fillna(""):
        codes = str(candidates).split()
        in_area = area is None or any(code.startswith(area) for code in codes)
        in_allowed = allowed is None or any(code_at(code, "province") in allowed for code in codes)
        keep.append(in_area and in_allowed)
    return rows[np.array(keep, dtype=bool)] if len(rows) else rows


def mention_text(mention: Mapping, names: pd.DataFrame, lang: str,
                 programme_title: str) -> str:
    """'"ตำบลหนองแคน" could be หนองแคน (อำเภอ…, จังหวัด…) [450303] or …': never guessed."""
    candidates = [
        t("ex_candidate", lang, name=name_in(names, code, lang),
          district=name_in(names, code_at(code, "district"), lang),
          province=name_in(names, code_at(code, "province"), lang),
          code=code)
        for code in str(mention.get("candidate_codes") or "").split()
    ]
    key = "ex_mention_ambiguous" if candidates else "ex_mention_unknown"
    return t(key, lang, name=mention["name_as_written"],
             candidates=t("ex_or", lang).join(candidates), title=programme_title)


def year_bounds(coverage: pd.DataFrame) -> tuple[int, int] | None:
    """The CE years coverage rows carry, (first, last); None when none has a year."""
    years = coverage["year"].dropna()
    return (int(years.min()), int(years.max())) if len(years) else None


def known_only(view: View, options: Mapping[str, Mapping[str, str]],
               years: tuple[int, int] | None, area_codes: Container[str]) -> View:
    """Drops filter values and areas the registry or boundaries do not know (an old or
    edited link); a year range is clipped to the years in the data, and covering all of
    them means no year filter."""
    f = view.filters
    if view.area is not None and view.area not in area_codes:
        view = replace(view, area=None, selected=None)
    if view.selected is not None and view.selected not in area_codes:
        view = replace(view, selected=None)


    year_range = None
    if f.years and years:
        low, high = max(f.years[0], years[0]), min(f.years[1], years[1])
        if low > high:
            low, high = (years[0], years[0]) if f.years[1] < years[0] else (years[1], years[1])
        year_range = None if (low, high) == years else (low, high)
    filters = Filters(
        **{entry.field: tuple(value for value in f.of(entry) if value in options[entry.key])
           for entry in F.FILTERS if entry.key in options},
        years=year_range, include_synthetic=f.include_synthetic,
    )
    return replace(view, filters=filters)


def view_in_words(view: View, options: Mapping[str, Mapping[str, str]],
                  names: pd.DataFrame, lang: str) -> dict[str, str]:
    """The view as a reader says it: one line per filter set ("Province: Kanchanaburi"),
    the level and the drilled area; every other filter is "All"."""
    f = view.filters
    words = {t(entry.words, lang): ", ".join(options[entry.key].get(value, value)
                                             for value in f.of(entry)) or t("ex_any", lang)
             for entry in F.FILTERS if entry.key in options}
    words[t("ex_years", lang)] = (f"{f.years[0] + BE_OFFSET}–{f.years[1] + BE_OFFSET}"
                                  if f.years else t("ex_any", lang))
    words[t("ex_synthetic", lang)] = t("yes" if f.include_synthetic else "no", lang)
    words[t("ex_level", lang)] = t(drawn_level(view), lang)
    words[t("ex_area", lang)] = " › ".join(name for _, name in breadcrumb(view.area, names,
                                                                          lang))
    return words


# --- helpers ----------------------------------------------------------------------------

