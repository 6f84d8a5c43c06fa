"""The map explorer in Debian's Chromium, offline: clicking drills down, the trail goes back."""

from __future__ import annotations

import csv
import io
import re
import time
from pathlib import Path

import openpyxl
import pytest
import shapely

from geo import load_boundaries
from geo.maps import NO_DATA_COLOUR
from tests.e2e import drawn_codes, fill_colours, map_frame, screenshot
from ui.maps import PAINT_WAIT_MS

pytestmark = pytest.mark.browser

MAP_IFRAME = "iframe[src*='streamlit_folium']"
# Streamlit's front end, opened on a page's own path, first looks for its server under
# that path (/explorer/_stcore/…) and then at the root: two 404s that are not ours.
BASE_PATH_PROBE = re.compile(r"/explorer/_stcore/(health|host-config)$")


@pytest.fixture(scope="module")
def subdistricts():
    return load_boundaries().layer("subdistrict")


@pytest.fixture
def failed_responses(browser_page):
    failed: list[str] = []
    browser_page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    return failed


def screen_point(page, frame, code: str) -> tuple[float, float]:
    """Where area `code` lies on the screen, through Leaflet's own coordinates."""
    x, y = frame.evaluate("""(code) => {
        const layer = Object.values(window.map._layers)
            .find(l => l.feature && l.feature.properties.c === code);
        const p = window.map.latLngToContainerPoint(layer.getCenter());
        return [p.x, p.y];
    }""", code)
    box = page.locator(MAP_IFRAME).bounding_box()
    return box["x"] + x, box["y"] + y


def wait_for_codes(frame, wanted, timeout_s: float = 30) -> list[str]:
    """The drawn codes once `wanted(codes)` holds (a click reruns the app once)."""
    deadline = time.monotonic() + timeout_s
    codes: list[str] = []
    while time.monotonic() < deadline:
        codes = drawn_codes(frame)
        if codes and wanted(codes):
            return codes
        time.sleep(0.2)
    raise AssertionError(f"the map did not change as expected; it draws {codes[:10]}…")


def settled_point(page, frame, code: str) -> tuple[float, float]:
    """Where area `code` lies once the map stops moving (a new layer's fitBounds animates)."""
    last = None
    for _ in range(60):
        point = screen_point(page, frame, code)
        if point == last:
            return point
        last = point
        page.wait_for_timeout(150)
    raise AssertionError(f"the map kept moving; area {code} was last at {last}")


def hover_text(page, frame, code: str) -> str:
    x, y = settled_point(page, frame, code)
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y, steps=5)
    return frame.wait_for_selector(".leaflet-tooltip", timeout=5000).inner_text()


def assert_stayed_offline_and_clean(page, failed):
    assert page.record.outside_requests() == []
    assert all(BASE_PATH_PROBE.search(url) for url in failed), failed
    unexplained = [e for e in page.record.console_errors
                   if not e.startswith("Failed to load resource: the server responded "
                                       "with a status of 404")]
    assert unexplained == []
    assert len(page.record.console_errors) - len(unexplained) == len(failed)
    assert page.record.dialogs == []


def test_clicking_kanchanaburi_draws_its_tambons(app_server, browser_page, failed_responses,
                                                 subdistricts, tmp_path):
    page = browser_page
    page.goto(f"{app_server.url}/explorer?level=subdistrict")
    frame = map_frame(page, timeout_ms=90_000)
    assert len(drawn_codes(frame)) == len(subdistricts)
    screenshot(page, tmp_path, "explorer-national-tambons", full_page=False)

    # A click anywhere in Kanchanaburi (here: the middle of one of its tambons) opens the
    # province, still at tambon level.
    inside = subdistricts.loc[subdistricts["code"].str.startswith("71")]
    biggest = inside["code"].iloc[shapely.area(inside.geometry.values).argmax()]
    page.mouse.click(*screen_point(page, frame, biggest))
    expected = sorted(inside["code"])
    codes = wait_for_codes(frame, lambda codes: all(c.startswith("71") for c in codes))
    assert sorted(codes) == expected
    assert len(codes) == len(expected)
    page.get_by_role("button", name="› กาญจนบุรี").wait_for(timeout=10_000)
    assert "area=71" in page.url and "level=subdistrict" in page.url

    # No tambon has rows of its own: all stay no-data, and the tooltip tells that the
    # province is covered as a whole.
    assert set(fill_colours(frame).values()) == {NO_DATA_COLOUR}
    tooltip = hover_text(page, frame, biggest)
    assert "ไม่มีข้อมูล" in tooltip
    assert "ทั้งจังหวัดกาญจนบุรี: 2 โครงการ" in tooltip
    page.wait_for_timeout(400)
    screenshot(page, tmp_path, "explorer-kanchanaburi-tambons", full_page=False)
    assert_stayed_offline_and_clean(page, failed_responses)


