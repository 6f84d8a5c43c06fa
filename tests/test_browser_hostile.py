"""Hostile names in the real browser: HTML and Markdown typed into programme titles,
partner names, quotes, place names and an uploaded file's name show literally on every page —
import report and history, audit log, overview, explorer, partners (table, network, chart
tooltips), the programme page, presenter mode and its PDF one-pager — and nothing runs: no
dialog opens, no injected element or flag appears, on the page or in the map's iframe.

The registry is filled through the product's own paths: the seed, then the interchange
loader (loaders.interchange) for a programme whose every text field is hostile, then a CSV
uploaded through the import page under a hostile file name. Map tooltips carry no registry
text, so a second test draws hostile area names through `coverage_layer` and hovers them.
"""

from __future__ import annotations

import csv
import hashlib
import re
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from pypdf import PdfReader
from shapely.geometry import box
from sqlalchemy import func, select

from geo import base_map
from geo.maps import render_standalone
from geo.payload import encode_shapes
from loaders.interchange import COLUMNS, ENCODING, import_registry, source_ref
from registry.db import ensure_ready, get_engine, session_scope
from registry.models import ImportFile
from tests.accounts import PASSWORD, browser_sign_in, signed_in_as
from tests.e2e import map_frame, screenshot, start_streamlit
from views.maps import coverage_layer

pytestmark = pytest.mark.browser

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(1)</script>"
# Flags instead of dialogs, in case a browser swallowed alert(): they must stay undefined.
FLAG_IMG = '<img src="y" onerror="window.__xss=1">'
FLAG_SVG = "<svg onload=window.__xss=2>"
# Markdown and LaTeX that would link, embed a picture (a request to outside) or style.
MARKDOWN = ("**bold** [link](https://example.com/x) ![pic](https://example.com/p.png) "
            "$x^2$ :red[red]")
# Jinja, which folium renders maps with: must neither run ("zqzqzq") nor break the map.
JINJA = '{{ "zq" * 3 }} {% if %}'

SLUG = "hostile-names"
TITLE_TH = f"{IMG} โครงการทดสอบ {SCRIPT}"
# "$…$" would be mathtext in the matplotlib one-pager; this one cannot even be parsed.
TITLE_EN = f"{SCRIPT} Hostile programme $\\frac{{$ {FLAG_IMG}"
# Partners' names in Thai and English, with an abbreviation.
ORG_TH, ORG_EN = f"{IMG} มูลนิธิทดสอบ", f"{SCRIPT} Test foundation"
ORG2_TH, ORG2_EN = f"{FLAG_SVG} สมาคมทดสอบ", f"{FLAG_IMG} Test association"
ABBREVIATION = "<i>ทส</i>"
# The cited document, its quote and a place it names that no gazetteer knows.
SOURCE_FILE, QUOTE, PLACE = f"{IMG}.txt", f"{SCRIPT} {MARKDOWN}", f"{IMG} ตำบลไม่มีจริง"
# An uploaded list: its file name, a place in it and a column the importer does not know.
UPLOAD_NAME, UPLOAD_PLACE = f"{IMG}.csv", f"{SCRIPT}ตำบล"
UPLOAD_EXTRA_COLUMN = f"หมายเหตุ {FLAG_IMG}"


