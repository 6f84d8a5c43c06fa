"""The three users' day in Debian's Chromium, at a phone (390×844), a laptop (1440×900) and
projectors (1280×720, 1920×1080): where things land on screen, how one leaves presenter
mode, what a wrong link says, that the explorer follows its filters, and text contrast."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from geo.maps import CREDIT_OPEN_FROM
from tests.e2e import ARTIFACTS_DIR, drawn_codes, map_frame, wait_until_idle

pytestmark = pytest.mark.browser

PHONE, LAPTOP = {"width": 390, "height": 844}, {"width": 1440, "height": 900}
PROJECTOR, FULL_HD = {"width": 1280, "height": 720}, {"width": 1920, "height": 1080}
MAP_IFRAME = "iframe[src*='streamlit_folium']"
WESTERN = "western-happy-community-mou"
WESTERN_PROVINCES = ("ราชบุรี", "กาญจนบุรี", "นครปฐม", "สมุทรสาคร", "สมุทรสงคราม", "เพชรบุรี",
                     "ประจวบคีรีขันธ์")
CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text()
FIRST_LOAD_MS = 150_000


@pytest.fixture
def open_at(chromium):
    """open_at(viewport, url) → a page of its own (touch on the phone), closed afterwards."""
    contexts = []

    def open_page(viewport: dict, url: str, **options):
        context = chromium.new_context(viewport=viewport, accept_downloads=True,
                                       has_touch=viewport is PHONE, **options)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.goto(url)
        page.wait_for_selector(MAP_IFRAME, timeout=FIRST_LOAD_MS)
        return page

    yield open_page
    for context in contexts:
        context.close()


def shoot(page, name: str) -> None:
    """The viewport as the user sees it, kept in test-artifacts/ to be looked at."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS_DIR / f"users-{name}.png"))


def box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def low_contrast(page) -> list[str]:
    return page.evaluate(CONTRAST_JS)


# --- the executive on a phone -----------------------------------------------------------

def test_phone_overview_map_within_a_screen_and_a_half(app_server, open_at):
    page = open_at(PHONE, f"{app_server.url}/?lang=en")
    frame = map_frame(page, FIRST_LOAD_MS)
    page.locator("[data-testid='stMetric']").first.wait_for()
    shoot(page, "overview-phone")
    # KPI cards share rows: six cards in at most two rows.
    tops = {round(card["y"]) for card in
            (m.bounding_box() for m in page.locator("[data-testid='stMetric']").all())}
    assert len(tops) <= 2, tops
    top = page.evaluate(f"() => document.querySelector(\"{MAP_IFRAME}\")"
                        ".getBoundingClientRect().top")
    assert top <= 1.5 * PHONE["height"], top
    # The credit is folded to its licence (it covered Narathiwat) and opens on a tap.
    credit = frame.locator(".map-credit")
    assert credit.inner_text().strip() == "COD-AB · CC BY-IGO 3.0"
    page.locator(MAP_IFRAME).scroll_into_view_if_needed()
    credit.locator("summary").tap()
    assert "Royal Thai Survey Department" in credit.inner_text()
    # A tapped province says which programmes work there, by name.
    x, y = frame.evaluate("""() => {
        const layer = Object.values(window.map._layers)
            .find(l => l.feature && l.feature.properties.c === '71');
        const p = window.map.latLngToContainerPoint(layer.getBounds().getCenter());
        return [p.x, p.y];
    }""")
    frame_box = box(page, MAP_IFRAME)
    page.touchscreen.tap(frame_box["x"] + x, frame_box["y"] + y)
    frame.wait_for_selector(".leaflet-tooltip", timeout=5_000)
    tooltip = frame.inner_text(".leaflet-tooltip")
    assert "Kanchanaburi" in tooltip and "western region" in tooltip
    tip = frame.locator(".leaflet-tooltip").bounding_box()
    assert tip["x"] >= 0 and tip["x"] + tip["width"] <= frame_box["width"] + 1
    shoot(page, "overview-phone-tapped")
    assert page.console_errors == []


# --- the presenter ----------------------------------------------------------------------

