"""Every measure the registry counts, in one table read by the database (its `measures`
lookup table, synced by registry.db.migrate), the importers, the seeder and the views.

A measure is its code, the level of the area it counts (None for things that are no
area, such as networks), the other words an uploaded sheet may use for it, and its place
in the table: figures are listed in that order (areas from the widest down, then
everything else). Its words on screen are in views.text (VOCABULARY["measure"]).
Adding a measure is one entry here and one there; nothing else changes.

The readers below build their answer from MEASURE_TABLE on each call, so a test may put
a measure in (or a later release add one) without any copy going stale.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    code: str
    level: str | None = None  # the area level of what is counted; None: not an area
    # What an uploaded sheet may write in its measure column (Thai first), besides the code.
    words: tuple[str, ...] = ()


MEASURE_TABLE = (
    Measure("provinces", "province", ("จังหวัด", "provinces")),
    Measure("districts", "district", ("อำเภอ", "districts")),
    Measure("subdistricts", "subdistrict", ("ตำบล", "subdistricts", "tambons", "tambon")),
    Measure("villages", "village", ("หมู่บ้าน", "villages", "village")),
    Measure("networks", words=("เครือข่าย", "networks")),
    Measure("local_administrations",
            words=("อปท", "องค์กรปกครองส่วนท้องถิ่น", "localadministrations", "laos")),
    Measure("organisations", words=("องค์กร", "organisations", "organizations")),
    Measure("health_innovations"),
    Measure("economic_models"),
    Measure("environmental_models"),
    Measure("public_policy_agreements"),
    Measure("network_agreements"),
    Measure("participants", words=("ผู้เข้าร่วม", "participants")),
    Measure("households", words=("ครัวเรือน", "households")),
    Measure("people", words=("คน", "ราย", "people", "persons")),
)


def measure_codes() -> tuple[str, ...]:
    """Every measure's code, in the table's order."""
    return tuple(measure.code for measure in MEASURE_TABLE)


def measure_levels() -> dict[str, str]:
    """measure -> the level of the areas it counts (area measures only)."""
    return {measure.code: measure.level for measure in MEASURE_TABLE if measure.level}


def measure_order() -> dict[str, int]:
    """measure -> its place in the table, the order figures are listed in."""
    return {measure.code: index for index, measure in enumerate(MEASURE_TABLE)}


def measure_words() -> dict[str, tuple[str, ...]]:
    """measure -> the words an uploaded sheet may write for it (measures that have some)."""
    return {measure.code: measure.words for measure in MEASURE_TABLE if measure.words}
