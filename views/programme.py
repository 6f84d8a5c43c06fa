"""One programme on a page: its facts as the sources give them, and its map plan.

Everything here is pure (no Streamlit) so the programme pages and presenter mode
show exactly what these functions return, and tests check them against the real
seeded registry. Nothing is filled in that the sources do not say: a missing date
is "not stated in the source", a counted claim stays a count, an ambiguous place
stays unresolved with its candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from dates import BE_OFFSET, DateValue, format_when, limit_or_none, when_or_none
from geo.levels import LEVELS, PARENT, VILLAGE
from geo.payload import EncodedShapes
from registry.measures import measure_levels, measure_order
from views import sources as S
from views.classes import Classes, classify
from views.coverage import area_figures
from views.results import claim_title
from views.text import VOCABULARY, abbreviation_in, localised, qualified, t, term

NATIONAL = "national"
# A village is drawn as the tambon it lies in: the boundaries stop at tambons.
DRAWN_LEVEL = {**{level: level for level in LEVELS}, VILLAGE: PARENT[VILLAGE]}


def stated(kind: str, value: object, lang: str) -> str:
    """A code in words (views.text.term), or "not stated in the source" when it is missing."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return t("prog_not_stated", lang)
    return term(kind, value, lang)


# --- markdown ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: object) -> str:
    """Registry text made literal for st.markdown/st.title (no links, HTML, LaTeX, emoji)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


# --- choosing a programme ---------------------------------------------------------------


def chosen_slug(requested: str | None, slugs: list[str], *, allow_national: bool = False) -> str:
    """The programme the URL asks for, or the first one when it names none we know."""
    if allow_national and requested == NATIONAL:
        return NATIONAL
    if requested in slugs:
        return requested
    if allow_national or not slugs:
        return NATIONAL
    return slugs[0]


def title(programme: pd.Series, lang: str) -> str:
    return localised(programme, "title", lang)


def other_title(programme: pd.Series, lang: str) -> str | None:
    """The title in the other language, shown under the main one."""
    return programme["title_th"] if lang == "en" else programme["title_en"]


# --- dates ------------------------------------------------------------------------------


def be_date(value: object, lang: str) -> str:
    """A stored date in Buddhist Era at its precision, or "not stated in the source"."""
    return format_when(value, lang, missing=t("prog_not_stated", lang))


def period_text(start: object, end: object, limit: object, lang: str) -> str:
    """"มิ.ย. 2562 – พ.ค. 2567", "ไม่เกิน 3 ปี", or "not stated": only what the source gives."""
    first, last = when_or_none(start), when_or_none(end)
    duration = limit_or_none(limit)
    if first is None and last is None:
        return duration.format(lang) if duration else t("prog_not_stated", lang)
    if first is not None and last is not None and first.precision == last.precision:
        text = DateValue.span(first, last).format(lang)
    else:
        text = f"{be_date(start, lang)} – {be_date(end, lang)}"
    return f"{text} ({duration.format(lang)})" if duration else text


def date_facts(programme: pd.Series, lang: str) -> list[tuple[str, str]]:
    """(label, text) for the signing date and the period, in BE at their precision."""
    return [(t("prog_signed_on", lang), be_date(programme["signed_on"], lang)),
            (t("prog_period", lang), period_text(programme["start_on"], programme["end_on"],
                                                 programme.get("period_limit"), lang))]


def event_lines(events: pd.DataFrame, lang: str) -> list[str]:
    """"เวที 7–8 ก.ย. 2559: …": each dated event of a programme, oldest first."""
    lines = []
    for event in events.to_dict("records"):
        name = localised(event, "name", lang) or ""
        when = be_date(event["held"], lang)
        lines.append(f"{term('event', event['kind'], lang)} {when}" + (f": {name}" if name
                                                                       else ""))
    return lines


# --- partners, claims, places, sources --------------------------------------------------


def organisation_name(row: pd.Series, lang: str) -> str:
    name = localised(row, "organisation", lang)
    abbreviation = abbreviation_in(row.get("abbreviation"), lang)
    if abbreviation and abbreviation not in name:
        name = f"{name} ({abbreviation})"
    return name


def partners_in_order(partners: pd.DataFrame) -> pd.DataFrame:
    """Partner rows lead first (roles in the vocabulary's order), then by Thai name."""
    order = {role: i for i, role in enumerate(VOCABULARY["role"])}
    rows = partners.assign(_order=partners["role"].map(order).fillna(len(order)))
    return rows.sort_values(["_order", "organisation_th"]).drop(columns="_order")


def partner_table(partners: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Partners of one programme with their role, lead first, then by name."""
    rows = partners_in_order(partners)
    return pd.DataFrame({
        t("organisation", lang): [organisation_name(r, lang) for _, r in rows.iterrows()],
        t("prog_role", lang): [term("role", r, lang) for r in rows["role"]],
        t("prog_role_detail", lang): rows["description"].fillna("").tolist(),
        t("prog_source", lang): S.labels(rows, lang),
    })


def coverage_table(coverage: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The areas the sources list, by level then code; years in BE."""
    order = {level: i for i, level in enumerate(("province", "district", "subdistrict",
                                                 "village"))}
    rows = coverage.assign(_order=coverage["level"].map(order)).sort_values(["_order", "code"])
    first, second = ("name_th", "name_en") if lang == "th" else ("name_en", "name_th")
    return pd.DataFrame({
        t("level", lang): [t(level, lang) for level in rows["level"]],
        t("prog_code", lang): rows["code"].tolist(),
        t("prog_name", lang): [a or b for a, b in zip(rows[first], rows[second], strict=True)],
        t("status", lang): [stated("coverage_status", s, lang) for s in rows["status"]],
        t("prog_year", lang): [str(y + BE_OFFSET) if not pd.isna(y) else
                               t("prog_not_stated", lang) for y in rows["year"]],
        t("prog_source", lang): S.labels(rows, lang),
    })


def _within_name(row: pd.Series, lang: str) -> str:
    if row["within_code"] is None or pd.isna(row["within_code"]):
        return t("prog_no_area_named", lang)
    name = localised(row, "within_name", lang)
    return f"{name} ({row['within_code']})" if name else str(row["within_code"])


def _measure_order(claims: pd.DataFrame) -> pd.Series:
    """Each claim's measure's place in registry.measures; an unknown measure comes last."""
    order = measure_order()
    return claims["measure"].map(order).fillna(len(order))


def is_counted(claim: pd.Series) -> bool:
    """A count of areas the source does not list (e.g. "95 tambons"): never drawn."""
    return claim["measure"] in measure_levels() or (
        claim["level"] is not None and not pd.isna(claim["level"]))


def claim_table(claims: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Target beside the newest reported figures for each indicator (what is counted, where)
    and period, with their dates; context figures apart; qualifiers kept; counts marked."""
    columns = [t("prog_measure", lang), t("area", lang), term("kind", "target", lang),
               term("kind", "actual", lang), t("as_of", lang), term("kind", "context", lang),
               t("prog_note", lang)]
    if claims.empty:
        return pd.DataFrame(columns=columns)
    keyed = claims.assign(_period=claims["period"].fillna(""),
                          _order=_measure_order(claims))
    keyed = keyed.sort_values("_order", kind="stable")
    rows = []
    for _indicator, group in keyed.groupby(["indicator_id", "_period"], sort=False):
        first = group.iloc[0]
        cells = {}
        for kind in ("target", "actual", "context"):
            of_kind = group[group["kind"] == kind]
            cells[kind] = "; ".join(qualified(v, q, lang) for v, q in
                                    zip(of_kind["value"], of_kind["qualifier"], strict=True))
        reported = group[group["kind"] == "actual"]
        as_of = [be_date(d, lang) for d in reported["as_of"] if d]
        context = cells["context"]
        if context:
            dated = [be_date(d, lang) for d in group.loc[group["kind"] == "context", "as_of"]
                     if d]
            context = f"{context} ({', '.join(dated)})" if dated else context
        rows.append([
            claim_title(first, lang) + (f" ({be_date(first['period'], lang)})"
                                        if first["_period"] else ""),
            _within_name(first, lang),
            cells["target"] or "—", cells["actual"] or "—", ", ".join(as_of) or "—",
            context or "—", t("prog_counted", lang) if is_counted(first) else "",
        ])
    return pd.DataFrame(rows, columns=columns)


def baseline_table(claims: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each indicator's baseline (the situation before the programme) with its date: kept
    apart from targets and reports, since a baseline is never progress."""
    columns = [t("prog_measure", lang), t("within", lang), t("edit_baseline", lang),
               t("as_of", lang)]
    if "baseline_value" not in claims or claims["baseline_value"].isna().all():
        return pd.DataFrame(columns=columns)
    rows = claims[claims["baseline_value"].notna()].drop_duplicates("indicator_id")
    return pd.DataFrame([[claim_title(row, lang), _within_name(row, lang),
                          qualified(float(row["baseline_value"]), row["baseline_qualifier"],
                                    lang), be_date(row["baseline_as_of"], lang)]
                         for _, row in rows.iterrows()], columns=columns)


def place_table(mentions: pd.DataFrame, gazetteer: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Places the source names but that fit several (or no) areas, with every candidate."""
    names = gazetteer.set_index("code")
    rows = []
    for row in mentions.itertuples():
        candidates = []
        for code in str(row.candidate_codes or "").split():
            candidates.append(_place_name(code, names, lang))
        rows.append([row.name_as_written, term("resolution", row.resolution, lang),
                     "; ".join(candidates) or "—",
                     S.document_label(S.details_of(row._asdict()), lang)])
    return pd.DataFrame(rows, columns=[
        t("name_as_written", lang), t("prog_resolution", lang),
        t("candidates", lang), t("prog_source", lang)])


def _place_name(code: str, names: pd.DataFrame, lang: str) -> str:
    """`450303 หนองแคน, ปทุมรัตต์, ร้อยเอ็ด` — the code and its chain of names."""
    parts, current = [], code
    while current in names.index:
        entry = names.loc[current]
        parts.append(localised(entry, "name", lang))
        parent = entry["parent_code"]
        current = parent if isinstance(parent, str) else None
    return f"{code} {', '.join(parts)}" if parts else code


def citations(lang: str, **facts: pd.DataFrame) -> pd.DataFrame:
    """Every quote behind a fact on the page: (file, document, note, fact, quote), where
    `document` is the title · publisher · date a reader cites and `note` the dashboard's
    own note on those details (never the document's words)."""
    rows = []
    for kind, frame in facts.items():
        for _, row in frame.iterrows():
            details = S.details_of(row)
            rows.append((row["source_file"], S.document_label(details, lang, with_url=True),
                         S.product_note(details, lang), _fact_label(kind, row, lang),
                         row["source_quote"]))
    table = pd.DataFrame(rows, columns=["file", "document", "note", "fact", "quote"])
    return table.sort_values(["file", "fact"], kind="stable", ignore_index=True)


# views/text.py words naming each kind of fact a quote stands behind
FACT_WORDS = {"partners": "partner", "coverage": "area", "claims": "prog_fact_claims",
              "place_mentions": "prog_fact_place_mentions", "networks": "prog_fact_networks",
              "events": "prog_fact_events"}


def _fact_label(kind: str, row: pd.Series, lang: str) -> str:
    label = t(FACT_WORDS[kind], lang)
    if kind == "partners":
        return f"{label}: {organisation_name(row, lang)}"
    if kind == "coverage":
        return f"{label}: {localised(row, 'name', lang)} ({row['code']})"
    if kind == "claims":
        figure = qualified(row["value"], row["qualifier"], lang)
        return f"{label}: {claim_title(row, lang)} {figure} ({term('kind', row['kind'], lang)})"
    if kind == "events":
        return f"{label}: {term('event', row['kind'], lang)} {be_date(row['held'], lang)}"
    if kind == "place_mentions":
        return f"{label}: {row['name_as_written']}"
    return label


# --- the map ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MapPlan:
    """Which level to draw, which areas, which to colour and where to zoom."""

    level: str
    draw: tuple[str, ...]  # every area drawn (the context), coloured or not
    focus: tuple[str, ...]  # the areas the view fits to
    figures: tuple[tuple[str, int], ...]  # (code, programmes) of coloured areas
    selected: tuple[str, ...]  # outlined: the programme's own areas
    national: bool

    @property
    def coloured(self) -> tuple[str, ...]:
        return tuple(code for code, value in self.figures if value > 0)

    def figure_frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.figures), columns=["code", "programmes"]).astype(
            {"code": "string", "programmes": "int64"})

    @property
    def fit_key(self) -> str:
        return f"{self.level}:{','.join(self.focus[:20])}:{len(self.focus)}"


def _level_codes(areas: pd.DataFrame, level: str) -> pd.DataFrame:
    return areas[areas["level"] == level]


def national_plan(coverage: pd.DataFrame, areas: pd.DataFrame) -> MapPlan:
    """Every province, coloured by how many of the given programmes work there."""
    provinces = tuple(sorted(_level_codes(areas, "province")["code"]))
    figures = area_figures(coverage, "province") if not coverage.empty else None
    pairs = () if figures is None else tuple(
        (str(c), int(v)) for c, v in zip(figures["code"], figures["programmes"], strict=True))
    return MapPlan("province", provinces, provinces, pairs, (), national=True)


def map_plan(coverage: pd.DataFrame, areas: pd.DataFrame) -> MapPlan:
    """The map of one programme, decided by its coverage rows alone.

    - no coverage rows (only counts, e.g. "900 villages nationwide") → the national
      picture with nothing coloured;
    - a province-wide row, or areas in more than one province → provinces, coloured
      where the programme works, zoomed to them;
    - otherwise (districts, tambons, villages inside one province) → the coarsest of
      those levels, drawn within the parents of the covered areas (the province for
      districts, the districts for tambons), zoomed to them, the covered areas outlined.
    A coarser row is never spread over finer areas: the level is the coarsest present.
    """
    if coverage.empty:
        return national_plan(coverage, areas)
    levels = {DRAWN_LEVEL[level] for level in coverage["level"]}
    if "province" in levels or coverage["province_code"].nunique() > 1:
        level = "province"
    else:
        level = min(levels, key=LEVELS.index)
    figures = area_figures(coverage, level)
    covered = tuple(str(code) for code in figures["code"])
    pairs = tuple((str(c), int(v)) for c, v in
                  zip(figures["code"], figures["programmes"], strict=True))
    layer = _level_codes(areas, level)
    if level == "province":
        draw = tuple(sorted(layer["code"]))
        focus = covered
    else:
        parents = {code[: len(code) - 2] for code in covered}
        draw = tuple(sorted(layer.loc[layer["parent_code"].isin(parents), "code"]))
        focus = draw or covered
    return MapPlan(level, draw, focus, pairs, covered, national=False)


def plan_classes(plan: MapPlan, lang: str, palette: str = "blue") -> Classes:
    """The colours and legend of the plan, exactly as views.maps.coverage_layer draws them
    (so the exported one-pager matches the web map)."""
    return classify(dict(plan.figures), t("programme_count", lang), palette=palette,
                    no_data_label=t("no_data", lang))


def fit_to(shapes: EncodedShapes, codes: tuple[str, ...]) -> EncodedShapes:
    """The same shapes, but the map fits to `codes` only (the rest is context)."""
    keep = shapes.bounds.index.intersection(pd.Index(list(codes)))
    if keep.empty:
        return shapes
    return EncodedShapes(shapes.quantum, shapes.parts, shapes.bounds.loc[keep])


# --- key figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    note: str = ""


def programme_kpis(partners: pd.DataFrame, coverage: pd.DataFrame, claims: pd.DataFrame,
                   lang: str) -> list[Kpi]:
    """Partners, covered areas by level, then every claim (targets and counts as such)."""
    kpis = [Kpi(t("partner_organisations", lang), str(partners["organisation_id"].nunique()))]
    for level in ("province", "district", "subdistrict", "village"):
        count = int((coverage["level"] == level).sum())
        if count:
            kpis.append(Kpi(t(f"plural.{level}", lang), f"{count:,}", t("prog_kpi_listed", lang)))
    # Context figures (the situation before or around the programme) are no key figure of it.
    own = claims[claims["kind"] != "context"]
    ordered = own.assign(_order=_measure_order(own))
    for _, claim in ordered.sort_values(["_order", "kind"], kind="stable").iterrows():
        notes = [t("prog_counted", lang)] if is_counted(claim) else []
        if when_or_none(claim.get("as_of")):  # a figure says as of when, its own date
            notes.append(t("ex_as_of", lang, date=be_date(claim["as_of"], lang)).strip())
        kpis.append(Kpi(_claim_label(claim, lang),
                        qualified(claim["value"], claim["qualifier"], lang), " · ".join(notes)))
    return kpis


def national_kpis(programmes: pd.DataFrame, partners: pd.DataFrame, coverage: pd.DataFrame,
                  lang: str) -> list[Kpi]:
    """The country in a few figures: programmes, partners and the areas programmes name.

    No figure adds one programme's count to another's or sets it beside another's target:
    targets and reported figures are per programme (views.results).
    """
    kpis = [Kpi(t("plural.programmes", lang), str(len(programmes))),
            Kpi(t("partner_organisations", lang), str(partners["organisation_id"].nunique()))]
    kpis.append(Kpi(t("prog_kpi_provinces", lang),
                    str(coverage["province_code"].dropna().nunique()),
                    t("prog_kpi_listed", lang)))
    tambons = coverage["subdistrict_code"].dropna().nunique()
    if tambons:
        kpis.append(Kpi(t("prog_kpi_tambons", lang), str(tambons), t("prog_kpi_listed", lang)))
    return kpis


def _claim_label(claim: pd.Series, lang: str) -> str:
    """"ตำบลต้นแบบ (เป้าหมาย)": a target and a reported figure of one measure stay apart."""
    return f"{claim_title(claim, lang)} ({term('kind', claim['kind'], lang)})"
