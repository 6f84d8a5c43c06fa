"""AppTest for presenter mode: national or one programme, both languages, selector and URL
in step, the page's own constant CSS hiding the sidebar, KPIs and the export buttons."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests import seed_facts as facts
from tests.pages import run_page, seeded_registry, use_registry
from views.programme import md

WESTERN = "western-happy-community-mou"
FOUR_AGENCY = "four-agency-strong-community-mou"
KANCHANABURI = "kanchanaburi-community-organisations-mou"
SLUGS = ["ayutthaya-moral-province-2564", FOUR_AGENCY, KANCHANABURI,
         "narathiwat-resilient-communities-mou", WESTERN]


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory) -> str:
    return seeded_registry(tmp_path_factory.mktemp("presenter_page"))


@pytest.fixture(autouse=True)
def registry(seeded_url, monkeypatch) -> str:
    return use_registry(seeded_url, monkeypatch)


def run(lang: str = "th", programme: str | None = None) -> AppTest:
    return run_page("presenter", lang, programme=programme)


def metrics(app: AppTest) -> dict[str, str]:
    """Label (as written, before markdown escaping) -> value."""
    return {metric.label.replace("\\", ""): metric.value for metric in app.metric}


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("programme", [None, "national", *SLUGS])
def test_runs_for_the_nation_and_every_programme(programme, lang):
    app = run(lang, programme)
    expected = programme or "national"
    assert app.selectbox(key="presenter_choice").value == expected
    assert app.query_params["programme"] == expected
    assert len(app.title) == 1
    assert len(app.get("download_button")) == 2


def test_first_run_shows_title_and_map_then_the_rest():
    """A venue's screen gets the heading and the map first; the controls and figures are
    drawn once the browser reports the map painted (what ui.maps.map_painted waits for)."""
    from ui.maps import painted_flag

    app = run_page("presenter", programme=WESTERN, painted=False)
    assert len(app.title) == 1
    assert not app.metric and not app.selectbox and not app.get("download_button")
    app.session_state[painted_flag("presenter_map")] = True
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert len(app.title) == 1 and app.metric
    assert app.selectbox(key="presenter_choice").value == WESTERN


def test_the_page_hides_sidebar_and_header_with_constant_css():
    app = run()
    css = [h.value for h in app.get("html") if h.value.startswith("<style>")]
    assert len(css) == 1
    assert '[data-testid="stSidebar"]' in css[0] and '[data-testid="stHeader"]' in css[0]
    assert "display: none" in css[0]
    # the CSS is the same whatever is shown: it carries no data
    other = run("en", WESTERN)
    assert [h.value for h in other.get("html") if h.value.startswith("<style>")] == css


@pytest.mark.parametrize(("lang", "expected"), [
    ("th", ["โครงการ", "องค์กรภาคี", "จังหวัดที่มีพื้นที่ดำเนินงาน", "ตำบลที่ระบุรายชื่อ"]),
    ("en", ["Programmes", "Partner organisations", "Provinces covered", "Tambons listed"]),
])
def test_national_kpis(lang, expected):
    """The national slide: counts of what is known, no summed targets or borrowed counts."""
    app = run(lang)
    shown = metrics(app)
    assert len(shown) == len(app.metric)  # no two KPIs share a label
    assert shown == dict(zip(expected, map(str, [
        len(facts.programmes()), len(facts.partner_organisations()),
        len(facts.named_areas("province")), len(facts.named_areas("subdistrict"))]),
        strict=True))


def test_four_agency_shows_its_targets_as_counts():
    app = run("en", FOUR_AGENCY)
    assert [m.value for m in app.metric] == ["4", "77", "90", "90", "900"]
    assert any("lists no areas" in i.value for i in app.info)
    assert any("counted, areas not listed" in c.value for c in app.caption)


def test_programme_title_and_date_line():
    app = run("en", KANCHANABURI)
    assert [t.value for t in app.title] == [md(
        "MOU on academic and operational cooperation for developing local community "
        "organisations, Kanchanaburi")]
    # The document gives months: no invented first or last day.
    assert any(md("Jun 2562 – May 2567 BE") in c.value for c in app.caption)


def test_selecting_changes_the_page_and_the_url():
    app = run("th")
    app.selectbox(key="presenter_choice").set_value(WESTERN).run()
    assert not app.exception
    assert app.query_params["programme"] == WESTERN
    assert metrics(app) == {"องค์กรภาคี": "6", "จังหวัด": "7"}
    app.selectbox(key="presenter_choice").set_value("national").run()
    assert app.query_params["programme"] == "national"
    assert metrics(app)["โครงการ"] == str(len(facts.programmes()))


def test_an_unknown_programme_says_not_found_with_a_chooser():
    app = run_page("presenter", programme="does-not-exist", errors=True)
    assert ["does-not-exist" in e.value for e in app.error] == [True]
    assert not app.metric and app.query_params["programme"] == "does-not-exist"
    app.selectbox(key="presenter_missing_choice").set_value(WESTERN).run()
    assert not app.exception and not app.error
    assert app.query_params["programme"] == WESTERN


def test_one_programme_slide_names_its_partners_and_area():
    app = run("en", WESTERN)
    partners = [h.proto.body for h in app.get("html")
                if h.proto.body.startswith('<div class="slide-partners"')]
    assert len(partners) == 1
    assert "<strong>Partners</strong>" in partners[0]
    assert "<span>Mahamakut Buddhist University</span>" in partners[0]
    captions = "\n".join(c.value for c in app.caption)
    assert "7 covered areas" in captions and "Kanchanaburi" in captions


def test_a_programme_slide_cites_its_documents_by_title_and_date():
    app = run("en", WESTERN)
    captions = "\n".join(c.value for c in app.caption)
    assert md("Sources: “สมาคมนักสร้างสุขฯ จับมือ 5 องค์กร ขับเคลื่อนงานชุมชนท้องถิ่น” · "
              "happy-workplace.com · 25 Nov 2558 BE") in captions
    assert "000_82244511ca48cb16.txt" not in captions