def _interchange_folder(folder: Path) -> Path:
    """A registry folder (the format `python -m loaders export` writes) holding one programme
    whose every text field is hostile: titles, description, partners, quote, file name,
    unresolved place, network."""
    folder.mkdir(parents=True, exist_ok=True)
    document = f"{SCRIPT} the document".encode()
    sha = hashlib.sha256(document).hexdigest()
    ref = source_ref("edit", SOURCE_FILE, sha, QUOTE)
    cite = {"source": SOURCE_FILE, "source_ref": ref}
    rows: dict[str, list[dict[str, str]]] = {
        "import_files.csv": [],
        "sources.csv": [{
            "source_ref": ref, "kind": "edit", "file_name": SOURCE_FILE, "content_sha256": sha,
            "quote": QUOTE, "note": MARKDOWN, "created_at": "2024-05-01 09:00:00",
            "created_by": "hostile-test", "import_file_sha256": "",
            "title": SOURCE_FILE, "publisher": "", "published": "", "url": "",
            "document_note": ""}],
        "organisations.csv": [
            {"organisation_id": "hostile-foundation", "name_th": ORG_TH, "name_en": ORG_EN,
             "abbreviation": "", "org_type": "foundation", "province_code": "50"},
            {"organisation_id": "hostile-association", "name_th": ORG2_TH, "name_en": ORG2_EN,
             "abbreviation": ABBREVIATION, "org_type": "other",
             "province_code": ""}],
        "programmes.csv": [{
            "programme_id": SLUG, "title_th": TITLE_TH, "title_en": TITLE_EN,
            "theme": "other", "signed_on": "2024-05-01", "start_on": "2024-05-01",
            "end_on": "2026-12-31", "source": SOURCE_FILE, "status": "active",
            "description_th": f"{MARKDOWN} {IMG}", "description_en": f"{MARKDOWN} {SCRIPT}",
            "is_synthetic": "false"}],
        "programme_sources.csv": [{"programme_id": SLUG, "field": "title", **cite}],
        "partners.csv": [
            {"programme_id": SLUG, "organisation_th": ORG_TH, "organisation_en": ORG_EN,
             "role": "lead", "organisation_id": "hostile-foundation",
             "description": f"{SCRIPT} {MARKDOWN}", **cite},
            {"programme_id": SLUG, "organisation_th": ORG2_TH, "organisation_en": ORG2_EN,
             "role": "funder", "organisation_id": "hostile-association",
             "description": FLAG_SVG, **cite}],
        "coverage.csv": [
            {"programme_id": SLUG, "level": "province", "area_code": code, "status": "active",
             "year": "2024", "is_synthetic": "false", **cite} for code in ("50", "58")],
        "claims.csv": [{
            "programme_id": SLUG, "measure": "villages", "level": "village",
            "within_code": "50", "value": "10", "kind": "target", "as_of": "2024-05-01",
            "qualifier": "", "is_synthetic": "false", **cite}],
        "place_mentions.csv": [{
            "programme_id": SLUG, "name_as_written": PLACE, "level": "subdistrict",
            "resolution": "unknown", "candidate_codes": "", **cite}],
        "networks.csv": [{
            "programme_id": SLUG, "name_th": f"{IMG} เครือข่าย", "name_en": f"{SCRIPT} network",
            "number": "3", "area_code": "50", **cite}],
    }
    for name, columns in COLUMNS.items():
        with (folder / name).open("w", encoding=ENCODING, newline="") as handle:
            writer = csv.DictWriter(handle, columns)
            writer.writeheader()
            writer.writerows(rows.get(name, []))
    return folder


def hostile_registry(folder: Path) -> str:
    """A seeded SQLite registry plus the hostile programme, and an admin account."""
    url = f"sqlite:///{folder / 'registry.sqlite'}"
    engine = ensure_ready(url)
    with session_scope(engine) as session:
        import_registry(session, _interchange_folder(folder / "hostile-registry"))
    signed_in_as(engine, "hostile-admin", role="admin")
    engine.dispose()
    return url


def upload_csv(fixed: bool = False) -> bytes:
    """An office's list: one row that matches (Chiang Rai, for the hostile programme, by its
    Thai title) and one whose subdistrict is a script tag (reported; the file is not stored
    until it is fixed, i.e. that row taken out)."""
    lines = [["โครงการ", "จังหวัด", "อำเภอ/เขต", "ตำบล/แขวง", "ปี พ.ศ.", UPLOAD_EXTRA_COLUMN],
             [TITLE_TH, "เชียงราย", "", "", "2567", MARKDOWN],
             [TITLE_TH, "เชียงราย", "เมืองเชียงราย", UPLOAD_PLACE, "2567", IMG]]
    lines = lines[:2] if fixed else lines
    return "\n".join(",".join(f'"{cell}"' for cell in line) for line in lines).encode("utf-8")


