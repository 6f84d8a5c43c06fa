"""An admin uploads an organisation's logo in Chromium (a hostile file first, refused), and
the presenter slide at 1280×720 and 1920×1080 shows it beside the partner's name, served
from the page itself; the one-pager PNG carries it too."""

from __future__ import annotations

import io
import shutil
import time

import pytest
from PIL import Image

from registry.db import ensure_ready
from tests.accounts import PASSWORD, browser_sign_in, signed_in_as
from tests.e2e import ARTIFACTS_DIR, map_frame, start_streamlit, wait_until_idle
from views.onepager import PAGE_PIXELS

pytestmark = pytest.mark.browser

WESTERN = "western-happy-community-mou"
CODI_EN = "Community Organizations Development Institute (Public Organization)"
HOSTILE = b"<html><img src=x onerror=alert(1)><script>alert(2)</script></html>"
LOGO_COLOUR = (214, 40, 40)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("logos")
    url = f"sqlite:///{folder / 'registry.sqlite'}"
    engine = ensure_ready(url)
    signed_in_as(engine, "admin1", "admin")
    engine.dispose()
    running = start_streamlit(folder, {"DATABASE_URL": url})
    yield running
    running.stop()


def _upload(page, path) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(path))
    page.locator(f"[data-testid='stFileChipName'][title='{path.name}']").wait_for(
        timeout=30_000)
    wait_until_idle(page)
    page.get_by_role("button", name="Save logo").click()


def test_admin_uploads_a_logo_and_the_slide_shows_it(server, chromium, tmp_path):
    admin = chromium.new_context(viewport={"width": 1440, "height": 900})
    page = admin.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    browser_sign_in(page, server.url, "admin1", PASSWORD)
    page.locator("[data-testid='stSidebarNav']").get_by_text("Administration").click()
    page.get_by_text("Organisation logos").first.wait_for(timeout=60_000)
    wait_until_idle(page)
    page.get_by_label("Organisation", exact=True).click()
    page.keyboard.type("Community Organizations Development")
    page.keyboard.press("Enter")
    wait_until_idle(page)
    assert page.get_by_label("Organisation", exact=True).input_value() == CODI_EN

    hostile = tmp_path / "logo.png"  # a web page named as an image
    hostile.write_bytes(HOSTILE)
    _upload(page, hostile)
    page.get_by_text("not a readable PNG or JPEG image").wait_for(timeout=30_000)
    assert page.get_by_text("Current logo of").count() == 0  # nothing stored

    logo = tmp_path / "codi.png"
    Image.new("RGB", (240, 120), LOGO_COLOUR).save(logo)
    _upload(page, logo)
    page.get_by_text(f"Saved the logo of {CODI_EN}").wait_for(timeout=30_000)
    page.get_by_text("Current logo of").first.wait_for(timeout=30_000)
    assert dialogs == []
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    page.get_by_text("Organisation logos").first.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS_DIR / "admin-logos-1440.png"))
    admin.close()

    for width, height in ((1280, 720), (1920, 1080)):
        viewer = chromium.new_context(viewport={"width": width, "height": height},
                                      accept_downloads=True)
        slide = viewer.new_page()
        requests: list[str] = []
        slide.on("request", lambda request, seen=requests: seen.append(request.url))
        slide.goto(f"{server.url}/presenter?programme={WESTERN}&lang=en")
        map_frame(slide, 150_000)
        partners = slide.locator(".st-key-slide_partners")
        partners.locator("img").first.wait_for(timeout=60_000)
        time.sleep(1)
        images = partners.locator("img")
        assert images.count() == 1
        image = images.first
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert image.get_attribute("src").startswith("data:image/png;base64,")
        text = partners.inner_text()
        assert CODI_EN in text and "Mahamakut Buddhist University" in text
        # the logo sits beside its own name, on screen
        row = image.locator("xpath=..")
        assert CODI_EN in row.inner_text()
        logo_box, row_box = image.bounding_box(), row.bounding_box()
        assert logo_box["x"] + logo_box["width"] <= row_box["x"] + row_box["width"]
        assert logo_box["y"] + logo_box["height"] <= height
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        slide.screenshot(path=str(ARTIFACTS_DIR / f"presenter-logo-{width}.png"))
        assert not [url for url in requests if "localhost" not in url
                    and not url.startswith(("data:", "blob:", "about:"))]
        if width == 1280:
            with slide.expect_download(timeout=90_000) as png_download:
                slide.get_by_role("button", name="PNG one-pager").click()
            path = png_download.value.path()
            page_image = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
            assert page_image.size == PAGE_PIXELS
            shutil.copyfile(path, ARTIFACTS_DIR / "presenter-logo-one-pager.png")
            # the logo's colour is printed in the right-hand column (partners)
            right = page_image.crop((int(PAGE_PIXELS[0] * 0.64), 0, PAGE_PIXELS[0],
                                     PAGE_PIXELS[1]))
            assert LOGO_COLOUR in {colour for _, colour in right.getcolors(1 << 20)}
        viewer.close()
