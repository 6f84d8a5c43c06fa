"""Coverage choropleths: figures per area → a map layer with legend and tooltips.

Overview, explorer, programme pages and presenter mode all draw their maps
through `coverage_layer`, so they colour, label and escape the same way.
"""

from __future__ import annotations

import numbers
from collections.abc import Collection, Mapping, Sequence

import folium
import pandas as pd

from geo import EncodedShapes, Legend, choropleth
from views.classes import Classes, classify
from views.text import localised, t

# Pale green, apart from the blue counts and the grey of no data: inside a covered whole.
PARENT_COVERED_COLOUR = "#cfe8c4"


def coverage_layer(
    shapes: EncodedShapes,
    figures: pd.DataFrame,
    names: pd.DataFrame,
    lang: str,
    *,
    value_column: str = "programmes",
    value_label: str | None = None,
    scheme: str = "natural_breaks",
    k: int = 5,
    palette: str = "blue",
    selected: Sequence[str] = (),
    fit_key: str = "",
    extra_lines: Mapping[str, Sequence[str]] | None = None,
    classes: Classes | None = None,
    parent_covered: Collection[str] = (),
    labels: Sequence[tuple[float, float, str]] = (),
    locator: str = "",
) -> folium.FeatureGroup:
    """A layer colouring `shapes` by `figures[value_column]` (indexed by `code` column).

    `names` has code, name_th, name_en for every area in `shapes`; `extra_lines`
    adds plain-text tooltip lines per code (escaped when the map is built). `classes`
    replaces the count classes (one programme's area in one colour): a covered area's
    tooltip then names its legend entry instead of a count. `labels` and `locator`
    go to the map as they are (geo.maps.choropleth). `parent_covered` areas lie in a
    province or district a programme covers as a whole: without a figure of their own
    they get their own colour and legend entry, not "no data".
    """
    value_label = value_label or t("programme_count", lang)
    values = dict(zip(figures["code"], figures[value_column], strict=True))
    fixed = classes is not None
    if classes is None:
        classes = classify(values, value_label, scheme=scheme, k=k, palette=palette,
                           no_data_label=t("no_data", lang))
    extra_lines = extra_lines or {}
    no_data = (classes.legend.entries[-1][1],)
    inherited = {code for code in parent_covered
                 if code in shapes.parts.index and code not in classes.fills}
    if inherited:
        classes = with_parent_covered(classes, inherited, t("covered_by_parent", lang))
    tooltips = {}
    for code, title in area_titles(names, shapes.parts.index, lang).items():
        value = values.get(code)
        if code in inherited:
            figure = ()  # the lines from `extra_lines` name the covering programmes
        elif not value:
            figure = no_data
        else:
            figure = (classes.legend.title,) if fixed else (f"{value_label}: {value:,.0f}",)
        tooltips[code] = (*title, *figure, *extra_lines.get(code, ()))
    return choropleth(shapes, classes.fills, tooltips, classes.legend, selected=selected,
                      fit_key=fit_key, labels=labels, locator=locator)


# More programmes than this in one area and the tooltip says how many others there are.
MAX_TOOLTIP_PROGRAMMES = 6


def programmes_by_area(coverage: pd.DataFrame, titles: Mapping[int, str], level: str,
                       lang: str) -> dict[str, list[str]]:
    """Tooltip lines naming the programmes with coverage in each area of `level`
    (plain text: the map escapes it), so a tap on an area says which, not only how many."""
    column = f"{level}_code"
    pairs = coverage[[column, "programme_id"]].dropna().drop_duplicates()
    lines: dict[str, list[str]] = {}
    for code, group in pairs.groupby(column, sort=False):
        named = sorted(titles.get(int(pid), str(pid)) for pid in group["programme_id"])
        shown = [f"• {title}" for title in named[:MAX_TOOLTIP_PROGRAMMES]]
        if len(named) > MAX_TOOLTIP_PROGRAMMES:
            shown.append(t("map_more_programmes", lang,
                           n=len(named) - MAX_TOOLTIP_PROGRAMMES))
        lines[str(code)] = shown
    return lines


def with_parent_covered(classes: Classes, codes: Collection[str], label: str) -> Classes:
    """`classes` with `codes` in the covered-by-a-wider-area colour, listed in the legend
    just before "no data"."""
    fills = {**classes.fills, **dict.fromkeys(codes, PARENT_COVERED_COLOUR)}
    entries = [*classes.legend.entries[:-1], (PARENT_COVERED_COLOUR, label),
               classes.legend.entries[-1]]
    return Classes(fills, Legend(classes.legend.title, entries))


def area_titles(names: pd.DataFrame, codes: pd.Index, lang: str) -> dict[str, tuple[str, ...]]:
    """Each area's name lines for its tooltip, in `lang` first, the other language second.

    Areas without a name get no tooltip. Built from whole columns (a national
    tambon map has 7,425 areas, redrawn at every filter change).
    """
    shown = names.drop_duplicates("code").set_index("code").reindex(codes)[["name_th", "name_en"]]
    shown = shown.fillna("")
    thai, english = shown["name_th"], shown["name_en"]
    first, second = (thai, english) if lang == "th" else (localised(shown, "name", lang), thai)
    return {code: (one, two) if two and two != one else (one,)
            for code, one, two in zip(codes.tolist(), first.tolist(), second.tolist(),
                                      strict=True) if one}


def chart_summary(title: str, rows: pd.DataFrame, most: int = 8) -> str:
    """A chart in one sentence for screen readers: its title, then label: value pairs of
    its first two columns ("… 2558: 1, 2562: 1")."""
    pairs = [f"{label}: {value:,.0f}" if isinstance(value, numbers.Number) else f"{label}: {value}"
             for label, value in rows.iloc[:most, :2].itertuples(index=False)]
    more = " …" if len(rows) > most else ""
    return f"{title}. {', '.join(pairs)}{more}"
