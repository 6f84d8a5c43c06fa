"""The dashboard in Debian's Chromium, offline: the province map draws from local assets."""

from __future__ import annotations

import pytest

from tests.e2e import drawn_codes, map_frame, screenshot, start_streamlit

pytestmark = pytest.mark.browser


def test_province_map_draws_offline(app_server, browser_page, tmp_path):
    page = browser_page
    page.goto(app_server.url)
    frame = map_frame(page)
    codes = drawn_codes(frame)
    assert len(codes) == 77
    assert len(set(codes)) == 77
    assert all(len(code) == 2 for code in codes)
    attribution = frame.inner_text(".leaflet-control-attribution")
    assert "COD-AB" in attribution and "CC BY-IGO" in attribution
    page.wait_for_timeout(500)
    path = screenshot(page, tmp_path, "foundation-province-map")
    assert path.stat().st_size > 20_000
    assert page.record.outside_requests() == []
    assert page.record.console_errors == []


def test_tooltip_shows_thai_and_english_names(app_server, browser_page):
    page = browser_page
    page.goto(app_server.url)
    frame = map_frame(page)
    # Hover the centre of Kanchanaburi (code 71) through Leaflet's own coordinates.
    point = frame.evaluate("""() => {
        const layer = Object.values(window.map._layers)
            .find(l => l.feature && l.feature.properties.c === "71");
        const p = window.map.latLngToContainerPoint(layer.getCenter());
        return [p.x, p.y];
    }""")
    iframe = page.locator("iframe[src*='streamlit_folium']")
    iframe.scroll_into_view_if_needed()
    box = iframe.bounding_box()
    page.mouse.move(box["x"] + point[0] - 5, box["y"] + point[1] - 5)
    page.mouse.move(box["x"] + point[0], box["y"] + point[1], steps=5)
    tooltip = frame.wait_for_selector(".leaflet-tooltip", timeout=5000)
    text = tooltip.inner_text()
    assert "กาญจนบุรี" in text and "Kanchanaburi" in text


def test_first_visit_by_deep_link_runs_inside_the_dashboard(browser_page, tmp_path):
    """A fresh server whose first visitor opens /partners still shows the app's navigation."""
    server = start_streamlit(tmp_path)
    try:
        page = browser_page
        page.goto(f"{server.url}/partners?lang=en")
        page.get_by_text("ภาษา / Language").first.wait_for(timeout=60_000)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert sidebar.get_by_text("Map explorer").is_visible()
        assert sidebar.get_by_text("partners", exact=True).count() == 0
        assert page.url.startswith(f"{server.url}/partners")
    finally:
        server.stop()
