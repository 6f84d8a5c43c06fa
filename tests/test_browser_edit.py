"""The write path in a real browser: an editor enters a programme from a news article (title,
signing date, six partners of which one is new, its province, a source URL and quote), a
second editor publishes it, and a viewer finds it on the overview, explorer, partners and
programme pages."""

from __future__ import annotations

import re

import pytest

from geo import load_boundaries
from registry.db import ensure_ready
from tests.accounts import PASSWORD, browser_sign_in, signed_in_as
from tests.e2e import map_frame, screenshot, start_streamlit, wait_until_idle
from tests.test_browser_hostile import wait_for_cells
from views.text import t

pytestmark = pytest.mark.browser

SLUG = "surat-moral-province"
TITLE = "สุราษฎร์ธานีจังหวัดคุณธรรม"
NEW_ORG = "มหาวิทยาลัยราชภัฏสุราษฎร์ธานี"
KNOWN = ["ศูนย์คุณธรรม", "พอช", "สสส", "มมร", "กรมการพัฒนาชุมชน"]
URL = "https://example.org/news/surat-moral-province"
QUOTE = "ลงนามบันทึกข้อตกลงความร่วมมือขับเคลื่อนจังหวัดคุณธรรม"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edit")
    url = f"sqlite:///{folder / 'registry.sqlite'}"
    engine = ensure_ready(url)
    for name in ("editor1", "editor2"):
        signed_in_as(engine, name)
    engine.dispose()
    running = start_streamlit(folder, {"DATABASE_URL": url})
    yield running
    running.stop()


def _fill(page, label: str, text: str) -> None:
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Tab")
    page.wait_for_timeout(600)


def _open_form(page, url: str, user: str) -> None:
    browser_sign_in(page, url, user, PASSWORD)
    page.locator("[data-testid='stSidebarNav']").get_by_text("Enter programmes").click()
    page.get_by_text("Enter and edit programmes").first.wait_for(timeout=60_000)


def test_enter_publish_and_find_a_programme(server, chromium, tmp_path):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open_form(page, server.url, "editor1")
    _fill(page, "Title (Thai)", TITLE)
    _fill(page, "Title (English)", "Surat Thani moral province")
    _fill(page, "Programme id (a-z, 0-9, -)", SLUG)
    _fill(page, "Signed on", "14 มี.ค. 2566")
    for name in KNOWN:
        _fill(page, "Find an organisation (name, abbreviation or alias)", name)
        page.get_by_role("button", name="Add partner").click()
        page.get_by_text(name if name != "พอช" else "(พอช.)", exact=False).first.wait_for()
        page.wait_for_timeout(600)
    page.get_by_text("Add a new organisation").click()
    _fill(page, "Name (Thai)", NEW_ORG)
    _fill(page, "Abbreviation", "มรส.")
    page.get_by_role("button", name="Add as partner").click()
    page.get_by_text(f"{NEW_ORG} (ใหม่ / new)").wait_for()
    page.get_by_label("Choose areas").click()
    page.keyboard.type("สุราษฎร์ธานี")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_timeout(600)
    page.get_by_role("button", name="Add chosen areas").click()
    page.get_by_text("Province · สุราษฎร์ธานี").wait_for()
    _fill(page, "Web address of the document", URL)
    _fill(page, "Quote from the document", QUOTE)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text("Draft #1 saved").wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Publish", exact=True).is_disabled()
    screenshot(page, tmp_path, "edit-form-saved")
    context.close()

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open_form(page, server.url, "editor2")
    page.get_by_text(f"Draft · {TITLE} ({SLUG}) · by editor1").wait_for()
    screenshot(page, tmp_path, "edit-draft-preview")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Draft #1 published").wait_for(timeout=30_000)
    context.close()

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url)
    wait_for_cells(page, NEW_ORG, timeout_s=120)  # the overview's partners table
    screenshot(page, tmp_path, "edit-overview-as-viewer", full_page=False)
    page.goto(f"{server.url}/explorer?programme={SLUG}")
    wait_for_cells(page, TITLE, timeout_s=120)
    page.goto(f"{server.url}/partners")
    wait_for_cells(page, NEW_ORG)
    page.goto(f"{server.url}/programme?programme={SLUG}")
    page.locator("h1", has_text=TITLE).wait_for(timeout=60_000)
    assert "14 มี.ค. 2566" in page.inner_text("body")
    screenshot(page, tmp_path, "edit-programme-as-viewer")
    for size in ((390, 844), (1280, 720)):
        page.set_viewport_size({"width": size[0], "height": size[1]})
        screenshot(page, tmp_path, f"edit-programme-{size[0]}", full_page=False)
    context.close()


