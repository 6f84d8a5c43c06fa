"""What a presenter's slide shows beyond the programme page: the map's place names, its
locator, the legend of one programme's area, the partners by name (with their logos) and
where "Leave" goes.

Shared by presenter mode (web) and the one-pager (PNG/PDF), so both carry the same.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable

import geopandas as gpd
import pandas as pd

from geo import Legend
from geo.maps import NO_DATA_COLOUR
from views import programme as P
from views.classes import PALETTES, Classes
from views.text import localised, t

# More areas than this and only the programme's own are named (names would overlap).
MAX_LABELS = 40
# Pages a presenter may have come from, as `?from=` names them → their page file.
RETURN_PAGES = {"overview": "pages/overview.py", "programme": "pages/programme.py",
                "explorer": "pages/explorer.py", "partners": "pages/partners.py"}


def slide_classes(plan: P.MapPlan, lang: str, palette: str) -> Classes:
    """One programme's areas in one colour titled "Programme area" (a count of 1 says
    nothing); the national view keeps its classes of programme counts."""
    if plan.national:
        return P.plan_classes(plan, lang, palette)
    colour = PALETTES[palette][1][0]
    fills = dict.fromkeys(plan.coloured, colour)
    legend = Legend(t("slide_programme_area", lang),
                    [(colour, t("slide_programme_area", lang)),
                     (NO_DATA_COLOUR, t("slide_outside", lang))])
    return Classes(fills, legend)


def label_names(plan: P.MapPlan, names: pd.DataFrame, lang: str) -> dict[str, str]:
    """Code → place name written on the map: the programme's areas, and every area drawn
    when the map is zoomed to a few (a province's districts or a district's tambons)."""
    codes = list(plan.coloured)
    if not plan.national and plan.level != "province" and len(plan.draw) <= MAX_LABELS:
        codes = list(plan.draw)
    shown = names.drop_duplicates("code").set_index("code").reindex(codes)
    chosen = localised(shown, "name", lang).fillna("")
    return {code: name for code, name in chosen.items() if name}


def map_summary(plan: P.MapPlan, names: pd.DataFrame, lang: str) -> str:
    """The map in a sentence (its text alternative): how many areas, and which."""
    named = label_names(plan, names, lang)
    places = [named[code] for code in plan.coloured if code in named]
    return t("slide_map_summary", lang, count=len(plan.coloured),
             places=", ".join(places) or "—")


def zoomed_in(plan: P.MapPlan) -> bool:
    """Whether the map shows less than the whole country (so a locator helps)."""
    return not plan.national


def partners_on_stage(partners: pd.DataFrame, logos: pd.DataFrame,
                      lang: str) -> list[tuple[str, bytes]]:
    """The organisations on stage, lead first (as the programme page lists them): each
    name with the logo an admin uploaded for it (its checked image bytes; b"" for none)."""
    if partners.empty:
        return []
    rows = P.partners_in_order(partners.drop_duplicates("organisation_id"))
    content = dict(zip(logos["organisation_id"], logos["content"], strict=True)) \
        if len(logos) else {}
    return [(P.organisation_name(row, lang), bytes(content.get(row["organisation_id"], b"")))
            for _, row in rows.iterrows()]


def logo_uri(content: bytes) -> str:
    """A logo as a data URI: shown with no request to anywhere (its type read from the
    bytes, which registry.logos stored only as PNG or JPEG)."""
    media_type = "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"
    return f"data:{media_type};base64,{base64.b64encode(content).decode('ascii')}"


def partners_html(title: str, partners: list[tuple[str, bytes]]) -> str:
    """The slide's list of partners, each logo (if any) beside its name; every name and
    the title escaped, the logos inline."""
    items = []
    for name, logo in partners:
        image = f'<img src="{logo_uri(logo)}" alt="">' if logo else ""
        items.append(f"<li>{image}<span>{html.escape(name)}</span></li>")
    return (f'<div class="slide-partners"><p><strong>{html.escape(title)}</strong></p>'
            f'<ul>{"".join(items)}</ul></div>')


def return_page(came_from: str | None, choice: str) -> tuple[str, dict[str, str]]:
    """The page (file) and query "Leave presenter mode" goes back to: the page named in
    `?from=`, else the programme's page, else the overview for the national view."""
    page = came_from if came_from in RETURN_PAGES else (
        "overview" if choice == P.NATIONAL else "programme")
    query = {"programme": choice} if page == "programme" and choice != P.NATIONAL else {}
    return RETURN_PAGES[page], query


def requested_unknown(requested: str | None, slugs: list[str], *,
                      allow_national: bool = False) -> bool:
    """A link that names a programme the registry does not hold (mistyped or removed)."""
    if not requested:
        return False
    return not (requested in slugs or (allow_national and requested == P.NATIONAL))


def bounds_of(layer: gpd.GeoDataFrame,
              codes: Iterable[str]) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) of the areas `codes` in a boundary layer (all when none)."""
    chosen = layer[layer["code"].isin(list(codes))]
    return tuple(float(v) for v in (chosen if len(chosen) else layer).total_bounds)
