"""AppTest for the overview and partners pages on a seeded SQLite registry:
KPIs, language, map colouring choice, synthetic records, and filters changing the table."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests import seed_facts as facts
from tests.pages import add_synthetic_programme, run_page, seeded_registry, use_registry
from views.partners import CHART_BARS
from views.text import t


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory) -> str:
    return seeded_registry(tmp_path_factory.mktemp("overview_page"))


@pytest.fixture
def registry(seeded_url, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", seeded_url)
    return seeded_url


def run(page: str, lang: str = "th") -> AppTest:
    return run_page(page, lang, errors=True)


def test_first_run_shows_kpis_and_map_then_charts_and_tables(registry):
    """A new session gets the KPIs and the map first; the charts and tables follow once the
    browser reports the map painted (what ui.maps.map_painted waits for)."""
    from ui.maps import painted_flag

    app = run_page("overview", painted=False, errors=True)
    assert len(app.metric) == 6 and not app.dataframe and not app.get("vega_lite_chart")
    app.session_state[painted_flag("overview_map")] = True
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    assert len(app.metric) == 6 and len(app.dataframe) == 4
    assert len(app.get("vega_lite_chart")) == 2


def metrics(app: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def badges(app: AppTest) -> list[str]:
    """st.badge arrives as markdown `:colour-badge[label]`."""
    return [block.value for block in app.markdown if "-badge[" in block.value]


def captions(app: AppTest) -> list[str]:
    return [caption.value for caption in app.caption]


# --- overview -----------------------------------------------------------------------------

CARD_LABELS = {"th": ["โครงการ", "องค์กรภาคี", "จังหวัด", "อำเภอ", "ตำบล", "หมู่บ้าน"],
               "en": ["Programmes", "Partners", "Provinces", "Districts", "Tambons",
                      "Villages"]}


@pytest.mark.parametrize(("lang", "share"), [
    ("th", "{n} จาก 77 จังหวัด ที่โครงการระบุชื่อ"),
    ("en", "{n} of 77 provinces named by programmes"),
])
def test_overview_cards_say_what_is_known(registry, lang, share):
    app = run("overview", lang)
    named = [len(facts.programmes()), len(facts.partner_organisations()),
             *(len(facts.named_areas(level))
               for level in ("province", "district", "subdistrict", "village"))]
    assert metrics(app) == dict(zip(CARD_LABELS[lang], map(str, named), strict=True))
    assert share.format(n=named[2]) in captions(app)
    # No progress bar on coverage, no percentage of a target on any card.
    assert not app.get("progress")
    assert not [c for c in captions(app) if "%" in c]


def test_targets_and_progress_table_is_per_programme(registry):
    app = run("overview", "en")
    table = next(f.value for f in app.dataframe if "Share of target" in f.value.columns)
    assert len(table) == len(facts.claims("target"))
    # The four-agency MOU's targets have no reported figure of its own: none is borrowed.
    four_agency = table[table["Programme"].str.startswith("Integration MOU")]
    assert set(four_agency["Reported"]) == {"progress not reported"}
    assert set(four_agency["Share of target"]) == {""}


def test_overview_in_english_has_english_tables(registry):
    app = run("overview", "en")
    headers = [list(frame.value.columns) for frame in app.dataframe]
    assert ["Programme", "Measure", "Value", "Within", "Kind", "As of", "Source",
            "Synthetic"] in headers
    claims = next(f.value for f in app.dataframe if "Measure" in f.value.columns)
    assert "Tambons" in set(claims["Measure"])
    places = next(f.value for f in app.dataframe if "Candidates" in f.value.columns)
    assert places["Candidates"].item() == \
        "Nong Khaen, Roi Et (450303); Nong Khaen, Mukdahan (490404)"
    year = facts.newest_coverage_year("province") + 543
    assert f"As of {year} BE (latest year the documents give)" in captions(app)


def test_overview_colour_by_status_runs(registry):
    app = run("overview")
    app.radio(key="overview_colour_by").set_value("status").run()
    assert not app.exception
    assert metrics(app)["จังหวัด"] == "9"


def test_overview_partner_table_ranks_codi_first(registry):
    app = run("overview")
    table = next(f.value for f in app.dataframe if "organisation" in f.value.columns)
    assert table.iloc[0]["abbreviation"] == "พอช."
    assert table.iloc[0]["programmes"] == 3
    assert len(table) == 16
    # The chart draws the busiest; the line under it names how many are left to the table.
    rest = len(facts.partner_organisations()) - CHART_BARS
    assert rest > 0
    assert t("partners_more", "th", n=f"{rest:,}") in captions(app)


@pytest.fixture
def with_synthetic(tmp_path, monkeypatch) -> str:
    """A seeded registry plus one synthetic programme in Chiang Mai (50) with CODI."""
    url = seeded_registry(tmp_path, lambda session: add_synthetic_programme(
        session, "synthetic-test-programme", "synthetic-test", "test_overview_page",
        title_th="โครงการทดสอบ", title_en="Test programme"))
    return use_registry(url, monkeypatch)


def test_synthetic_records_are_excluded_by_default_and_badged_when_shown(with_synthetic):
    app = run("overview", "en")
    assert metrics(app)["Programmes"] == "5"
    assert metrics(app)["Provinces"] == "9"
    assert badges(app) == []
    app.toggle(key="overview_synthetic").set_value(True).run()
    assert not app.exception
    assert metrics(app)["Programmes"] == "6"
    assert metrics(app)["Provinces"] == "10"
    assert badges(app) == [":orange-badge[:material/science: Includes 2 synthetic records]"]
    table = next(f.value for f in app.dataframe if "organisation" in f.value.columns)
    # The sources' abbreviations are Thai: no column of them in English.
    assert "abbreviation" not in table.columns
    codi = table[table["organisation"].str.startswith(
        "Community Organizations Development Institute")].iloc[0]
    assert codi["programmes"] == 4 and "Chiang Mai" in codi["provinces"]


# --- partners -----------------------------------------------------------------------------

def organisations(app: AppTest):
    return next(f.value for f in app.dataframe if "programme_titles" in f.value.columns)


def pairs(app: AppTest):
    """The partner-pairs table: the one after the organisations."""
    frames = [f.value for f in app.dataframe]
    assert len(frames) == 2
    return frames[1]


def test_partners_lists_every_organisation(registry):
    app = run("partners")
    table = organisations(app)
    assert len(table) == 16
    codi = table[table["abbreviation"] == "พอช."].iloc[0]
    assert codi["programmes"] == 3
    assert codi["roles"] == "ผู้ลงนาม"  # in 000 a party to the MOU as well as its host
    # Pairs per MOU: western 15, Narathiwat 3, four-agency 6, Kanchanaburi 6, Ayutthaya 3.
    assert len(pairs(app)) == 15 + 3 + 6 + 6 + 3


@pytest.mark.parametrize(("widget", "values", "rows"), [
    ("partners_provinces", ["96"], 3),
    ("partners_themes", ["moral_province"], 3),
    ("partners_programmes", ["western-happy-community-mou"], 6),
    ("partners_regions", ["South"], 3),
    ("partners_provinces", ["71"], 9),
])
def test_partner_filters_change_the_table(registry, widget, values, rows):
    app = run("partners")
    app.multiselect(key=widget).set_value(values).run()
    assert not app.exception
    assert len(organisations(app)) == rows


def test_partner_filters_that_match_nothing_say_so(registry):
    app = run("partners", "en")
    app.multiselect(key="partners_themes").set_value(["resilience"]).run()
    app.multiselect(key="partners_provinces").set_value(["14"]).run()
    assert [info.value for info in app.info] == ["No programme matches these filters"]
    assert not app.get("arrow_data_frame") and not list(app.dataframe)


def test_partners_in_english(registry):
    app = run("partners", "en")
    table = organisations(app)
    codi_name = "Community Organizations Development Institute (Public Organization)"
    assert codi_name in set(table["organisation"])
    # the seeds' abbreviations are Thai (พอช.): English shows none, so no empty column
    assert "abbreviation" not in table.columns
    codi = table[table["organisation"] == codi_name].iloc[0]
    assert codi["roles"] == "Signatory"
    assert "Kanchanaburi" in codi["provinces"]
    assert [m.label for m in app.multiselect] == ["Programmes", "Themes", "Regions",
                                                  "Provinces"]
    assert list(pairs(app).columns) == ["Organisation A", "Organisation B",
                                   "Number of shared programmes", "Shared programmes"]
