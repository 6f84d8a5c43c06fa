"""The one-pager: a Thai font found or a clear error, wrapping, PNG and PDF that open."""

from __future__ import annotations

import io
import time
import unicodedata

import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from PIL import Image
from pypdf import PdfReader

from geo import area_table, load_boundaries
from geo.maps import ATTRIBUTION, NO_DATA_COLOUR
from views import onepager as O
from views import programme as P
from views.classes import PALETTES
from views.coverage import with_level_codes

WESTERN_SEVEN = ["70", "71", "73", "74", "75", "76", "77"]
TITLE_TH = "บันทึกข้อตกลงความร่วมมือ (MOU) เพื่อขับเคลื่อนงานด้านการส่งเสริมชุมชนท้องถิ่น"
TITLE_EN = "MOU to drive the promotion of self-managing local communities, western region"


@pytest.fixture(scope="module")
def boundaries():
    return load_boundaries()


@pytest.fixture(scope="module")
def names(boundaries) -> pd.DataFrame:
    return area_table(boundaries)


def _plan(names, rows) -> P.MapPlan:
    frame = pd.DataFrame(rows, columns=["programme_id", "level", "area_code"])
    return P.map_plan(with_level_codes(frame.astype({"area_code": "string"})), names)


def _page(names, lang: str, rows, title: str, subtitle: str = "") -> O.OnePager:
    plan = _plan(names, rows)
    kpis = [P.Kpi("องค์กรภาคี" if lang == "th" else "Partner organisations", "6"),
            P.Kpi("จังหวัด" if lang == "th" else "Provinces", "7", "ระบุรายชื่อพื้นที่")]
    return O.one_pager(title, subtitle, kpis, plan, P.plan_classes(plan, lang, "contrast"),
                       "วันที่ลงนาม: 17 พ.ย. 2558", ATTRIBUTION[lang])


WESTERN_ROWS = [(1, "province", code) for code in WESTERN_SEVEN]


# --- the font ---------------------------------------------------------------------------

def test_a_thai_font_is_found_and_draws_thai():
    family = O.thai_font_family()
    path = font_manager.findfont(font_manager.FontProperties(family=family),
                                 fallback_to_default=False)
    assert O._covers_thai(path)
    assert family in O.PREFERRED_THAI_FONTS  # scripts/setup installs fonts-thai-tlwg


def test_no_thai_font_is_a_clear_error(monkeypatch):
    dejavu = [f for f in font_manager.fontManager.ttflist if f.name == "DejaVu Sans"]
    assert dejavu
    monkeypatch.setattr(font_manager.fontManager, "ttflist", dejavu)
    O.thai_font_family.cache_clear()
    try:
        with pytest.raises(O.ThaiFontMissing, match="apt-get install fonts-thai-tlwg"):
            O.thai_font_family()
    finally:
        O.thai_font_family.cache_clear()


# --- wrapping ---------------------------------------------------------------------------

def _columns(limit: int):
    return lambda line: sum(unicodedata.category(c) != "Mn" for c in line) <= limit


@pytest.mark.parametrize(("text", "limit"), [
    (TITLE_TH, 20),
    (TITLE_TH, 7),
    ("องค์กรปกครองส่วนท้องถิ่น", 10),
    ("ผู้นำการเปลี่ยนแปลงที่ยั่งยืน", 5),
    (TITLE_EN, 30),
    ("short", 40),
    ("one two three", 3),
])
def test_wrap_fits_and_never_strands_a_mark(text, limit):
    lines = O.wrap(text, _columns(limit))
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert line and unicodedata.category(line[0]) != "Mn", lines
        # a line may overflow only when a single letter with its marks does not fit
        assert _columns(limit)(line) or _columns(1)(line)


