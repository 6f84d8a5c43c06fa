"""The overview and partners pages in Debian's Chromium, offline: map, coverage cards,
the targets-and-progress table and charts drawn, covered provinces coloured, nothing
fetched from outside, no console error; screenshots at phone, laptop and projector size."""

from __future__ import annotations

import pytest

from geo.maps import AREAS_SHOWN_FLAG, CREDIT_OPEN_FROM, NO_DATA_COLOUR
from tests import seed_facts as facts
from tests.e2e import HeldLink, drawn_codes, fill_colours, map_frame, screenshot
from ui.maps import PAINT_WAIT_MS

pytestmark = pytest.mark.browser

# Named in the seed documents (the western MOU's seven provinces, Ayutthaya and
# Narathiwat through Maruebo Tok), read from data/seed.
COVERED = set(facts.named_areas("province"))
LEVELS = ("province", "district", "subdistrict", "village")
SIZES = {"phone": (390, 844), "laptop": (1440, 900), "projector": (1280, 720)}
CHART = "[data-testid='stVegaLiteChart']"
# The first visit to a fresh server migrates and seeds its registry: allow for it.
FIRST_LOAD_MS = 150_000


def open_page(page, url: str) -> None:
    page.goto(url)
    page.locator("[data-testid='stMetric'], [data-testid='stDataFrame']").first.wait_for(
        timeout=FIRST_LOAD_MS)


def full_screenshot(page, tmp_path, name: str):
    """Streamlit scrolls inside its main block, so a tall window shows the whole page."""
    height = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(950, min(int(height) + 40, 4000))})
    page.wait_for_timeout(1200)
    return screenshot(page, tmp_path, name)


def wait_for_charts(page, count: int) -> None:
    """Vega draws into a canvas (or svg) inside each chart element once it has rendered."""
    page.wait_for_function(
        """([selector, count]) => {
            const charts = [...document.querySelectorAll(selector)];
            return charts.length >= count && charts.every(c => {
                const drawn = c.querySelector('canvas, svg.marks');
                return drawn && drawn.getBoundingClientRect().height > 50;
            });
        }""",
        arg=[CHART, count], timeout=30_000,
    )


def test_overview_renders_offline(app_server, browser_page, tmp_path):
    page = browser_page
    open_page(page, app_server.url)
    frame = map_frame(page)
    codes = drawn_codes(frame)
    assert len(codes) == 77 and len(set(codes)) == 77
    fills = fill_colours(frame)
    coloured = {code for code, colour in fills.items() if colour != NO_DATA_COLOUR}
    assert coloured == COVERED
    legend = frame.inner_text(".map-legend")
    assert "จำนวนโครงการ" in legend and "ไม่มีข้อมูล" in legend
    # The credit opens by itself only where the map is wide (the presenter's is).
    width = frame.evaluate("() => window.innerWidth")
    opened = frame.evaluate("() => document.querySelector('.map-credit').open")
    assert opened == (width >= CREDIT_OPEN_FROM)

    metrics = page.locator("[data-testid='stMetric']")
    metrics.first.wait_for()
    assert metrics.count() == 6
    values = [value.strip() for value in
              page.locator("[data-testid='stMetricValue']").all_inner_texts()]
    assert values == [str(n) for n in (len(facts.programmes()),
                                       len(facts.partner_organisations()),
                                       *(len(facts.named_areas(level)) for level in LEVELS))]
    # What is known, with no bar and no share of any target on a card.
    assert page.locator("[data-testid='stProgress']").count() == 0
    for card in metrics.all():
        assert card.is_visible()
    page.get_by_text(f"{len(COVERED)} จาก 77 จังหวัด ที่โครงการระบุชื่อ").wait_for()
    page.get_by_text("เป้าหมายและความก้าวหน้า (รายโครงการ)").wait_for()

    wait_for_charts(page, 2)
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    path = full_screenshot(page, tmp_path, "overview-th")
    assert path.stat().st_size > 50_000
    assert page.record.outside_requests() == []
    assert page.record.console_errors == []