@pytest.mark.parametrize("viewport", [PROJECTOR, FULL_HD], ids=["1280x720", "1920x1080"])
def test_presenter_slide_fits_the_screen(app_server, open_at, viewport):
    page = open_at(viewport, f"{app_server.url}/presenter?programme={WESTERN}")
    frame = map_frame(page, FIRST_LOAD_MS)
    page.locator("[data-testid='stMetric']").first.wait_for()
    page.get_by_text("วันที่ลงนาม", exact=False).last.wait_for()
    time.sleep(1)
    shoot(page, f"presenter-{viewport['width']}")
    height = viewport["height"]
    map_box = box(page, MAP_IFRAME)
    assert map_box["height"] >= 0.5 * height  # the map takes the screen the rest leaves
    assert map_box["y"] + map_box["height"] <= height
    date_line = page.get_by_text("วันที่ลงนาม", exact=False).last.bounding_box()
    assert date_line["y"] + date_line["height"] <= height
    title = box(page, "h1")
    assert title["height"] <= 2.6 * 1.22 * 2.6 * 16  # two lines at most
    # Inside the map: legend and credit in view, place names and the locator drawn.
    for selector in (".map-legend", ".leaflet-control-attribution", ".map-locator"):
        inner = frame.locator(selector).bounding_box()  # in the page's coordinates
        assert inner["y"] + inner["height"] <= map_box["y"] + map_box["height"] + 1, selector
    assert "พื้นที่โครงการ" in frame.inner_text(".map-legend")
    assert "CC BY-IGO 3.0" in frame.inner_text(".leaflet-control-attribution")
    # A slide's map is wide: its credit opens whole by itself.
    assert frame.evaluate("() => window.innerWidth") >= CREDIT_OPEN_FROM
    assert frame.evaluate("() => document.querySelector('.map-credit').open") is True
    # Every province is named; where names would overlap the smaller one waits for a zoom.
    labels = frame.eval_on_selector_all(".area-label", """labels => labels.map(
        label => [label.textContent, getComputedStyle(label).visibility === 'visible'])""")
    assert sorted(name for name, _ in labels) == sorted(WESTERN_PROVINCES)
    assert sum(shown for _, shown in labels) >= 5
    assert dict(labels)["กาญจนบุรี"]
    # The partners on stage, by name.
    partners = page.locator(".st-key-slide_partners").inner_text()
    assert "ศูนย์คุณธรรม" in partners and "ขบวนองค์กรชุมชนภาคตะวันตก" in partners
    assert page.locator("[data-testid='stSidebar']").is_hidden()
    assert page.console_errors == []


def test_leaving_presenter_mode_stays_in_the_tab(app_server, open_at):
    """From a programme's page into presenter mode and back, in one tab; Esc leaves too."""
    page = open_at(LAPTOP, f"{app_server.url}/programme?programme={WESTERN}&lang=en")
    map_frame(page, FIRST_LOAD_MS)
    page.get_by_role("button", name="Open presenter mode").click()
    page.wait_for_url(f"**/presenter?*programme={WESTERN}*")
    map_frame(page)
    wait_until_idle(page)
    page.locator(".st-key-presenter_exit button").first.click()
    page.wait_for_url(f"**/programme?*programme={WESTERN}*")
    assert len(page.context.pages) == 1
    map_frame(page)
    assert page.locator("[data-testid='stSidebar']").is_visible()

    # Opened from the sidebar for the nation, Esc goes back to the overview.
    page.goto(f"{app_server.url}/presenter?lang=en")
    frame = map_frame(page)
    page.locator(".st-key-presenter_exit button").first.wait_for()
    frame.locator(".leaflet-container").click()  # the map has the keyboard: Esc still leaves
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: "/presenter" not in url, timeout=30_000)
    page.locator("[data-testid='stMetric']").first.wait_for()
    assert len(page.context.pages) == 1
    assert "lang=en" in page.url


