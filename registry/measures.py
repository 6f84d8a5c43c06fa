"""Every measure the registry counts, in one table read by the models (their CHECK), the
importer, the seeder and the views: its code, the level of the area it counts (None
for things that are no area, such as networks), and the order figures are listed in
(areas from the widest down, then everything else). Its words are in views.text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    code: str
    level: str | None = None  # the area level of what is counted; None: not an area


MEASURE_TABLE = (
    Measure("provinces", "province"),
    Measure("districts", "district"),
    Measure("subdistricts", "subdistrict"),
    Measure("villages", "village"),
    Measure("networks"),
    Measure("local_administrations"),
    Measure("organisations"),
    Measure("health_innovations"),
    Measure("economic_models"),
    Measure("environmental_models"),
    Measure("public_policy_agreements"),
    Measure("network_agreements"),
    Measure("participants"),
    Measure("households"),
    Measure("people"),
)
MEASURES = tuple(measure.code for measure in MEASURE_TABLE)
# measure -> the level of the areas it counts (area measures only)
MEASURE_LEVEL = {measure.code: measure.level for measure in MEASURE_TABLE if measure.level}
MEASURE_ORDER = {measure.code: index for index, measure in enumerate(MEASURE_TABLE)}
