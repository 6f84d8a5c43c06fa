"""Resolve what a row says about a place to one current DOPA code, or say why not.

The gazetteer (geo.gazetteer.areas(): today's DOPA codes) is the only arbiter.
A row may give names at several levels and/or a code; the answer is the code
at the finest level given that agrees with every coarser name. Nothing is
guessed: a name that fits several areas is *ambiguous* (with the candidates),
one that fits none is *unknown* (with the closest names as suggestions, found
by rapidfuzz — suggestions only, never a match), and a code that contradicts
the names beside it is *inconsistent*.

All indexes are built once per :class:`Gazetteer`; :meth:`Gazetteer.resolve`
is memoised, because real sheets repeat the same places row after row.
"""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import NamedTuple

import pandas as pd
from geothai.abolished import abolished_areas
from rapidfuzz import fuzz, process

from geo.levels import (
    CODE_LENGTH,
    LEVELS,
    ancestors,
    code_at,
    level_of,
    split_village,
    village_code,
)
from loaders import names
from loaders.names import DISTRICT, PROVINCE, SUBDISTRICT, VILLAGE

MATCHED = "matched"
AMBIGUOUS = "ambiguous"
UNKNOWN = "unknown"
INCONSISTENT = "inconsistent"
INVALID = "invalid"
DUPLICATE = "duplicate"
STATUSES = (MATCHED, AMBIGUOUS, UNKNOWN, INCONSISTENT, INVALID, DUPLICATE)

THAI_LEVEL_WORD = {PROVINCE: "จ.", DISTRICT: "อ.", SUBDISTRICT: "ต."}
MAX_CANDIDATES = 10
SUGGESTIONS = 5
# Below this rapidfuzz score a "suggestion" is noise.
SUGGESTION_CUTOFF = 60


@dataclass(frozen=True)
class Area:
    level: str
    code: str
    name_th: str
    name_en: str
    parent_code: str | None


class Match(NamedTuple):
    """The answer for one row: a status, and the code when there is one.

    A NamedTuple, not a dataclass: one is made per distinct row, and this is cheaper.
    """

    status: str
    level: str | None = None
    code: str | None = None
    name_th: str = ""
    name_en: str = ""
    message: str = ""
    candidates: tuple[str, ...] = ()
    no_polygon: bool = False
    column: str | None = None


@dataclass
class _Lookup:
    codes: tuple[str, ...]
    by_sound: bool = False


