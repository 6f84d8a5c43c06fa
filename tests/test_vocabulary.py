"""views.text's one vocabulary: every code the registry can store (registry/models.py) or the
seeds use (data/seed/*.yaml) has a Thai and an English label, and every page words it alike."""

from __future__ import annotations

import re

import pytest
import yaml

import settings
from loaders.reading import HEADER_WORDS
from registry import audit, models
from registry.measures import measure_codes
from views.classes import SCHEMES
from views.text import TEXT, VOCABULARY, qualified, term

THAI = re.compile(r"[\u0E00-\u0E7F]")
# kind → the codes the models allow for it
ALLOWED = {
    "role": models.ROLES,
    "status": models.PROGRAMME_STATUSES,
    "coverage_status": models.COVERAGE_STATUSES,
    "theme": models.THEMES,
    "measure": measure_codes(),
    "kind": models.CLAIM_KINDS,
    "qualifier": models.QUALIFIERS,
    "resolution": models.RESOLUTIONS,
    "event": models.EVENT_KINDS,
}
# kind → the codes the product itself names (accounts, the audit log, classes, import fields)
PRODUCT = {
    "user_role": models.USER_ROLES,
    "audit_kind": audit.KIND_NAMES,
    "scheme": SCHEMES,
    "import_field": tuple(HEADER_WORDS),
}
# Codes a page derives rather than stores: an area whose coverage rows differ in status.
DERIVED = {"coverage_status": {"mixed"}}


def seed_codes() -> set[tuple[str, str]]:
    """(kind, code) for every vocabulary code written in the seed files."""
    found = set()
    files = sorted(settings.SEED_DIR.glob("*.yaml"))
    assert len(files) >= 6
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        programme = data.get("programme") or {}
        for key in ("theme", "status"):
            if programme.get(key) is not None:
                found.add((key, programme[key]))
        sections = {"partners": {"role": "role"}, "coverage": {"status": "coverage_status"},
                    "claims": {"measure": "measure", "kind": "kind", "qualifier": "qualifier"},
                    "place_mentions": {"resolution": "resolution"},
                    "events": {"kind": "event"}}
        for section, fields in sections.items():
            for row in data.get(section) or []:
                found.update((kind, row[field]) for field, kind in fields.items()
                             if row.get(field) is not None)
    return found


def test_the_vocabulary_holds_exactly_the_codes_the_models_allow():
    assert set(VOCABULARY) == set(ALLOWED) | set(PRODUCT)
    for kind, codes in {**ALLOWED, **PRODUCT}.items():
        assert set(VOCABULARY[kind]) == set(codes) | DERIVED.get(kind, set()), kind


@pytest.mark.parametrize("kind", sorted({**ALLOWED, **PRODUCT}))
def test_every_allowed_code_has_a_thai_and_an_english_label(kind):
    for code in (*{**ALLOWED, **PRODUCT}[kind], *DERIVED.get(kind, ())):
        thai, english = term(kind, code, "th"), term(kind, code, "en")
        assert THAI.search(thai), (kind, code, thai)
        assert english.strip() and not THAI.search(english), (kind, code, english)
        assert code not in (thai, english), (kind, code)  # a label, not the code shown back


def test_every_code_the_seeds_use_has_a_thai_and_an_english_label():
    used = seed_codes()
    # the seeds use every kind, and more than one code of most
    assert {kind for kind, _ in used} == set(ALLOWED)
    assert len(used) >= 30
    for kind, code in used:
        assert code in VOCABULARY[kind], (kind, code)
        assert {"th", "en"} <= set(VOCABULARY[kind][code]), (kind, code)
        assert THAI.search(VOCABULARY[kind][code]["th"]), (kind, code)
        assert not THAI.search(VOCABULARY[kind][code]["en"]), (kind, code)


def test_a_coverage_status_is_worded_as_the_same_programme_status():
    for code in models.COVERAGE_STATUSES:
        assert VOCABULARY["coverage_status"][code] == VOCABULARY["status"][code]


def test_qualifiers_are_patterns_around_the_number():
    for code, entry in VOCABULARY["qualifier"].items():
        assert entry["th"].count("{n}") == entry["en"].count("{n}") == 1, code


def test_no_other_copy_of_the_vocabulary_is_left_in_the_interface_text():
    copies = ("role.", "status.", "theme.", "measure.", "kind.", "qualifier.", "resolution.",
              "ex_theme_", "ex_status_", "ex_measure_", "ex_kind_", "ex_qualifier_",
              "prog_resolution_")
    assert not [key for key in TEXT if key.startswith(copies)]
    assert not {"prog_target", "prog_actual"} & set(TEXT)


@pytest.mark.parametrize(("kind", "code", "lang", "label"), [
    ("role", "lead", "th", "ผู้นำโครงการ"), ("role", "host", "en", "Host"),
    ("role", "tool_developer", "en", "Tool developer"),
    ("role", "tool_developer", "th", "พัฒนาเครื่องมือ"),
    ("role", "implementing", "en", "Implementing"),
    ("status", "signed", "th", "ลงนามแล้ว"), ("status", "active", "en", "Active"),
    ("coverage_status", "active", "th", "กำลังดำเนินการ"),
    ("coverage_status", "mixed", "en", "Mixed"),
    ("theme", "resilience", "th", "ชุมชนรู้รับปรับตัว"),
    ("measure", "subdistricts", "en", "Tambons"), ("measure", "subdistricts", "th", "ตำบล"),
    ("kind", "actual", "en", "Reported"),
    ("resolution", "ambiguous", "th", "กำกวม (ตรงหลายพื้นที่)"),
    # an unknown code (e.g. from a newer import) shows as written, in either language
    ("role", "something_new", "en", "something_new"),
    ("theme", "new_theme", "th", "new_theme"),
    # a language with no wording falls back to Thai, like every other text
    ("role", "lead", "fr", "ผู้นำโครงการ"),
])
def test_term(kind, code, lang, label):
    assert term(kind, code, lang) == label


def test_an_unknown_kind_is_an_error_not_a_guess():
    with pytest.raises(KeyError):
        term("colour", "red", "en")


@pytest.mark.parametrize(("value", "qualifier", "lang", "text"), [
    (6, "at_least", "en", "at least 6"),
    (6, "at_least", "th", "ไม่น้อยกว่า 6"),
    (1, "per_year", "en", "1 a year"),
    (1, "per_year", "th", "ปีละ 1"),
    (2, "at_least_per_area", "en", "at least 2 per area"),
    (2, "at_least_per_area", "th", "อย่างน้อยพื้นที่ละ 2"),
    (900, None, "en", "900"),
    (900.0, float("nan"), "th", "900"),
    (1500, "about", "en", "about 1,500"),
    (2.5, "more_than", "th", "มากกว่า 2.5"),
    (3, "at_most", "en", "at most 3"),
    (4, "roughly", "en", "4 (roughly)"),
])
def test_qualified_values_keep_the_sources_qualifier(value, qualifier, lang, text):
    assert qualified(value, qualifier, lang) == text