def test_a_one_pager_shows_a_spinner_while_it_builds(app_server, open_at):
    """The PNG is built on the server when asked for: its button spins meanwhile."""
    page = open_at(LAPTOP, f"{app_server.url}/presenter?programme={WESTERN}&lang=en")
    map_frame(page, FIRST_LOAD_MS)
    button = page.get_by_role("button", name="PNG one-pager")
    button.wait_for()
    wait_until_idle(page)
    page.evaluate("""() => {
        window.sawSpinner = false;
        const watch = new MutationObserver(() => {
            // While the file builds, Streamlit disables the button and swaps its icon
            // for a spinner (it is never disabled otherwise here).
            const busy = [...document.querySelectorAll('[data-testid=stDownloadButton] button')]
                .some(b => b.disabled);
            if (busy) { window.sawSpinner = true; }
        });
        watch.observe(document.body, {subtree: true, childList: true, attributes: true});
    }""")
    with page.expect_download(timeout=60_000) as download:
        button.click()
    assert download.value.suggested_filename.endswith(".png")
    assert page.evaluate("() => window.sawSpinner")


@pytest.mark.parametrize("path", ["/programme?programme=does-not-exist",
                                  "/presenter?programme=does-not-exist"])
def test_an_unknown_programme_in_a_link_says_not_found(app_server, chromium, path):
    context = chromium.new_context(viewport=LAPTOP)
    page = context.new_page()
    try:
        page.goto(f"{app_server.url}{path}&lang=en")
        page.get_by_text("No programme “does-not-exist”").wait_for(timeout=FIRST_LOAD_MS)
        assert "programme=does-not-exist" in page.url  # not rewritten to another one
        assert page.locator(MAP_IFRAME).count() == 0
        page.get_by_text("Choose a programme").first.wait_for()
        shoot(page, "not-found-" + path.split("?")[0].strip("/"))
    finally:
        context.close()


# --- the planner ------------------------------------------------------------------------

def test_explorer_zooms_to_the_filtered_province(app_server, open_at):
    page = open_at(LAPTOP, f"{app_server.url}/explorer?province=71&lang=en")
    frame = map_frame(page, FIRST_LOAD_MS)
    frame.wait_for_function("() => window.map.getZoom() >= 7", timeout=15_000)
    inside = frame.evaluate("""() => {
        const layer = Object.values(window.map._layers)
            .find(l => l.feature && l.feature.properties.c === '71');
        return layer.getBounds().contains(window.map.getCenter());
    }""")
    assert inside
    shoot(page, "explorer-province")
    # Tambons inside the chosen province only, and those of a province-wide programme
    # in the covered-by-parent colour, explained in the legend.
    page.goto(f"{app_server.url}/explorer?province=71&level=subdistrict&lang=en")
    frame = map_frame(page)
    codes = drawn_codes(frame)
    assert codes and all(code.startswith("71") for code in codes)
    assert "Within an area covered as a whole" in frame.inner_text(".map-legend")
    shoot(page, "explorer-tambons")


def test_explorer_by_keyboard(app_server, open_at):
    """The level is chosen with the arrow keys and the trail is followed with Enter."""
    page = open_at(LAPTOP, f"{app_server.url}/explorer?area=71&lang=en")
    frame = map_frame(page, FIRST_LOAD_MS)
    assert all(len(code) == 4 for code in drawn_codes(frame))
    crumb = page.locator(".st-key-ex_crumb_TH button")
    crumb.focus()
    page.keyboard.press("Enter")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(drawn_codes(frame)) != 77:
        time.sleep(0.2)
    assert len(drawn_codes(frame)) == 77
    wait_until_idle(page)
    radio = page.get_by_role("radiogroup").filter(has_text="Province").locator("input").first
    radio.focus()
    page.keyboard.press("ArrowRight")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(len(c) == 4 for c in drawn_codes(frame)):
        time.sleep(0.2)
    assert drawn_codes(frame) and all(len(code) == 4 for code in drawn_codes(frame))


# --- everyone ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/explorer?area=71", f"/presenter?programme={WESTERN}",
                                  f"/programme?programme={WESTERN}&lang=en"])
def test_text_contrast_meets_wcag_aa(app_server, open_at, path):
    page = open_at(LAPTOP, f"{app_server.url}{path}")
    map_frame(page, FIRST_LOAD_MS)
    time.sleep(1)
    assert low_contrast(page) == []
    title = page.locator(MAP_IFRAME).get_attribute("title")
    assert title and "streamlit" not in title