# --- what the browser must (not) show ---------------------------------------------------------

# Elements the payloads would create if any of them were parsed as HTML or Markdown.
INJECTED = ("img[src='x'], img[src='y'], svg[onload], img[src*='example.com'], .katex, "
            "a[href^='javascript']")
PAGE_STATE = """(selector) => ({
    flag: typeof window.__xss,
    injected: Array.from(document.querySelectorAll(selector)).map(e => e.outerHTML),
    // <script>alert(1)</script> made an element (the map's own script carries it as data)
    scripts: Array.from(document.scripts).filter(s => s.text.trim() === "alert(1)").length,
    // <i>ทส</i>, **bold**: markup that only styles
    styled: Array.from(document.querySelectorAll("i, em, b, strong"))
        .filter(e => ["ทส", "bold"].includes(e.textContent.trim())).map(e => e.outerHTML),
    // A Markdown link shows other words than its address; an address written out in full
    // may be linked (GitHub-style autolink) but still reads as typed.
    links: Array.from(document.querySelectorAll("a[href*='example.com']"))
        .filter(a => a.textContent.trim() !== a.getAttribute("href")).map(a => a.outerHTML),
})"""
CLEAN = {"flag": "undefined", "injected": [], "scripts": 0, "styled": [], "links": []}


def assert_nothing_ran(page, where: str) -> None:
    """No dialog so far; no flag set, no injected element, no Markdown link — on the page
    and in every frame (the map's iframe)."""
    assert page.record.dialogs == [], f"{where}: a dialog opened: {page.record.dialogs}"
    for frame in page.frames:
        state = frame.evaluate(PAGE_STATE, INJECTED)
        assert state == CLEAN, f"{where} ({frame.url}): {state}"
    assert page.record.outside_requests() == [], f"{where}: {page.record.outside_requests()}"


def cell_texts(page) -> list[str]:
    """Every data-grid cell drawn so far (the grid keeps an accessible copy as a table)."""
    return page.locator("[data-testid='stDataFrame'] td").evaluate_all(
        "cells => cells.map(c => c.textContent)")


def wait_for_cells(page, *wanted: str, timeout_s: float = 60) -> list[str]:
    """The grid cells once each of `wanted` is written in one of them, as typed."""
    deadline = time.monotonic() + timeout_s
    cells: list[str] = []
    while time.monotonic() < deadline:
        cells = cell_texts(page)
        if all(any(text in cell for cell in cells) for text in wanted):
            return cells
        time.sleep(0.3)
    missing = [text for text in wanted if not any(text in cell for cell in cells)]
    raise AssertionError(f"no table cell reads {missing}; cells with markup: "
                         f"{[c for c in cells if '<' in c]}")


def body_text(page) -> str:
    return page.inner_text("body")


def vega_tooltip(page, label_text: str, dx: float) -> str:
    """Hovers `dx` pixels right of a chart's axis or node label; the tooltip's text, after
    checking that its HTML holds the names only as escaped text."""
    label = page.locator("[data-testid='stVegaLiteChart'] svg text", has_text=label_text).first
    label.scroll_into_view_if_needed()
    box = label.bounding_box()
    x = box["x"] + (box["width"] + dx if dx > 0 else dx)
    page.mouse.move(x - 5, box["y"])
    page.mouse.move(x, box["y"] + box["height"] / 2, steps=4)
    tip = page.locator("#vg-tooltip-element")
    tip.wait_for(timeout=5000)
    assert tip.locator("img, svg, script, i").count() == 0, tip.inner_html()
    return tip.inner_text()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    server = start_streamlit(folder, {"DATABASE_URL": hostile_registry(folder)})
    yield server
    server.stop()


