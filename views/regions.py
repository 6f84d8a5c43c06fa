"""The province map coloured by region: the first picture of the country."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo import Legend, tooltip_html
from views.text import t

REGION_COLOURS = {
    "North": "#66c2a5", "Northeast": "#fc8d62", "Central": "#8da0cb",
    "East": "#e78ac3", "West": "#a6d854", "South": "#ffd92f",
}


def region_fills(provinces: pd.DataFrame) -> dict[str, str]:
    return {code: REGION_COLOURS.get(region, "#cccccc")
            for code, region in zip(provinces["code"], provinces["region_en"], strict=True)}


def region_tooltips(provinces: pd.DataFrame, lang: str) -> dict[str, str]:
    label = t("region", lang)
    return {
        row.code: tooltip_html(
            row.name_th, row.name_en,
            [f"{label}: {row.region_th if lang == 'th' else row.region_en}"],
        )
        for row in provinces.itertuples()
    }


def region_legend(provinces: gpd.GeoDataFrame, lang: str) -> Legend:
    names = provinces.drop_duplicates("region_en").set_index("region_en")["region_th"]
    entries = [
        (colour, names.get(region, region) if lang == "th" else region)
        for region, colour in REGION_COLOURS.items()
    ]
    return Legend(t("provinces_by_region", lang), entries)
