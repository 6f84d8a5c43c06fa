"""Coverage choropleths: figures per area → a map layer with legend and tooltips.

Overview, explorer, programme pages and presenter mode all draw their maps
through `coverage_layer`, so they colour, label and escape the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import folium
import pandas as pd

from geo import EncodedShapes, choropleth, tooltip_html
from views.classes import classify
from views.text import t


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
) -> folium.FeatureGroup:
    """A layer colouring `shapes` by `figures[value_column]` (indexed by `code` column).

    `names` has code, name_th, name_en for every area in `shapes`; `extra_lines`
    adds tooltip lines per code (already plain text: they are escaped here).
    """
    value_label = value_label or t("programme_count", lang)
    values = dict(zip(figures["code"], figures[value_column], strict=True))
    classes = classify(values, value_label, scheme=scheme, k=k, palette=palette,
                       no_data_label=t("no_data", lang))
    extra_lines = extra_lines or {}
    shown = names[names["code"].isin(shapes.parts.index)]
    tooltips = {}
    for code, name_th, name_en in zip(shown["code"], shown["name_th"], shown["name_en"],
                                      strict=True):
        value = values.get(code)
        lines = [f"{value_label}: {value:,.0f}" if value else t("no_data", lang)]
        lines.extend(extra_lines.get(code, ()))
        first, second = (name_th, name_en) if lang == "th" else (name_en or name_th, name_th)
        tooltips[code] = tooltip_html(first, second, lines)
    return choropleth(shapes, classes.fills, tooltips, classes.legend, selected=selected,
                      fit_key=fit_key)