def test_hostile_names_show_literally_and_nothing_runs(hostile_server, browser_page, tmp_path):
    page, url = browser_page, hostile_server.url
    sidebar = page.locator("[data-testid='stSidebarNav']")

    # The import page: a file whose name and cells are markup, checked and committed.
    browser_sign_in(page, url, "hostile-admin", PASSWORD)
    sidebar.get_by_text("Import data").click()
    page.get_by_text("Import programme areas").first.wait_for(timeout=60_000)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": UPLOAD_NAME, "mimeType": "text/csv", "buffer": upload_csv()})
    page.get_by_role("button", name="Check", exact=True).click()
    page.get_by_text(f"{UPLOAD_NAME}: 2 rows — 1 matched, 1 unknown").wait_for(timeout=60_000)
    wait_for_cells(page, UPLOAD_PLACE)
    assert_nothing_ran(page, "import report")
    page.get_by_text("Row-by-row report").scroll_into_view_if_needed()
    screenshot(page, tmp_path, "hostile-import-report", full_page=False)
    assert page.get_by_role("button", name="Commit all rows (1)").is_disabled()
    page.get_by_text("1 rows need attention. Nothing is stored").wait_for(timeout=60_000)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": UPLOAD_NAME, "mimeType": "text/csv", "buffer": upload_csv(fixed=True)})
    page.get_by_role("button", name="Check", exact=True).click()
    page.get_by_text(f"{UPLOAD_NAME}: 1 rows — 1 matched").wait_for(timeout=60_000)
    page.get_by_role("button", name="Commit all rows (1)").click()
    page.get_by_text(re.compile(r"Import #\d+: 1 rows added")).wait_for(timeout=60_000)
    assert UPLOAD_NAME in wait_for_cells(page, UPLOAD_NAME)  # the history, cell as typed
    assert_nothing_ran(page, "import history")

    # The admin page: the audit log and the imports name the file as it was called.
    sidebar.get_by_text("Administration").click()
    page.get_by_role("tab", name="Audit log").click()
    wait_for_cells(page, f"file_name: {UPLOAD_NAME}")
    page.get_by_role("tab", name="Imports").click()
    assert UPLOAD_NAME in wait_for_cells(page, UPLOAD_NAME)
    assert_nothing_ran(page, "admin")
    screenshot(page, tmp_path, "hostile-admin-imports", full_page=False)

    # Overview (a new session, so what the import added is read afresh).
    page.goto(url)
    cells = wait_for_cells(page, ORG_TH, ORG2_TH, PLACE, TITLE_TH)
    assert ORG_TH in cells and ORG2_TH in cells and PLACE in cells
    map_frame(page)
    assert ORG_TH in vega_tooltip(page, "<img src=x", dx=30)  # the partners bar chart
    assert_nothing_ran(page, "overview")
    screenshot(page, tmp_path, "hostile-overview-partners", full_page=False)

    # Map explorer, filtered to the programme and drilled into Chiang Mai: the sentence on
    # the province covered whole, the counted claim and the table name it.
    page.goto(f"{url}/explorer?programme={SLUG}&area=50&level=district")
    page.locator("[data-testid='stAlert']", has_text=TITLE_TH).wait_for(timeout=60_000)
    page.locator("[data-testid='stText']", has_text=TITLE_TH).first.wait_for()
    wait_for_cells(page, TITLE_TH)
    map_frame(page)
    assert_nothing_ran(page, "explorer")
    page.locator("[data-testid='stAlert']", has_text=TITLE_TH).scroll_into_view_if_needed()
    screenshot(page, tmp_path, "hostile-explorer", full_page=False)

    # Partners: the table, the pairs and the network's labels and tooltips.
    page.goto(f"{url}/partners")
    cells = wait_for_cells(page, ORG_TH, ORG2_TH, ABBREVIATION, TITLE_TH)
    assert ORG_TH in cells and ABBREVIATION in cells
    assert ORG_TH in vega_tooltip(page, "<img src=x", dx=-24)  # the node left of its label
    assert ABBREVIATION in body_text(page)  # its label in the network, as typed
    assert_nothing_ran(page, "partners")
    screenshot(page, tmp_path, "hostile-partners-network", full_page=False)

    # The programme's own page: titles, description, partners, places, sources, quotes.
    page.goto(f"{url}/programme?programme={SLUG}")
    page.locator("h1", has_text=TITLE_TH).wait_for(timeout=60_000)
    assert page.locator("h1").first.inner_text().strip() == TITLE_TH
    text = body_text(page)
    assert TITLE_EN in text and f"{MARKDOWN} {IMG}" in text
    map_frame(page)
    wait_for_cells(page, f"{ORG2_TH} ({ABBREVIATION})", f"{SCRIPT} {MARKDOWN}", FLAG_SVG,
                   PLACE, SOURCE_FILE, UPLOAD_NAME)
    assert_nothing_ran(page, "programme page")
    screenshot(page, tmp_path, "hostile-programme", full_page=False)
    page.get_by_text("เอกสารอ้างอิงและข้อความที่ยกมา").click()
    wait_for_cells(page, QUOTE)
    headings = page.locator("[data-testid='stExpander'] [data-testid='stMarkdownContainer'] "
                            "strong").all_inner_texts()
    assert headings == sorted([f"“{SOURCE_FILE}”", f"“{UPLOAD_NAME}”"])  # each file once, whole
    assert_nothing_ran(page, "programme sources")
    page.get_by_text(SOURCE_FILE).last.scroll_into_view_if_needed()
    screenshot(page, tmp_path, "hostile-programme-sources", full_page=False)

    # Presenter mode and its one-pager: printed as typed ("$…$" is not mathtext).
    page.goto(f"{url}/presenter?programme={SLUG}")
    page.locator("h1", has_text=TITLE_TH).wait_for(timeout=60_000)
    assert TITLE_EN in body_text(page)
    map_frame(page)
    assert_nothing_ran(page, "presenter")
    screenshot(page, tmp_path, "hostile-presenter", full_page=False)
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="PDF หน้าเดียว").click()
    reader = PdfReader(download.value.path())
    assert reader.metadata.title == TITLE_TH
    printed = " ".join(reader.pages[0].extract_text().split())
    assert TITLE_EN in printed and IMG in printed and SCRIPT in printed
    assert page.record.dialogs == []


