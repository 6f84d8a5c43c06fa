"""Every filter a planner can set, declared once as data.

The explorer's sidebar and URL (pages/explorer.py, views/state.py), the partners page's
sidebar and the filtering itself (views/coverage.py) only iterate `FILTERS`, so a new
filter is one `Filter` entry here (its label is a words key of views/text.py). Each entry
says what its values are, where its choices come from, how it narrows the programmes or
the coverage rows, and the URL parameter that carries it.

The year range and the synthetic switch are not choices from a list; they stay fields of
`Filters` of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from views.text import abbreviation_in, localised, t, term

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
REGION_NAME = re.compile(r"^[A-Za-z][A-Za-z ]{0,39}$")
PROVINCE_CODE = re.compile(r"^\d{2}$")
REGION_ORDER = ("North", "Northeast", "Central", "East", "West", "South")


class Source(NamedTuple):
    """The registry frames choices are read from; `provinces` has code, name_th, name_en,
    region_en and region_th per province."""

    programmes: pd.DataFrame
    partners: pd.DataFrame
    coverage: pd.DataFrame
    provinces: pd.DataFrame


Choices = dict[str, str]  # value → label, in the order shown


@dataclass(frozen=True)
class Filter:
    """One filter. `choices` gives value → label in `lang`, in the order shown (the values,
    short codes and slugs, are what widgets and URLs carry). A filter narrows the programmes
    (`programmes(programmes, values, partners)` → mask), the coverage rows
    (`coverage(coverage, values, province_regions)` → mask, None when it cannot tell) or
    both; `provinces(values, province_regions)` names the provinces it keeps, for the map's
    extent and the figures shown beside it. `narrow(choices, source, chosen)` cuts the choices by
    what other filters hold (provinces by region)."""

    key: str  # URL parameter, widget key
    field: str  # the attribute of Filters holding the chosen values
    words: str  # views/text.py key of its label
    words_on: Mapping[str, str]  # another label on some page: page → words key
    choices: Callable[[Source, str], Choices]
    token: re.Pattern = SLUG  # what a value in a URL must look like
    programmes: Callable[[pd.DataFrame, tuple, pd.DataFrame], pd.Series] | None = None
    coverage: Callable[[pd.DataFrame, tuple, pd.DataFrame | None], pd.Series | None] | None \
        = None
    provinces: Callable[[tuple, pd.DataFrame], set[str]] | None = None
    narrow: Callable[[Choices, Source, Mapping[str, tuple]], Choices] | None = None
    pages: frozenset[str] = frozenset({"explorer", "partners"})


# --- choices ------------------------------------------------------------------------------

def programme_titles(programmes: pd.DataFrame, lang: str) -> dict[int, str]:
    """Programme id → title in `lang` (Thai where the English one is missing), badged when
    the programme is synthetic."""
    badge = t("synthetic_mark", lang)
    return {int(pid): f"{badge} {title}" if synthetic else str(title)
            for pid, title, synthetic in zip(programmes["programme_id"],
                                             localised(programmes, "title", lang),
                                             programmes["is_synthetic"], strict=True)}


def _by_label(choices: Iterable[tuple[str, str]]) -> Choices:
    return dict(sorted(choices, key=lambda item: item[1]))


def _programme_choices(source: Source, lang: str) -> Choices:
    titles = programme_titles(source.programmes, lang)
    return _by_label((slug, titles[int(pid)]) for slug, pid in zip(
        source.programmes["slug"], source.programmes["programme_id"], strict=True))


def _theme_choices(source: Source, lang: str) -> Choices:
    return {theme: term("theme", theme, lang)
            for theme in sorted(source.programmes["theme"].dropna().unique())}


def _partner_choices(source: Source, lang: str) -> Choices:
    organisations = source.partners.drop_duplicates("organisation_slug")
    choices = []
    for slug, name, abbreviation in zip(organisations["organisation_slug"],
                                        localised(organisations, "organisation", lang),
                                        organisations["abbreviation"], strict=True):
        abbreviation = abbreviation_in(abbreviation, lang)
        if abbreviation and abbreviation not in name:
            name = f"{name} ({abbreviation})"
        choices.append((slug, name))
    return _by_label(choices)


def _region_choices(source: Source, lang: str) -> Choices:
    regions = source.provinces.drop_duplicates("region_en")
    names = dict(zip(regions["region_en"], localised(regions, "region", lang), strict=True))
    order = sorted(names, key=lambda r: (
        REGION_ORDER.index(r) if r in REGION_ORDER else len(REGION_ORDER), r))
    return {region: str(names[region]) for region in order}


def _province_choices(source: Source, lang: str) -> Choices:
    return _by_label(zip(source.provinces["code"].astype(str),
                         localised(source.provinces, "name", lang).astype(str), strict=True))


def _status_choices(source: Source, lang: str) -> Choices:
    return {status: term("coverage_status", status, lang)
            for status in sorted(source.coverage["status"].dropna().unique())}


# --- how each filter narrows --------------------------------------------------------------

def provinces_in(province_regions: pd.DataFrame, regions: Iterable[str]) -> set[str]:
    """Codes of the provinces in the named regions (`region_en`)."""
    inside = province_regions["region_en"].isin(list(regions))
    return set(province_regions.loc[inside, "province_code"])


def _with_partner(programmes: pd.DataFrame, values, partners: pd.DataFrame) -> pd.Series:
    ids = partners.loc[partners["organisation_slug"].isin(values), "programme_id"]
    return programmes["programme_id"].isin(ids)


def _in_regions(coverage: pd.DataFrame, values, province_regions) -> pd.Series | None:
    if province_regions is None:
        return None
    return coverage["province_code"].isin(provinces_in(province_regions, values))


def _provinces_in_chosen_regions(choices: Choices, source: Source,
                                 chosen: Mapping[str, tuple]) -> Choices:
    """The province choices inside the chosen regions (all of them when none is chosen)."""
    regions = chosen.get("region") or ()
    if not regions:
        return choices
    inside = set(source.provinces.loc[source.provinces["region_en"].isin(list(regions)),
                                      "code"].astype(str))
    return {code: name for code, name in choices.items() if code in inside}


def _column_in(column: str):
    """A filter keeping the rows whose `column` holds one of the chosen values."""
    def mask(frame: pd.DataFrame, values, _context) -> pd.Series:
        return frame[column].isin(values)
    return mask


# --- the declaration ----------------------------------------------------------------------

FILTERS: list[Filter] = [
    Filter("programme", "programmes", "programme", {"partners": "plural.programmes"},
           _programme_choices, programmes=_column_in("slug")),
    Filter("theme", "themes", "ex_theme", {"partners": "plural.themes"}, _theme_choices,
           programmes=_column_in("theme")),
    Filter("partner", "partners", "partner", {}, _partner_choices, programmes=_with_partner,
           pages=frozenset({"explorer"})),
    Filter("region", "regions", "region", {"partners": "plural.regions"}, _region_choices,
           token=REGION_NAME, coverage=_in_regions,
           provinces=lambda values, regions: provinces_in(regions, values)),
    Filter("province", "provinces", "province", {"partners": "plural.province"},
           _province_choices, token=PROVINCE_CODE, coverage=_column_in("province_code"),
           provinces=lambda values, _regions: set(values), narrow=_provinces_in_chosen_regions),
    Filter("status", "statuses", "ex_status", {}, _status_choices,
           coverage=_column_in("status"), pages=frozenset({"explorer"})),
]


def on_page(page: str) -> list[Filter]:
    return [entry for entry in FILTERS if page in entry.pages]


@dataclass(frozen=True, init=False)
class Filters:
    """What a planner narrowed the view to; empty means everything: the values chosen per
    declared filter (read as attributes by their field, `filters.programmes`), the years
    (CE, inclusive) and whether synthetic records count."""

    chosen: tuple[tuple[str, tuple[str, ...]], ...]
    years: tuple[int, int] | None
    include_synthetic: bool

    def __init__(self, years: tuple[int, int] | None = None, include_synthetic: bool = False,
                 **chosen: Iterable[str]):
        fields = [entry.field for entry in FILTERS]
        unknown = sorted(set(chosen) - set(fields))
        if unknown:
            raise TypeError(f"No filter is declared for {', '.join(unknown)} (views/filters.py)")
        object.__setattr__(self, "chosen", tuple(
            (name, tuple(chosen[name])) for name in fields if chosen.get(name)))
        object.__setattr__(self, "years", years)
        object.__setattr__(self, "include_synthetic", include_synthetic)

    def __getattr__(self, name: str) -> tuple[str, ...]:
        if name != "chosen" and any(entry.field == name for entry in FILTERS):
            return dict(self.chosen).get(name, ())
        raise AttributeError(name)

    def of(self, entry: Filter) -> tuple[str, ...]:
        return dict(self.chosen).get(entry.field, ())


def options(programmes: pd.DataFrame, partners: pd.DataFrame, coverage: pd.DataFrame,
            provinces: pd.DataFrame, lang: str, page: str = "explorer") -> dict[str, Choices]:
    """Choices of every filter on `page`, by key, from the registry."""
    source = Source(programmes, partners, coverage, provinces)
    return {entry.key: entry.choices(source, lang) for entry in on_page(page)}


def narrowed(choices: Mapping[str, Choices], provinces: pd.DataFrame,
             chosen: Mapping[str, tuple]) -> dict[str, Choices]:
    """The choices left once what other filters hold is taken into account."""
    source = Source(None, None, None, provinces)
    return {key: entry.narrow(choices[key], source, chosen)
            if (entry := by_key(key)).narrow else choices[key] for key in choices}


def by_key(key: str) -> Filter:
    return next(entry for entry in FILTERS if entry.key == key)


@dataclass(frozen=True)
class Widget:
    """One sidebar widget as a page draws it: a multi-select of `values` shown by `labels`."""

    key: str
    field: str
    label: str
    values: list[str]
    labels: Choices


def widgets(choices: Mapping[str, Choices], lang: str, page: str = "explorer") -> list[Widget]:
    """The sidebar's filter widgets on `page`, in declaration order."""
    return [Widget(entry.key, entry.field, t(entry.words_on.get(page, entry.words), lang),
                   list(choices[entry.key]), choices[entry.key]) for entry in on_page(page)]


def programme_mask(programmes: pd.DataFrame, partners: pd.DataFrame,
                   filters: Filters) -> pd.Series:
    """Programmes every set programme-level filter keeps."""
    mask = pd.Series(True, index=programmes.index)
    for entry in FILTERS:
        if entry.programmes is not None and (values := filters.of(entry)):
            mask &= entry.programmes(programmes, values, partners)
    return mask


def coverage_mask(coverage: pd.DataFrame, filters: Filters,
                  province_regions: pd.DataFrame | None) -> pd.Series:
    """Coverage rows every set row-level filter keeps."""
    mask = pd.Series(True, index=coverage.index)
    for entry in FILTERS:
        if entry.coverage is not None and (values := filters.of(entry)):
            kept = entry.coverage(coverage, values, province_regions)
            if kept is not None:
                mask &= kept
    return mask


def allowed_provinces(filters: Filters, province_regions: pd.DataFrame) -> set[str] | None:
    """Province codes the place filters leave; None when no place filter is set."""
    allowed = None
    for entry in FILTERS:
        if entry.provinces is not None and (values := filters.of(entry)):
            kept = entry.provinces(values, province_regions)
            allowed = kept if allowed is None else allowed & kept
    return allowed