@pytest.mark.parametrize(("text", "limit", "lines"), [
    ("abc defgh ijk", 5, ["abc", "defgh", "ijk"]),
    ("abc de fg", 6, ["abc de", "fg"]),
    ("", 5, []),
])
def test_wrap_breaks_at_spaces_first(text, limit, lines):
    assert O.wrap(text, _columns(limit)) == lines


def test_a_hard_break_leaves_no_tiny_tail():
    lines = O.wrap("องค์กรปกครองส่วนท้องถิ่น", _columns(18))
    assert len(lines) == 2
    assert _columns(18)(lines[0]) and not _columns(3)(lines[1])


# --- rendering --------------------------------------------------------------------------

def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _has_colour(image: Image.Image, colour: str) -> bool:
    pixels = np.asarray(image.convert("RGB")).reshape(-1, 3)
    return bool((pixels == _rgb(colour)).all(axis=1).any())


def test_png_opens_with_the_page_size_and_the_map_fills(boundaries, names):
    page = _page(names, "th", WESTERN_ROWS, TITLE_TH)
    started = time.perf_counter()
    data = O.render(page, boundaries.layer("province"), "png")
    elapsed = time.perf_counter() - started
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.size == O.PAGE_PIXELS == (1754, 1240)
    assert _has_colour(image, PALETTES["contrast"][1][0])  # the seven provinces
    assert _has_colour(image, NO_DATA_COLOUR)  # their neighbours
    assert elapsed < 10, f"rendering took {elapsed:.1f} s"


def test_a_national_page_with_nothing_listed_colours_nothing(boundaries, names):
    page = _page(names, "en", [], TITLE_EN)
    assert page.plan.national and page.fills == ()
    image = Image.open(io.BytesIO(O.render(page, boundaries.layer("province"), "png")))
    assert not _has_colour(image, PALETTES["contrast"][1][0])
    assert _has_colour(image, NO_DATA_COLOUR)