def test_map_tooltips_and_legend_show_hostile_names_literally(hostile_server, browser_page,
                                                              tmp_path):
    """The registry's text never reaches a map tooltip (names come from the boundary files,
    figures are numbers), so this draws one through `coverage_layer` with hostile area
    names, extra lines and legend title, in Chromium with the app's own Leaflet."""
    page = browser_page
    shapes = encode_shapes(gpd.GeoDataFrame(
        {"code": ["10", "11"]}, geometry=[box(100, 13, 101, 14), box(101, 13, 102, 14)],
        crs=4326), "province")
    names = pd.DataFrame({"code": ["10", "11"], "name_th": [IMG, "ปลอดภัย"],
                          "name_en": [SCRIPT, "safe"]})
    layer = coverage_layer(shapes, pd.DataFrame({"code": ["10"], "programmes": [2]}), names,
                           "th", value_label=FLAG_SVG,
                           extra_lines={"10": [FLAG_IMG, MARKDOWN, JINJA]})
    html = render_standalone(base_map("th"), layer)
    page.route("**/hostile-map.html", lambda route: route.fulfill(
        status=200, content_type="text/html", body=html))
    page.goto(f"{hostile_server.url}/hostile-map.html")
    page.wait_for_function("() => window.map_base && Object.values(map_base._layers)"
                           ".some(l => l.feature && l.feature.properties.c === '10')")
    x, y = page.evaluate("""() => {
        const layer = Object.values(map_base._layers)
            .find(l => l.feature && l.feature.properties.c === "10");
        const p = map_base.latLngToContainerPoint(layer.getCenter());
        return [p.x, p.y];
    }""")
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y, steps=5)
    tooltip = page.wait_for_selector(".leaflet-tooltip", timeout=5000)
    lines = tooltip.inner_text().splitlines()
    assert lines == [IMG, SCRIPT, f"{FLAG_SVG}: 2", FLAG_IMG, MARKDOWN, JINJA]
    assert tooltip.query_selector("b").inner_text() == IMG  # the name is bold, nothing else
    legend = page.locator(".map-legend").inner_text()
    assert legend.startswith(FLAG_SVG)
    assert_nothing_ran(page, "standalone map")
    screenshot(page, tmp_path, "hostile-map-tooltip", full_page=False)