def test_overview_status_map_in_english(app_server, browser_page, tmp_path):
    page = browser_page
    open_page(page, f"{app_server.url}/?lang=en")
    map_frame(page)
    page.get_by_text("Status", exact=True).click()
    # Ayutthaya's coverage is active, the others planned (the documents' MOUs state intent).
    page.wait_for_function(
        """() => [...document.querySelectorAll('iframe')].some(f => {
             try { return f.contentDocument.querySelector('.map-legend')
                          .innerText.includes('Coverage status'); } catch (e) { return false; }
           })""", timeout=30_000)
    frame = map_frame(page)
    fills = fill_colours(frame)
    assert fills["14"] == "#1a9850"
    assert {fills[code] for code in COVERED - {"14"}} == {"#fdb863"}
    assert {fills[code] for code in set(fills) - COVERED} == {NO_DATA_COLOUR}
    legend = frame.inner_text(".map-legend")
    assert "Planned" in legend and "Active" in legend and "No data" in legend
    page.get_by_text(f"{len(COVERED)} of 77 provinces named by programmes").wait_for()
    page.get_by_text("Targets and progress (per programme)").wait_for()
    wait_for_charts(page, 2)
    full_screenshot(page, tmp_path, "overview-en-status")
    assert page.record.outside_requests() == []
    assert page.record.console_errors == []


@pytest.mark.parametrize("lang", ["th", "en"])
def test_overview_cards_at_phone_laptop_and_projector_size(app_server, browser_page, tmp_path,
                                                          lang):
    page = browser_page
    query = "" if lang == "th" else "/?lang=en"
    for name, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        open_page(page, f"{app_server.url}{query}")
        map_frame(page)
        page.locator("[data-testid='stMetric']").first.wait_for()
        assert page.locator("[data-testid='stProgress']").count() == 0
        first_card = page.locator("[data-testid='stMetric']").first
        box = first_card.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        path = screenshot(page, tmp_path, f"overview-{lang}-{name}", full_page=False)
        assert path.stat().st_size > 10_000
    assert page.record.outside_requests() == []
    assert page.record.console_errors == []


def test_partners_network_renders_offline(app_server, browser_page, tmp_path):
    page = browser_page
    # Through the navigation, as people arrive (a deep link makes Streamlit probe
    # /partners/_stcore/… first: 404s in the console that are not ours).
    open_page(page, app_server.url)
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text="ภาคี").click()
    page.wait_for_url("**/partners")
    page.get_by_text("เครือข่ายความร่วมมือ").wait_for()
    wait_for_charts(page, 1)
    page.locator("[data-testid='stDataFrame']").first.wait_for()
    full_screenshot(page, tmp_path, "partners-th")
    assert page.record.outside_requests() == []
    assert page.record.console_errors == []


def test_a_page_link_clicked_while_the_map_paints_is_not_lost(app_server, browser_page):
    """The watcher's rerun goes out with the page the browser last drew: sent between a
    click on another page and the server's answer, it used to take the visitor back."""
    page = browser_page
    page.route("**/leaflet.js", lambda route: route.abort())  # the test says when it paints
    link = HeldLink()
    page.route_web_socket("**/_stcore/stream", link.relay)
    page.goto(app_server.url)
    page.locator("[data-testid='stMetric']").first.wait_for(timeout=60_000)
    # The map's frame is made with the cards but navigates to its page a moment later.
    page.wait_for_selector("iframe[src*='streamlit_folium']", state="attached",
                           timeout=30_000)
    for _ in range(300):
        frame = next((f for f in page.frames if "streamlit_folium" in f.url), None)
        if frame is not None:
            break
        page.wait_for_timeout(100)
    assert frame is not None, "the map's frame never opened its page"
    # The server's answer to the click is held back, as on a slow link, while the map paints.
    link.hold()
    page.locator("[data-testid='stSidebarNavLink']").filter(has_text="ภาคี").click()
    frame.evaluate(f"() => {{ window.{AREAS_SHOWN_FLAG} = true; }}")
    page.wait_for_timeout(1000)
    link.release()
    page.get_by_text("เครือข่ายความร่วมมือ").wait_for(timeout=30_000)
    page.wait_for_timeout(PAINT_WAIT_MS)  # nothing comes later to take the visitor back
    assert page.url.endswith("/partners")
    assert page.get_by_text("เครือข่ายความร่วมมือ").is_visible()
