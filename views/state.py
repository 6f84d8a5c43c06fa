"""The map explorer's view kept in the URL query string, so a shared link reproduces it.

URL contract (the benchmark and shared links rely on it):
level=province|district|subdistrict, area=<code of the drilled area>,
selected=<code of a highlighted area>, one parameter per filter of views/filters.py
(programme=<slug,…>, theme=<theme,…>, partner=<organisation slug,…>, region=<region_en,…>,
province=<code,…>, status=<status,…>), years=<BE-BE>, scheme=<classes scheme>,
k=<class count>, synthetic=1. `lang` belongs to ui/lang.py and is never touched here.

Only values that differ from the default are written. Reading never fails: an
unknown or malformed value is dropped and its default used, because a link may
be old, hand-edited or truncated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from dates import be_year, ce_year_of
from geo.levels import CODE_LENGTH, LEVELS, children_level, level_of
from views import filters as F
from views.classes import MAX_CLASSES, SCHEMES
from views.filters import Filters

DEFAULT_SCHEME = "natural_breaks"
DEFAULT_K = 5
MIN_CLASSES = 2
# Years a link may name, in CE: anything else is a typo.
FIRST_YEAR, LAST_YEAR = 1900, 2200
_AREA = re.compile(r"^\d{2}(\d{2})?$")
_SELECTED = re.compile(r"^\d{2}(\d{2}){0,2}$")


@dataclass(frozen=True)
class View:
    """Everything that decides what the explorer shows."""

    filters: Filters = field(default_factory=Filters)
    level: str = "province"  # the finest level the planner asked for
    area: str | None = None  # the drilled-into province or district
    selected: str | None = None  # an area highlighted on the map
    scheme: str = DEFAULT_SCHEME
    k: int = DEFAULT_K


def url_keys() -> tuple[str, ...]:
    """Every query parameter the explorer owns, in the order written."""
    return ("level", "area", "selected", *(entry.key for entry in F.FILTERS), "years",
            "scheme", "k", "synthetic")


def encode(view: View) -> dict[str, str]:
    """Query parameters for `view`: only what differs from the default."""
    f = view.filters
    params = {
        "level": view.level if view.level != "province" else "",
        "area": view.area or "",
        "selected": view.selected or "",
        **{entry.key: ",".join(f.of(entry)) for entry in F.FILTERS},
        "years": f"{be_year(f.years[0])}-{be_year(f.years[1])}" if f.years else "",
        "scheme": view.scheme if view.scheme != DEFAULT_SCHEME else "",
        "k": str(view.k) if view.k != DEFAULT_K else "",
        "synthetic": "1" if f.include_synthetic else "",
    }
    return {key: value for key, value in params.items() if value}


def _text(params: Mapping[str, object], key: str) -> str:
    value = params.get(key, "")
    if isinstance(value, list | tuple):  # a repeated key: the last one wins, as in Streamlit
        value = value[-1] if value else ""
    return str(value).strip()


def _tokens(params: Mapping[str, object], key: str, pattern: re.Pattern) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for token in _text(params, key).split(","):
        token = token.strip()
        if pattern.match(token):
            seen.setdefault(token)
    return tuple(seen)


def _ce(year_text: str) -> int | None:
    """A 4-digit year; above 2400 it is BE (พ.ศ.), as everywhere in the project."""
    if not (len(year_text) == 4 and year_text.isascii() and year_text.isdigit()):
        return None
    year = ce_year_of(int(year_text))
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def _years(text: str) -> tuple[int, int] | None:
    parts = [part.strip() for part in re.split(r"[-–]", text, maxsplit=1)] if text else []
    years = [_ce(part) for part in parts]
    if not years or None in years:
        return None
    return (min(years), max(years))


def _level(text: str) -> str:
    return text if text in LEVELS else "province"


def _k(text: str) -> int:
    return int(text) if text.isdigit() and MIN_CLASSES <= int(text) <= MAX_CLASSES else DEFAULT_K


def decode(params: Mapping[str, object]) -> View:
    """The view a URL describes; anything unreadable falls back to its default."""
    area = _text(params, "area")
    area = area if _AREA.match(area) else None
    selected = _text(params, "selected")
    filters = Filters(
        **{entry.field: _tokens(params, entry.key, entry.token) for entry in F.FILTERS},
        years=_years(_text(params, "years")),
        include_synthetic=_text(params, "synthetic") == "1",
    )
    view = View(
        filters=filters,
        level=_level(_text(params, "level")),
        area=area,
        selected=selected if _SELECTED.match(selected) else None,
        scheme=_text(params, "scheme") if _text(params, "scheme") in SCHEMES
        else DEFAULT_SCHEME,
        k=_k(_text(params, "k")),
    )
    return consistent(view)


def drawn_level(view: View) -> str:
    """The level drawn: the one asked for, or the drilled area's children if finer."""
    if view.area is None:
        return view.level
    area_level = level_of(view.area)
    child = area_level if area_level == LEVELS[-1] else children_level(area_level)
    return max(view.level, child, key=LEVELS.index)


def consistent(view: View) -> View:
    """Drops a selection that is not one of the areas drawn."""
    selected = view.selected
    if selected is not None and (
        len(selected) != CODE_LENGTH[drawn_level(view)]
        or (view.area is not None and not selected.startswith(view.area))
    ):
        return replace(view, selected=None)
    return view

