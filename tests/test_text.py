"""views/text.py is the one home of words: `t` for interface text, `term` for stored codes,
`localised` for a record's own Thai/English fields with the Thai fallback."""

from __future__ import annotations

import ast
import re
from collections import namedtuple

import numpy as np
import pandas as pd
import pytest

import settings
from views.text import TEXT, localised, t, term


@pytest.mark.parametrize(("key", "lang", "fields", "expected"), [
    ("page_admin", "th", {}, "ผู้ดูแลระบบ"),
    ("page_admin", "en", {}, "Administration"),
    ("username", "en", {}, "Username"),
    ("import_commit", "th", {"n": 3}, "บันทึกทุกแถว (3 แถว)"),
    ("import_checking", "en", {"done": 1200, "total": 5000}, "Checking: 1,200 of 5,000 rows"),
    ("admin_undone", "en", {"id": 7, "rows": 2, "claims": 1},
     "Import #7 undone: 2 rows and 1 figures removed"),
    ("auth_signed_in", "th", {"name": "somchai", "role": "ผู้ดูแลระบบ", "until": "17:00"},
     "เข้าสู่ระบบเป็น somchai (ผู้ดูแลระบบ) ถึงเวลา 17:00 น."),
    ("page_admin", "fr", {}, "ผู้ดูแลระบบ"),  # a language without words falls back to Thai
])
def test_t_fills_the_words_of_a_key_in_a_language(key, lang, fields, expected):
    assert t(key, lang, **fields) == expected


@pytest.mark.parametrize(("kind", "code", "lang", "expected"), [
    ("user_role", "editor", "th", "ผู้แก้ไขข้อมูล"),
    ("user_role", "admin", "en", "Admin"),
    ("scheme", "natural_breaks", "en", "Natural breaks (Jenks)"),
    ("scheme", "quantiles", "th", "ควอนไทล์"),
    ("import_field", "subdistrict", "th", "ตำบล/แขวง"),
    ("import_field", "village", "en", "Village no."),
    ("audit_kind", "sign_ins", "en", "Sign-ins"),
    ("theme", "moral_province", "en", "Moral province"),
    ("status", "not_a_code", "en", "not_a_code"),  # an unknown code shows as written
    ("status", None, "th", "None"),
])
def test_term_words_a_stored_code(kind, code, lang, expected):
    assert term(kind, code, lang) == expected


Row = namedtuple("Row", "title_th title_en")


@pytest.mark.parametrize(("row", "lang", "expected"), [
    ({"title_th": "ชุมชนเข้มแข็ง", "title_en": "Strong communities"}, "en", "Strong communities"),
    ({"title_th": "ชุมชนเข้มแข็ง", "title_en": "Strong communities"}, "th", "ชุมชนเข้มแข็ง"),
    ({"title_th": "ชุมชนเข้มแข็ง", "title_en": None}, "en", "ชุมชนเข้มแข็ง"),
    ({"title_th": "ชุมชนเข้มแข็ง", "title_en": ""}, "en", "ชุมชนเข้มแข็ง"),
    ({"title_th": "ชุมชนเข้มแข็ง", "title_en": np.nan}, "en", "ชุมชนเข้มแข็ง"),
    ({"title_th": "ชุมชนเข้มแข็ง", "title_en": pd.NA}, "en", "ชุมชนเข้มแข็ง"),
    ({"title_th": "ชุมชนเข้มแข็ง"}, "en", "ชุมชนเข้มแข็ง"),  # no English field at all
    (pd.Series({"title_th": "ชุมชนเข้มแข็ง", "title_en": None}), "en", "ชุมชนเข้มแข็ง"),
    (Row("ชุมชนเข้มแข็ง", np.nan), "en", "ชุมชนเข้มแข็ง"),
    (Row("ชุมชนเข้มแข็ง", "Strong communities"), "en", "Strong communities"),
])
def test_localised_reads_english_with_the_thai_fallback(row, lang, expected):
    assert localised(row, "title", lang) == expected


def test_localised_works_on_whole_columns():
    frame = pd.DataFrame({"name_th": ["กาญจนบุรี", "ราชบุรี", "ตาก"],
                          "name_en": ["Kanchanaburi", None, ""]})
    assert localised(frame, "name", "en").tolist() == ["Kanchanaburi", "ราชบุรี", "ตาก"]
    assert localised(frame, "name", "th").tolist() == ["กาญจนบุรี", "ราชบุรี", "ตาก"]


def test_each_wording_is_one_entry():
    """Two keys with the same Thai and English words are one meaning written twice."""
    seen: dict[tuple[str, str], str] = {}
    repeated = []
    for key, words in TEXT.items():
        pair = (words["th"], words["en"])
        if pair in seen:
            repeated.append((seen[pair], key))
        seen.setdefault(pair, key)
    assert not repeated


def _words_tables(path) -> list[str]:
    """Module-level names bound to a {key: (thai, english)} table, and `say` functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "say":
            found.append("say")
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        value = getattr(node, "value", None)
        if isinstance(value, ast.Dict) and value.values and all(
                isinstance(v, ast.Tuple | ast.Dict) for v in value.values):
            thai = any("\u0e00" <= ch <= "\u0e7f" for v in value.values
                       for c in ast.walk(v) if isinstance(c, ast.Constant)
                       and isinstance(c.value, str) for ch in c.value)
            if thai:
                found.extend(target.id for target in targets if isinstance(target, ast.Name))
    return found




def test_pages_take_their_words_only_from_views_text():
    root = settings.PROJECT_ROOT
    files = [root / "dashboard.py", *sorted((root / "pages").glob("*.py")),
             *sorted((root / "ui").glob("*.py")), *sorted((root / "views").glob("*.py"))]
    assert len(files) > 20
    tables = {str(path.relative_to(root)): _words_tables(path) for path in files
              if path.name != "text.py" or path.parent.name != "views"}
    assert {name for name, found in tables.items() if found} == set()


def test_every_key_the_code_asks_for_is_in_the_table():
    """A renamed or folded key left behind in a page would fail only when that page runs."""
    root = settings.PROJECT_ROOT
    files = [root / "dashboard.py", *(root / "pages").glob("*.py"), *(root / "ui").glob("*.py"),
             *(root / "views").glob("*.py"), *(root / "bench").glob("*.py")]
    asked = {(path.name, key) for path in files
             for key in re.findall(r"\bt\(\s*[\"']([\w.]+)[\"']", path.read_text(encoding="utf-8"))}
    assert len(asked) > 200
    assert {(name, key) for name, key in asked if key not in TEXT} == set()