@dataclass
class Gazetteer:
    """Indexes over the current DOPA areas, built once and reused for every row.

    `drawn_codes` are the codes the boundary layers can draw (any level); a
    matched code outside it is accepted and flagged ``no_polygon``. None means
    "do not check".
    """

    areas: pd.DataFrame
    drawn_codes: Iterable[str] | None = None
    _area: dict[str, Area] = field(init=False, default_factory=dict)
    _exact: dict[str, dict[str, set[str]]] = field(init=False)
    _sound: dict[str, dict[str, set[str]]] = field(init=False)
    _abolished: dict[str, object] = field(init=False)
    _abolished_names: dict[str, list[object]] = field(init=False)
    _capitals: tuple[str, ...] = field(init=False)
    _choices: dict[str, dict[str, tuple[list[str], list[str], list[str]]]] = field(init=False)
    _memo: dict[tuple, Match] = field(init=False, default_factory=dict)
    _lookups: dict[tuple, _Lookup] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.drawn_codes = None if self.drawn_codes is None else frozenset(self.drawn_codes)
        self._exact = {level: defaultdict(set) for level in LEVELS}
        self._sound = {level: defaultdict(set) for level in LEVELS}
        for level, code, name_th, name_en, parent in self.areas[
            ["level", "code", "name_th", "name_en", "parent_code"]
        ].itertuples(index=False):
            parent = parent if isinstance(parent, str) else None
            area = Area(level, code, name_th, name_en or "", parent)
            self._area[code] = area
            for spelling in _spellings(name_th) + _spellings(area.name_en):
                for key in {names.name_key(spelling), names.raw_key(spelling)} - {""}:
                    self._exact[level][key].add(code)
                if sound := names.sound_key(spelling):
                    self._sound[level][sound].add(code)
        for alias, code in names.PROVINCE_ALIASES.items():
            self._exact[PROVINCE][names.name_key(alias)].add(code)
            if sound := names.sound_key(alias):
                self._sound[PROVINCE][sound].add(code)
        # Suggestion choices per level and province, so a search stays inside its parents.
        self._choices = {level: {} for level in LEVELS}
        for area in self._area.values():
            codes, thai_keys, english_keys = self._choices[area.level].setdefault(
                code_at(area.code, PROVINCE), ([], [], []))
            codes.append(area.code)
            thai_keys.append(names.name_key(area.name_th))
            english_keys.append(names.name_key(area.name_en))
        self._capitals = tuple(
            c for c, a in self._area.items()
            if a.level == DISTRICT and c.endswith("01") and not c.startswith("10")
        )
        self._abolished = {a.code: a for a in abolished_areas()}
        self._abolished_names = defaultdict(list)
        for old in self._abolished.values():
            if old.level == SUBDISTRICT:
                for spelling in (old.name_th, old.name_en or ""):
                    if key := names.name_key(spelling):
                        self._abolished_names[key].append(old)

    # ---- look-ups -------------------------------------------------------------------------

    def area(self, code: str) -> Area | None:
        return self._area.get(code)

    def label(self, code: str) -> str:
        """``450303 หนองแคน อ.ปทุมรัตต์ จ.ร้อยเอ็ด (Nong Khaen, Pathum Rat, Roi Et)``."""
        chain = [self._area[c] for c in reversed((*ancestors(code), code)) if c in self._area]
        thai = " ".join(
            ("" if a is chain[0] else _level_word(a)) + a.name_th for a in chain
        )
        english = ", ".join(a.name_en for a in chain if a.name_en)
        return f"{code} {thai} ({english})"

    def lookup(self, level: str, text: str, *, sound_too: bool = False) -> _Lookup:
        """Codes at `level` whose name is `text`: exact keys first, then romanisation.

        `sound_too` adds the romanisation variants even when an exact name exists.
        """
        memo_key = (level, text, sound_too)
        found = self._lookups.get(memo_key)
        if found is None:
            found = self._lookups[memo_key] = self._lookup(level, text, sound_too)
        return found

    def _lookup(self, level: str, text: str, sound_too: bool) -> _Lookup:
        key = names.name_key(text)
        if not key:
            return _Lookup(())
        found = self._exact[level].get(key) or self._exact[level].get(names.raw_key(text))
        if level == DISTRICT and not found and key in names.CAPITAL_WORDS:
            return _Lookup(self.capitals())
        if found and not sound_too:
            return _Lookup(tuple(sorted(found)))
        sound = self._sound[level].get(names.sound_key(text), set())
        if sound - (found or set()):
            return _Lookup(tuple(sorted(sound | (found or set()))), by_sound=True)
        return _Lookup(tuple(sorted(found or ())))

    def capitals(self) -> tuple[str, ...]:
        """The capital (เมือง) district of every province that has one: XX01, not Bangkok."""
        return self._capitals

    def suggestions(self, level: str, text: str, within: Iterable[str] = ()) -> tuple[str, ...]:
        """The closest names at `level` (inside the parent codes `within`, if given)."""
        key = names.name_key(text)
        within = tuple(within)
        thai = _is_thai(key)
        provinces = sorted({code_at(code, PROVINCE) for code in within}) if within \
            else self._choices[level]
        codes, keys = [], []
        for province in provinces:
            province_codes, thai_keys, english_keys = self._choices[level].get(
                province, ((), (), ()))
            for code, choice in zip(province_codes, thai_keys if thai else english_keys,
                                    strict=True):
                if not within or code.startswith(within):
                    codes.append(code)
                    keys.append(choice)
        best = process.extract(key, keys, scorer=fuzz.ratio, limit=SUGGESTIONS,
                               score_cutoff=SUGGESTION_CUTOFF)
        return tuple(self.label(codes[index]) for _, _, index in best)

    # ---- resolving a row ------------------------------------------------------------------

    def resolve(
        self,
        *,
        province: object = None,
        district: object = None,
        subdistrict: object = None,
        village: object = None,
        code: object = None,
        area: object = None,
    ) -> Match:
        """The match for one row's place columns; every argument may be blank."""
        raw = (province, district, subdistrict, village, code, area)
        try:
            return self._memo[raw]
        except (KeyError, TypeError):  # TypeError: an unhashable cell value
            pass
        given = tuple(cell_text(v) for v in raw)
        if given not in self._memo:
            self._memo[given] = self._resolve(*given)
        found = self._memo[given]
        with contextlib.suppress(TypeError):
            self._memo[raw] = found
        return found

    def _resolve(self, province: str, district: str, subdistrict: str, village: str,
                 code: str, area: str) -> Match:
        wanted = {PROVINCE: province, DISTRICT: district, SUBDISTRICT: subdistrict}
        # A one-line address ("ต.หนองแคน อ.ปทุมรัตต์ จ.ร้อยเอ็ด") in any column fills the gaps.
        for column, text in (("area", area), (SUBDISTRICT, subdistrict), (DISTRICT, district),
                             (PROVINCE, province)):
            if not text:
                continue
            parts = names.split_address(text)
            if parts.count() < (1 if column == "area" else 2):
                continue
            found = {PROVINCE: parts.province, DISTRICT: parts.district,
                     SUBDISTRICT: parts.subdistrict}
            if column in found and not found[column]:
                wanted[column] = ""
            for level, value in found.items():
                if value and (not wanted[level] or wanted[level] == text):
                    wanted[level] = value
            village = village or parts.village
        wanted = {level: value for level, value in wanted.items() if value}
        if area and not wanted and not code and not names.split_address(area).count():
            return self._resolve_bare_area(area)

        code_match = None
        if code:
            code_match = self._check_code(code, wanted, village)
            if code_match.status != MATCHED:
                return code_match
            code, village = code_match.code, village or _village_of(code_match.code)
            if code_match.level == VILLAGE:
                code = code_at(code, SUBDISTRICT)
        if not wanted and not code:
            if village:
                return Match(INVALID, message="a village number needs its subdistrict",
                             column="village")
            return Match(UNKNOWN, message="no place given: fill province, district, "
                         "subdistrict or code")

        finest = next((lv for lv in reversed(LEVELS) if lv in wanted), None)
        if code and (finest is None or CODE_LENGTH[finest] <= len(code)):
            found_code, via_sound = code, False
        else:
            found = self._match_names(wanted, scope=code or "")
            if isinstance(found, Match):
                return found
            found_code, via_sound = found
        return self._finish(found_code, village, via_sound)

    def _resolve_bare_area(self, text: str) -> Match:
        """A place with no level word, in a generic "area" column: try every level."""
        hint = names.level_hint(text)  # "… Province", "จ.…": the writer named the level
        levels = (hint,) if hint in LEVELS else LEVELS
        hits = [(level, c) for level in levels for c in self.lookup(level, text).codes]
        if len(hits) == 1:
            return self._finish(hits[0][1], "", False)
        if hits:
            return Match(AMBIGUOUS, message=f"{text!r} names {len(hits)} areas; add its level "
                         "(จ./อ./ต.) or its province", candidates=self._labels(c for _, c in hits))
        return Match(UNKNOWN, message=f"{text!r} is no current province, district or "
                     "subdistrict", candidates=self.suggestions(SUBDISTRICT, text))

    def _check_code(self, raw: str, wanted: dict[str, str], village: str) -> Match:
        code = re.sub(r"[\s\-]", "", names.clean(raw))
        if code.endswith(".0") and code[:-2].isdigit():
            code = code[:-2]  # a number cell read as a float
        level = level_of(code)
        if level is None:
            return Match(INVALID, message=f"code {raw!r} is no DOPA code: it must have 2, 4, 6 "
                         "or 8 digits", column="code")
        if level == VILLAGE:
            number = split_village(code)[1]
            given = names.village_number(village) if village else None
            if number == 0:
                return Match(INVALID, message=f"code {code}: village number 00 does not exist",
                             column="code")
            if given is not None and given != number:
                return Match(INCONSISTENT, level=VILLAGE, code=code,
                             message=f"code {code} is village {number}, but the village "
                             f"column says {village!r}", column="code")
        area_code = code_at(code, SUBDISTRICT) if level == VILLAGE else code
        if area_code not in self._area:
            old = self._abolished.get(area_code)
            if old is not None:
                return Match(UNKNOWN, level=level, code=code, column="code",
                             message=f"code {area_code} ({old.name_th}) was abolished on "
                             f"{old.abolished_on}; use a current code",
                             candidates=self._labels(old.successors))
            return Match(UNKNOWN, level=level, code=code, column="code",
                         message=f"code {area_code} is no current DOPA {level} code")
        for name_level, text in wanted.items():
            length = CODE_LENGTH[name_level]
            if length > len(area_code):
                continue
            ancestor = code_at(area_code, name_level)
            if ancestor not in self.lookup(name_level, text).codes:
                return Match(INCONSISTENT, level=level, code=code, column="code",
                             message=f"code {code} is {self.label(ancestor)}, but the "
                             f"{name_level} column says {text!r}",
                             candidates=(self.label(area_code),))
        return Match(MATCHED, level=level, code=code)

    def _match_names(self, wanted: dict[str, str], scope: str) -> Match | tuple[str, bool]:
        found: dict[str, _Lookup] = {}
        for level, text in wanted.items():
            found[level] = self.lookup(level, text)
            if not found[level].codes:
                return self._unknown_name(level, text, wanted, found, scope)
        finest = next(lv for lv in reversed(LEVELS) if lv in wanted)
        candidates = self._within_parents(found, finest, scope)
        if not candidates:
            # "Ta Luang" is a real name elsewhere, but in its district it is Tha Luang:
            # widen every level to its romanisation variants before giving up.
            widened = {level: self.lookup(level, wanted[level], sound_too=True)
                       for level in found}
            candidates = self._within_parents(widened, finest, scope)
            if candidates:
                found = widened
        if not candidates:
            where = ", ".join(f"{lv} {wanted[lv]!r}" for lv in LEVELS
                              if lv in wanted and lv != finest)
            if scope:
                where = ", ".join(filter(None, [where, f"code {scope}"]))
            return Match(UNKNOWN, level=finest, column=finest,
                         message=f"{finest} {wanted[finest]!r} exists, but not in {where}",
                         candidates=self._labels(found[finest].codes))
        if len(candidates) > 1:
            return Match(AMBIGUOUS, level=finest, column=finest,
                         message=f"{finest} {wanted[finest]!r} fits {len(candidates)} areas; "
                         "add the district/province or the code",
                         candidates=self._labels(candidates))
        return candidates[0], any(hit.by_sound for hit in found.values())

    @staticmethod
    def _within_parents(found: dict[str, _Lookup], finest: str, scope: str) -> list[str]:
        candidates = [c for c in found[finest].codes if c.startswith(scope)]
        for level, hit in found.items():
            if level != finest:
                allowed = set(hit.codes)
                candidates = [c for c in candidates if code_at(c, level) in allowed]
        return candidates

    def _unknown_name(self, level: str, text: str, wanted: dict[str, str],
                      found: dict[str, _Lookup], scope: str) -> Match:
        parents = [c for lv in LEVELS if lv in found and found[lv].codes
                   and CODE_LENGTH[lv] < CODE_LENGTH[level] for c in found[lv].codes]
        within = tuple(parents) or ((scope,) if scope else ())
        message = f"{level} {text!r} is no current {level} name"
        if level == SUBDISTRICT and (old := self._abolished_names.get(names.name_key(text))):
            successors = [s for a in old for s in a.successors]
            return Match(UNKNOWN, level=level, column=level, candidates=self._labels(successors),
                         message=f"{message}: it was abolished ({old[0].abolished_on}); "
                         "candidates are its successors")
        return Match(UNKNOWN, level=level, column=level, message=message,
                     candidates=self.suggestions(level, text, within))

    def _finish(self, code: str, village: str, via_sound: bool) -> Match:
        area = self._area[code]
        level, message = area.level, ""
        if via_sound:
            message = f"matched by a romanisation variant of {area.name_en!r}"
        if village:
            number = names.village_number(village)
            if number is None or not 1 <= number <= 99:
                return Match(INVALID, level=VILLAGE, column="village",
                             message=f"village {village!r}: write the village number "
                             "(หมู่ที่) 1–99")
            if area.level != SUBDISTRICT:
                return Match(INVALID, level=VILLAGE, column="village",
                             message=f"village {village!r} needs its subdistrict")
            code, level = village_code(code, number), VILLAGE
        no_polygon = self.drawn_codes is not None and \
            code_at(code, SUBDISTRICT) not in self.drawn_codes
        if no_polygon:
            message = "; ".join(filter(None, [message, "no polygon in the boundary layers"]))
        return Match(MATCHED, level=level, code=code, name_th=area.name_th,
                     name_en=area.name_en, message=message, no_polygon=no_polygon)

    def _labels(self, codes: Iterable[str]) -> tuple[str, ...]:
        codes = sorted(set(codes))
        return tuple(self.label(c) for c in codes[:MAX_CANDIDATES] if c in self._area)


def _spellings(name: str) -> list[str]:
    """A name and the alternative in its brackets: "ปอภาร (ปอพาน)" is also ปอพาน."""
    if not name:
        return []
    main, _, rest = name.partition("(")
    return [name, main.strip(), rest.rstrip(")").strip()] if rest else [name]


def _level_word(area: Area) -> str:
    """จ./อ./ต. before a name; Bangkok says เขต (already in its names) and แขวง."""
    if area.code.startswith("10") and area.level != PROVINCE:
        return "แขวง" if area.level == SUBDISTRICT else ""
    return THAI_LEVEL_WORD[area.level]


def _is_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def _village_of(code: str) -> str:
    return str(split_village(code)[1]) if len(code) == CODE_LENGTH[VILLAGE] else ""


def cell_text(value: object) -> str:
    """A cell as clean text; blanks (None, NaN, "") become ""."""
    if type(value) is str:
        return names.clean(value)
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return names.clean(value)


@cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer of today's DOPA codes, without a polygon check."""
    from geo.gazetteer import areas

    return Gazetteer(areas())
