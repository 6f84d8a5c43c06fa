"""Programme page and presenter mode in Debian's Chromium, offline: the western MOU colours
exactly its seven provinces, presenter mode hides the sidebar, the one-pagers download."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image
from pypdf import PdfReader

from geo.maps import NO_DATA_COLOUR
from tests.e2e import ARTIFACTS_DIR, drawn_codes, fill_colours, map_frame, screenshot
from views.classes import PALETTES
from views.onepager import PAGE_PIXELS

pytestmark = pytest.mark.browser

WESTERN = "western-happy-community-mou"
# นครปฐม กาญจนบุรี ราชบุรี สมุทรสาคร สมุทรสงคราม เพชรบุรี และประจวบคีรีขันธ์ (document 000)
WESTERN_SEVEN = {"73", "71", "70", "74", "75", "76", "77"}
NARATHIWAT = "narathiwat-resilient-communities-mou"


def _coloured(frame) -> dict[str, str]:
    return {code: colour for code, colour in fill_colours(frame).items()
            if colour != NO_DATA_COLOUR}


def test_western_mou_colours_exactly_its_seven_provinces(app_server, browser_page, tmp_path):
    page = browser_page
    page.goto(f"{app_server.url}/programme?programme={WESTERN}")
    frame = map_frame(page)
    fills = fill_colours(frame)
    assert len(fills) == 77
    assert set(_coloured(frame)) == WESTERN_SEVEN
    assert {fills[code] for code in WESTERN_SEVEN} == {PALETTES["blue"][1][0]}
    assert all(colour == NO_DATA_COLOUR for code, colour in fills.items()
               if code not in WESTERN_SEVEN)
    # zoomed to the seven: the west fills the view, the far north-east is out of it
    in_view = frame.evaluate("""() => {
        const b = window.map.getBounds();
        return [b.contains([13.8, 100.0]), b.contains([17.4, 104.8])];
    }""")
    assert in_view == [True, False]
    page.get_by_text("ภาคีและบทบาท").wait_for()
    page.wait_for_timeout(500)
    screenshot(page, tmp_path, "programme-western-mou")
    assert page.record.outside_requests() == []


def test_narathiwat_draws_ra_ngae_tambons_with_maruebo_tok(app_server, browser_page, tmp_path):
    page = browser_page
    page.goto(f"{app_server.url}/programme?programme={NARATHIWAT}&lang=en")
    frame = map_frame(page)
    codes = drawn_codes(frame)
    assert codes and all(code.startswith("9605") and len(code) == 6 for code in codes)
    assert set(_coloured(frame)) == {"960510"}
    page.wait_for_timeout(500)
    screenshot(page, tmp_path, "programme-narathiwat-en", full_page=False)


def test_presenter_mode_hides_the_sidebar_and_exports(app_server, browser_page, tmp_path):
    page = browser_page
    page.goto(f"{app_server.url}/presenter?programme={WESTERN}")
    frame = map_frame(page)
    assert set(_coloured(frame)) == WESTERN_SEVEN
    assert {colour for colour in _coloured(frame).values()} == {PALETTES["contrast"][1][0]}
    page.locator("h1").first.wait_for()
    assert page.locator('[data-testid="stSidebar"]').count() >= 1  # there, but hidden
    assert not page.locator('[data-testid="stSidebar"]').first.is_visible()
    assert not page.locator('[data-testid="stHeader"]').first.is_visible()
    page.wait_for_timeout(500)
    screenshot(page, tmp_path, "presenter-western-mou", full_page=False)

    with page.expect_download(timeout=60_000) as png_download:
        page.get_by_role("button", name="PNG หน้าเดียว").click()
    png_path = png_download.value.path()
    image = Image.open(png_path)
    assert image.format == "PNG" and image.size == PAGE_PIXELS
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    shutil.copyfile(png_path, ARTIFACTS_DIR / "presenter-western-mou-one-pager.png")

    with page.expect_download(timeout=60_000) as pdf_download:
        page.get_by_role("button", name="PDF หน้าเดียว").click()
    pdf = pdf_download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata.title.startswith("บันทึกข้อตกลงความร่วมมือ (MOU)")
    assert "COD-AB" in reader.pages[0].extract_text()
    assert pdf_download.value.suggested_filename.endswith(".pdf")
    assert page.record.outside_requests() == []


def test_presenter_national_view_in_english(app_server, browser_page, tmp_path):
    page = browser_page
    page.goto(f"{app_server.url}/presenter?lang=en")
    frame = map_frame(page)
    assert len(drawn_codes(frame)) == 77
    assert set(_coloured(frame)) == WESTERN_SEVEN | {"14", "96"}
    page.get_by_text("National view").first.wait_for()
    assert not page.locator('[data-testid="stSidebar"]').first.is_visible()
    with page.expect_download(timeout=60_000) as png_download:
        page.get_by_role("button", name="PNG one-pager").click()
    image = Image.open(io.BytesIO(png_download.value.path().read_bytes()))
    assert image.size == PAGE_PIXELS
    page.wait_for_timeout(500)
    screenshot(page, tmp_path, "presenter-national-en", full_page=False)


def test_four_agency_page_colours_nothing_and_lists_counts(app_server, browser_page, tmp_path):
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 3000})
    page.goto(f"{app_server.url}/programme?programme=four-agency-strong-community-mou")
    frame = map_frame(page)
    assert len(drawn_codes(frame)) == 77
    assert _coloured(frame) == {}
    page.get_by_text("สถานที่ที่ระบุไม่ได้แน่ชัด").first.wait_for()  # tables are canvas
    page.get_by_text("เอกสารอ้างอิงและข้อความที่ยกมา").click()
    page.get_by_text("002_14a221205f63af7c.txt").last.wait_for()
    page.wait_for_timeout(800)
    screenshot(page, tmp_path, "programme-four-agency-th", full_page=False)