def test_pdf_carries_title_credit_and_embedded_thai_font(boundaries, names):
    page = _page(names, "th", WESTERN_ROWS, TITLE_TH, TITLE_EN)
    data = O.render(page, boundaries.layer("province"), "pdf")
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    assert reader.metadata.title == TITLE_TH
    text = " ".join(reader.pages[0].extract_text().split())
    assert TITLE_EN in text
    assert "COD-AB" in text and "CC BY-IGO 3.0" in text
    fonts = {font.get_object()["/BaseFont"].split("+")[-1]
             for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert O.thai_font_family() in {name.split("-")[0] for name in fonts}
    assert b"/FontFile2" in data  # TrueType embedded: prints the same anywhere


def test_english_pdf_text_has_title_and_english_credit(boundaries, names):
    page = _page(names, "en", WESTERN_ROWS, TITLE_EN)
    reader = PdfReader(io.BytesIO(O.render(page, boundaries.layer("province"), "pdf")))
    text = " ".join(reader.pages[0].extract_text().split())
    assert TITLE_EN in text and ATTRIBUTION["en"] in text


def test_subdistrict_page_renders_only_its_district(boundaries, names):
    page = _page(names, "th", [(1, "subdistrict", "960510")], "ระแงะ")
    assert page.plan.selected == ("960510",)
    data = O.render(page, boundaries.layer("subdistrict"), "png")
    assert _has_colour(Image.open(io.BytesIO(data)), PALETTES["contrast"][1][0])


def test_pages_are_hashable_for_caching(names):
    first = _page(names, "th", WESTERN_ROWS, TITLE_TH)
    again = _page(names, "th", WESTERN_ROWS, TITLE_TH)
    assert hash(first) == hash(again) and first == again
    assert first != _page(names, "en", WESTERN_ROWS, TITLE_TH)


def test_unknown_format_is_refused(boundaries, names):
    with pytest.raises(ValueError, match="use 'png' or 'pdf'"):
        O.render(_page(names, "th", WESTERN_ROWS, TITLE_TH), boundaries.layer("province"),
                 "svg")


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_dollar_signs_in_registry_text_print_as_typed(boundaries, names, fmt):
    """Titles and figures are registry text: "$…$" is not mathtext, and a malformed
    formula (which mathtext cannot parse) must not fail the export."""
    title = r"<img src=x onerror=alert(1)> bad $\frac{$ math"
    subtitle = "costs $x^2$ per village"
    page = _page(names, "en", WESTERN_ROWS, title, subtitle)
    data = O.render(page, boundaries.layer("province"), fmt)
    if fmt == "pdf":
        text = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
        assert title in text and subtitle in text
    else:
        assert Image.open(io.BytesIO(data)).size == O.PAGE_PIXELS


def test_page_carries_place_names_partners_and_a_locator(boundaries, names):
    """What the slide shows is on the handout too: the provinces named on the map, the
    partners by name, and the country inset with the zoomed-in area boxed."""
    from geo import outline
    from geo.maps import LOCATOR_COLOUR, label_points
    from views import presenter as S

    plan = _plan(names, WESTERN_ROWS)
    layer = boundaries.layer("province")
    place_names = S.label_names(plan, names, "en")
    assert set(place_names) == set(WESTERN_SEVEN) and place_names["71"] == "Kanchanaburi"
    page = O.one_pager(TITLE_EN, "", [P.Kpi("Partner organisations", "6")], plan,
                       S.slide_classes(plan, "en", "contrast"), "Signed 17 Nov 2558 BE",
                       ATTRIBUTION["en"], labels=tuple(label_points(layer, place_names)),
                       partners=("Western Region Community Organisations Movement",),
                       partners_title="Partners", locator=S.bounds_of(layer, plan.focus))
    country = outline(layer)
    text = " ".join(PdfReader(io.BytesIO(O.render(page, layer, "pdf", country=country)))
                    .pages[0].extract_text().split())
    for name in ("Kanchanaburi", "Prachuap Khiri Khan", "Partners",
                 "Western Region Community Organisations Movement", "Programme area"):
        assert name in text
    with_inset = Image.open(io.BytesIO(O.render(page, layer, "png", country=country)))
    without = Image.open(io.BytesIO(O.render(page, layer, "png")))
    assert _has_colour(with_inset, LOCATOR_COLOUR) and not _has_colour(without, LOCATOR_COLOUR)


def test_page_lists_its_sources_and_every_partner_with_its_logo(boundaries, names):
    """Many partners, one with a logo: every name printed (smaller type rather than cut),
    the logo beside it in the partners' column, and the sources line above the date."""
    from views import presenter as S

    plan = _plan(names, WESTERN_ROWS)
    layer = boundaries.layer("province")
    partners = tuple(f"Partner organisation number {n} of the western region"
                     for n in range(1, 9))
    logo = io.BytesIO()
    Image.new("RGB", (200, 100), (214, 40, 40)).save(logo, "PNG")
    sources = "Sources: “Western MOU news” · happy-workplace.com · 25 Nov 2558 BE"
    page = O.one_pager(TITLE_EN, "", [P.Kpi("Partner organisations", "8")], plan,
                       S.slide_classes(plan, "en", "contrast"), "Signed 17 Nov 2558 BE",
                       ATTRIBUTION["en"], partners=partners, partners_title="Partners",
                       partner_logos=(b"",) * 4 + (logo.getvalue(),) + (b"",) * 3,
                       sources_line=sources)
    text = " ".join(PdfReader(io.BytesIO(O.render(page, layer, "pdf")))
                    .pages[0].extract_text().split())
    assert sources in text
    assert all(name in text for name in partners)
    image = Image.open(io.BytesIO(O.render(page, layer, "png"))).convert("RGB")
    right = image.crop((int(O.PAGE_PIXELS[0] * 0.64), 0, O.PAGE_PIXELS[0], O.PAGE_PIXELS[1]))
    assert _has_colour(right, "#d62828")
