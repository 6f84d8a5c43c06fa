"""Legend classes for choropleths: which colour each area's figure gets.

Areas without a figure get the no-data colour and stay out of the class
breaks, so a map of a few covered provinces is not washed out by zeros.
"""

from __future__ import annotations

import functools
import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from geo import Legend
from geo.maps import NO_DATA_COLOUR

SCHEMES = ("natural_breaks", "quantiles", "equal_interval")
# name -> number of classes -> colours, light to dark (views/palettes.json says whence).
PALETTES = {name: {int(count): colours for count, colours in by_count.items()}
            for name, by_count in json.loads(
                Path(__file__).with_name("palettes.json").read_text(encoding="utf-8")).items()
            if name != "about"}
MAX_CLASSES = 7


@dataclass(frozen=True)
class Classes:
    fills: dict[str, str]  # code -> colour, only areas with a figure
    legend: Legend


def _format(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


# Fisher-Jenks is quadratic in the number of values; above this many, breaks are
# found on evenly spaced order statistics (deterministic, unlike random sampling).
JENKS_SAMPLE = 300


def _classifier(values: np.ndarray, scheme: str, k: int):
    # Imported here, not at the top: mapclassify loads scipy, scikit-learn and matplotlib
    # (about 2 s), which a first page view of a few distinct figures never needs.
    import mapclassify

    if scheme == "quantiles":
        return mapclassify.Quantiles(values, k=k)
    if scheme == "equal_interval":
        return mapclassify.EqualInterval(values, k=k)
    sample = values if len(values) <= JENKS_SAMPLE else np.quantile(
        values, np.linspace(0, 1, JENKS_SAMPLE))
    breaks = np.array(_jenks_breaks(tuple(sample.tolist()), k))
    breaks[-1] = values.max()
    return mapclassify.UserDefined(values, bins=list(np.unique(breaks)))


@functools.lru_cache(maxsize=256)
def _jenks_breaks(sample: tuple[float, ...], k: int) -> tuple[float, ...]:
    """Fisher-Jenks breaks of a sample (about 0.2 s for 300 values without numba),
    remembered: a rerun or another viewer of the same figures reuses them."""
    import mapclassify

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Numba not installed")
        return tuple(float(b) for b in mapclassify.FisherJenks(np.array(sample), k=k).bins)


def distinct_values(values) -> int:
    """How many different positive figures there are: with no more than the classes
    asked for, each gets its own colour and the class scheme changes nothing."""
    series = pd.Series(values, dtype=float)
    return int(series[series > 0].nunique())


def classify(values: Mapping[str, float], title: str, *, scheme: str = "natural_breaks",
             k: int = 5, palette: str = "blue", no_data_label: str = "no data") -> Classes:
    """Colours for areas with a positive figure; the legend lists every class and no data."""
    series = pd.Series(values, dtype=float)
    series = series[series > 0]
    if series.empty:
        return Classes({}, Legend(title, [(NO_DATA_COLOUR, no_data_label)]))
    distinct = np.unique(series.to_numpy())
    if len(distinct) <= min(k, MAX_CLASSES):
        # Few distinct figures (e.g. 1–3 programmes): one class per figure reads best.
        upper = list(distinct)
        bins = np.searchsorted(distinct, series.to_numpy())
        labels = [_format(v) for v in upper]
    else:
        classifier = _classifier(series.to_numpy(), scheme, max(2, min(k, MAX_CLASSES)))
        upper = [float(b) for b in classifier.bins]
        bins = classifier.yb
        lower = [float(series.min()), *upper[:-1]]
        labels = [
            _format(lo) if lo == hi else f"{_format(lo)} – {_format(hi)}"
            for lo, hi in zip(lower, upper, strict=True)
        ]
    colours = PALETTES[palette][len(upper)]
    fills = {code: colours[int(b)] for code, b in zip(series.index, bins, strict=True)}
    entries = [(colours[i], labels[i]) for i in range(len(upper))]
    entries.append((NO_DATA_COLOUR, no_data_label))
    return Classes(fills, Legend(title, entries))


def categorical(values: Mapping[str, str], title: str, colours: Mapping[str, str],
                labels: Mapping[str, str], *, no_data_label: str = "no data") -> Classes:
    """Colours for areas with a category (e.g. a status); the legend lists the
    categories present, in the order of `colours`, then no data."""
    fills = {code: colours[category] for code, category in values.items()
             if category in colours}
    present = set(values.values())
    entries = [(colour, labels.get(category, category))
               for category, colour in colours.items() if category in present]
    entries.append((NO_DATA_COLOUR, no_data_label))
    return Classes(fills, Legend(title, entries))