# --- the import page under load, and the upload endpoint ------------------------------------

def _large_csv() -> bytes:
    """99,000 rows that all match: every subdistrict code in turn, one Buddhist year each."""
    from geo.gazetteer import areas

    codes = areas().query("level == 'subdistrict'")["code"].tolist()
    lines = ["โครงการ,รหัส,ปี"] + [f"{SLUG},{codes[n % len(codes)]},{2500 + n // len(codes)}"
                                  for n in range(99_000)]
    return "\n".join(lines).encode("utf-8")


def test_a_large_import_shows_progress_and_cancel_stores_nothing(hostile_server, browser_page,
                                                                 tmp_path):
    page, url = browser_page, hostile_server.url
    browser_sign_in(page, url, "hostile-admin", PASSWORD)
    page.locator("[data-testid='stSidebarNav']").get_by_text("Import data").click()
    page.get_by_text("Import programme areas").first.wait_for(timeout=60_000)
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
        {"name": "large.csv", "mimeType": "text/csv", "buffer": _large_csv()})
    page.get_by_role("button", name="Check", exact=True).click()
    page.get_by_text(re.compile(r"Checking: [\d,]+ of 99,000 rows")).wait_for(timeout=60_000)
    page.get_by_text("large.csv: 99000 rows — 99000 matched").wait_for(timeout=300_000)
    page.get_by_role("button", name="Commit all rows (99000)").click()
    page.get_by_text(re.compile(r"Storing: [1-9][\d,]* of 99,000 rows")).wait_for(
        timeout=120_000)
    screenshot(page, tmp_path, "import-storing-progress", full_page=False)
    page.get_by_role("button", name="Cancel").click()
    page.get_by_text("Cancelled: nothing was stored").wait_for(timeout=60_000)
    engine = get_engine(hostile_server.env["DATABASE_URL"])
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(ImportFile)
                              .where(ImportFile.file_name == "large.csv")) == 0
    engine.dispose()


def test_uploads_are_refused_once_the_editor_signs_out(hostile_server, browser_page):
    page, url = browser_page, hostile_server.url
    browser_sign_in(page, url, "hostile-admin", PASSWORD)
    page.locator("[data-testid='stSidebarNav']").get_by_text("Import data").click()
    page.get_by_text("Import programme areas").first.wait_for(timeout=60_000)
    with page.expect_request(lambda r: "/_stcore/upload_file/" in r.url
                             and r.method == "PUT") as caught:
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            {"name": "a.csv", "mimeType": "text/csv", "buffer": upload_csv(fixed=True)})
    upload = caught.value
    token = upload.all_headers().get("x-xsrftoken", "")
    body = {"file": {"name": "b.csv", "mimeType": "text/csv", "buffer": b"x" * 1_000_000}}
    again = page.request.put(upload.url, headers={"X-Xsrftoken": token}, multipart=body)
    assert again.status == 204, "a signed-in editor's session may upload"

    sidebar = page.locator("section[data-testid='stSidebar']")
    sidebar.get_by_role("button", name="Sign out").click()
    sidebar.get_by_text("Signed in as").wait_for(state="detached", timeout=60_000)
    refused = page.request.put(upload.url, headers={"X-Xsrftoken": token}, multipart=body)
    assert refused.status == 403, "the same tab, signed out, may not"