def test_an_area_is_added_by_clicking_the_map(server, chromium, tmp_path):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _open_form(page, server.url, "editor1")
    page.get_by_text("Choose on the map (click an area to add it)").click()
    frame = map_frame(page, timeout_ms=60_000)
    iframe = page.locator("iframe[src*='streamlit_folium']")
    iframe.scroll_into_view_if_needed()
    wait_until_idle(page)
    # A point inside Surat Thani, placed on the screen by Leaflet itself.
    inside = load_boundaries().layer("province").set_index("code").loc["84", "geometry"]
    point = inside.representative_point()
    x, y = frame.evaluate("([lat, lng]) => { const p = window.map.latLngToContainerPoint("
                          "[lat, lng]); return [p.x, p.y]; }", [point.y, point.x])
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.get_by_text("Province · สุราษฎร์ธานี").wait_for(timeout=30_000)
    screenshot(page, tmp_path, "edit-map-clicked", full_page=False)
    context.close()


def test_a_tambon_is_clicked_on_its_province_map_and_saved(server, chromium, tmp_path):
    from sqlalchemy import select

    from registry import drafts
    from registry.db import session_scope
    from registry.models import Draft

    context = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    _open_form(page, server.url, "editor2")
    _fill(page, "Title (Thai)", "ตำบลคุณธรรมสุราษฎร์ธานี")
    _fill(page, "Programme id (a-z, 0-9, -)", "surat-tambons")
    levels = page.locator("[data-testid='stButtonGroup']")
    levels.get_by_text(t("subdistrict", "en"), exact=True).click()
    wait_until_idle(page)
    page.get_by_text("Choose on the map (click an area to add it)").click()
    page.get_by_label("Province whose tambons to click").click()
    page.keyboard.type("สุราษฎร์ธานี")
    page.keyboard.press("Enter")
    frame = map_frame(page, timeout_ms=60_000)
    iframe = page.locator("iframe[src*='streamlit_folium']")
    iframe.scroll_into_view_if_needed()
    wait_until_idle(page)
    tambons = load_boundaries().layer("subdistrict")
    tambon = tambons[tambons["code"].str.startswith("84")].iloc[0]
    point = tambon["geometry"].representative_point()
    x, y = frame.evaluate("([lat, lng]) => { const p = window.map.latLngToContainerPoint("
                          "[lat, lng]); return [p.x, p.y]; }", [point.y, point.x])
    box = iframe.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.get_by_text(f"({tambon['code']})").first.wait_for(timeout=30_000)
    screenshot(page, tmp_path, "edit-map-tambon", full_page=False)
    _fill(page, "Web address of the document", URL)
    _fill(page, "Quote from the document", QUOTE)
    page.get_by_role("button", name="Save draft").click()
    page.get_by_text(re.compile(r"Draft #\d+ saved|Not saved")).first.wait_for(timeout=30_000)
    assert not page.get_by_text("Not saved").count(), page.get_by_text("Not saved").inner_text()
    with session_scope(ensure_ready(server.env["DATABASE_URL"])) as session:
        draft = session.scalar(select(Draft).where(Draft.programme_slug == "surat-tambons"))
        coverage = drafts.bundle_of(draft)["coverage"]
    assert [(row["level"], row["area_code"]) for row in coverage] == [
        ("subdistrict", tambon["code"])]
    context.close()


def test_a_registry_workbook_on_the_import_page(server, chromium, tmp_path):
    from tests.test_workbook import sheets, xlsx

    content = sheets()
    content["Programmes"][1][:2] = ["workbook-programme", "โครงการจากสมุดงาน"]
    content["Partners"] = [content["Partners"][0],
                           ["workbook-programme", "สสส.", "funder", "news1", ""]]
    content["Coverage"] = [content["Coverage"][0], ["workbook-programme", "ชุมพร", "2566"]]
    del content["องค์กร"]
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    browser_sign_in(page, server.url, "editor1", PASSWORD)
    page.locator("[data-testid='stSidebarNav']").get_by_text("Import data").click()
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": "programmes.xlsx", "buffer": xlsx(content),
         "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    page.get_by_text("Every row is accepted", exact=True).wait_for(timeout=60_000)
    page.get_by_role("button", name="Store the programmes (1)").click()
    page.get_by_text("stored workbook-programme").wait_for(timeout=60_000)
    screenshot(page, tmp_path, "import-workbook-stored", full_page=False)
    page.get_by_role("button", name="Undo import").click()
    page.get_by_text("workbook-programme back as before").wait_for(timeout=60_000)
    context.close()