def test_drill_from_provinces_to_districts_and_back(app_server, browser_page,
                                                    failed_responses, tmp_path):
    page = browser_page
    page.goto(f"{app_server.url}/explorer")
    frame = map_frame(page, timeout_ms=90_000)
    assert len(drawn_codes(frame)) == 77
    colours = fill_colours(frame)
    assert colours["71"] != NO_DATA_COLOUR and colours["10"] == NO_DATA_COLOUR

    page.mouse.click(*screen_point(page, frame, "71"))
    codes = wait_for_codes(frame, lambda codes: all(len(c) == 4 for c in codes))
    assert all(code.startswith("71") for code in codes) and len(codes) == 13
    back = page.get_by_role("button", name="ประเทศไทย")
    page.get_by_role("button", name="› กาญจนบุรี").wait_for(timeout=10_000)
    assert "area=71" in page.url
    screenshot(page, tmp_path, "explorer-kanchanaburi-districts", full_page=False)

    # The table under the map lists the province as covered whole, and its counted claim.
    page.get_by_text("95 ตำบล ในจังหวัดกาญจนบุรี", exact=False).wait_for(timeout=10_000)
    page.get_by_text("ตารางพื้นที่").scroll_into_view_if_needed()
    page.wait_for_timeout(400)
    screenshot(page, tmp_path, "explorer-kanchanaburi-table", full_page=False)

    # The exports hold exactly that table: Thai intact (BOM for Excel), one row, 71.
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="ดาวน์โหลด CSV").click()
    data = Path(csv_download.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:4] == ["รหัสพื้นที่", "ระดับ", "ชื่อ (ไทย)", "ชื่อ (อังกฤษ)"]
    assert [row[:4] for row in rows[1:]] == [["71", "ทั้งจังหวัด", "กาญจนบุรี", "Kanchanaburi"]]
    with page.expect_download() as xlsx_download:
        page.get_by_role("button", name="ดาวน์โหลด Excel (XLSX)").click()
    saved = tmp_path / xlsx_download.value.suggested_filename
    xlsx_download.value.save_as(saved)
    book = openpyxl.load_workbook(saved)
    sheet = [["" if cell is None else str(cell) for cell in row]  # empty cells stay empty
             for row in book.worksheets[0].iter_rows(values_only=True)]
    assert sheet == rows
    assert saved.name == "explorer-district-71.xlsx"

    back.click()
    wait_for_codes(frame, lambda codes: len(codes) == 77)
    page.wait_for_function("() => !location.search.includes('area=')", timeout=10_000)
    assert_stayed_offline_and_clean(page, failed_responses)


FILTERS = "[data-testid=stSidebar] [data-testid=stMultiSelect]"


def test_filters_and_table_follow_as_soon_as_the_map_is_painted(app_server, browser_page,
                                                                 failed_responses):
    page = browser_page
    page.goto(f"{app_server.url}/explorer")
    page.wait_for_selector(MAP_IFRAME, timeout=60_000)
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    frame.wait_for_function("() => window.map && Object.keys(window.map._layers).length > 77",
                            timeout=60_000)
    painted = time.monotonic()
    page.wait_for_selector(FILTERS, timeout=PAINT_WAIT_MS)
    assert time.monotonic() - painted < PAINT_WAIT_MS / 1000  # the map's signal, not the wait
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=30_000)
    assert page.locator(FILTERS).count() == 6
    assert page.get_by_text("กำลังโหลดตัวกรอง").count() == 0
    assert_stayed_offline_and_clean(page, failed_responses)


def test_a_map_that_cannot_paint_does_not_hold_back_the_page(app_server, browser_page):
    page = browser_page
    page.route("**/leaflet.js", lambda route: route.abort())
    page.goto(f"{app_server.url}/explorer")
    page.get_by_text("กำลังโหลดตัวกรอง").wait_for(timeout=60_000)
    page.wait_for_selector(FILTERS, timeout=PAINT_WAIT_MS + 30_000)
    page.wait_for_selector("[data-testid=stDataFrame]", timeout=30_000)
    assert page.locator(FILTERS).count() == 6
