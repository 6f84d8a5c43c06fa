"""The explorer page under AppTest: filters change the table, languages, the URL round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.painted import maps_painted

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "explorer.py")
KANCHANABURI = "kanchanaburi-community-organisations-mou"
WESTERN = "western-happy-community-mou"
SEED_PROVINCES = ["14", "70", "71", "73", "74", "75", "76", "77", "96"]


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    """One seeded SQLite registry for the module (the page seeds it on first use)."""
    return f"sqlite:///{tmp_path_factory.mktemp('explorer') / 'registry.sqlite'}"


@pytest.fixture
def app(database, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database)

    def run(**params: str) -> AppTest:
        test = maps_painted(AppTest.from_file(PAGE, default_timeout=120))
        for key, value in params.items():
            test.query_params[key] = value
        test.run()
        assert not test.exception, [e.message for e in test.exception]
        return test

    return run


def table_codes(test: AppTest) -> list[str]:
    return test.dataframe[0].value.iloc[:, 0].tolist()


def texts(test: AppTest) -> str:
    return "\n".join([*(x.value for x in test.text), *(x.value for x in test.info),
                      *(x.value for x in test.caption)])


def test_default_view_lists_every_seeded_province(app):
    test = app()
    assert table_codes(test) == SEED_PROVINCES
    table = test.dataframe[0].value
    assert list(table.columns[:4]) == ["รหัสพื้นที่", "ระดับ", "ชื่อ (ไทย)", "ชื่อ (อังกฤษ)"]
    assert table.set_index("รหัสพื้นที่").loc["71", "จำนวนโครงการ"] == 2
    assert dict(test.query_params) == {}
    # counted claims are listed as counts, the ambiguous place as unresolved
    assert "95 ตำบล ในจังหวัดกาญจนบุรี" in texts(test)
    assert "ตำบลหนองแคน" in texts(test) and "450303" in texts(test)


def test_choosing_a_programme_narrows_the_table_and_the_url(app):
    test = app()
    test.multiselect(key="ex_programme").set_value([KANCHANABURI]).run()
    assert table_codes(test) == ["71"]
    assert test.query_params["programme"] in (KANCHANABURI, [KANCHANABURI])
    assert "95 ตำบล" in texts(test)
    assert "หนองแคน" not in texts(test)  # the four-agency MOU is filtered out


@pytest.mark.parametrize(("filters", "expected"), [
    ({"region": "South"}, ["96"]),
    ({"province": "14"}, ["14"]),
    ({"status": "active"}, ["14"]),
    ({"partner": "thaihealth"}, ["96"]),
    ({"theme": "moral_province"}, ["14"]),
    ({"years": "2562-2564"}, ["14", "71"]),
    ({"programme": WESTERN, "province": "71,70"}, ["70", "71"]),
])
def test_filters_from_the_url_change_the_table(app, filters, expected):
    assert table_codes(app(**filters)) == expected


def test_english_labels(app):
    test = app(lang="en", programme=KANCHANABURI)
    assert test.title[0].value == "Map explorer"
    assert test.multiselect(key="ex_programme").label == "Programme"
    assert test.multiselect(key="ex_programme").value == [KANCHANABURI]
    table = test.dataframe[0].value
    assert list(table.columns[:4]) == ["Area code", "Level", "Name (Thai)", "Name (English)"]
    assert table.iloc[0]["Name (English)"] == "Kanchanaburi"
    assert table.iloc[0]["Programme titles"].startswith("MOU on academic")
    assert "95 tambons in Kanchanaburi" in texts(test)
    assert test.button[0].label == "Thailand"
    assert "Clear filters" in [b.label for b in test.button]


def test_switching_language_keeps_the_view(app):
    test = app(programme=KANCHANABURI, level="district")
    test.session_state["lang_choice"] = "en"
    test.run()
    assert test.multiselect(key="ex_programme").value == [KANCHANABURI]
    assert test.radio(key="ex_level").value == "district"
    assert test.multiselect(key="ex_programme").label == "Programme"
    assert test.query_params["programme"] in (KANCHANABURI, [KANCHANABURI])


def test_url_state_is_shown_in_the_widgets(app):
    test = app(programme=f"{KANCHANABURI},{WESTERN}", level="subdistrict", area="71",
               years="2558-2562", scheme="quantiles", k="3", region="West")
    assert test.multiselect(key="ex_programme").value == [KANCHANABURI, WESTERN]
    assert test.multiselect(key="ex_region").value == ["West"]
    assert test.radio(key="ex_level").value == "subdistrict"
    assert test.slider(key="ex_years").value == (2558, 2562)
    assert test.selectbox(key="ex_scheme").value == "quantiles"
    assert test.slider(key="ex_k").value == 3
    assert test.session_state["ex_area"] == "71"
    labels = [b.label for b in test.button]
    assert "ประเทศไทย" in labels and "› กาญจนบุรี" in labels
    # Kanchanaburi's tambons have no rows of their own: the province is told as a whole
    assert table_codes(test) == ["71"]
    assert test.dataframe[0].value.iloc[0]["ระดับ"] == "ทั้งจังหวัด"
    assert any("ทั้งจังหวัดกาญจนบุรี" in x.value and "2 โครงการ" in x.value
               for x in test.info)


def test_widget_changes_are_written_to_the_url(app):
    test = app()
    test.radio(key="ex_level").set_value("subdistrict").run()
    assert test.query_params["level"] in ("subdistrict", ["subdistrict"])
    test.slider(key="ex_years").set_value((2558, 2562)).run()
    assert test.query_params["years"] in ("2558-2562", ["2558-2562"])
    test.selectbox(key="ex_scheme").set_value("equal_interval").run()
    test.slider(key="ex_k").set_value(4).run()
    params = {key: value[-1] if isinstance(value, list) else value
              for key, value in test.query_params.items()}
    assert params == {"level": "subdistrict", "years": "2558-2562",
                      "scheme": "equal_interval", "k": "4"}
    # every year again means no year filter: the key leaves the URL
    test.slider(key="ex_years").set_value((2558, 2564)).run()
    assert "years" not in test.query_params


def test_breadcrumb_goes_back_up(app):
    test = app(area="7101")
    labels = [b.label for b in test.button]
    assert labels[:3] == ["ประเทศไทย", "› กาญจนบุรี", "› เมืองกาญจนบุรี"]
    test.button(key="ex_crumb_71").click().run()
    assert test.session_state["ex_area"] == "71"
    assert test.query_params["area"] in ("71", ["71"])
    test.button(key="ex_crumb_TH").click().run()
    assert test.session_state["ex_area"] is None
    assert "area" not in test.query_params


def test_clear_filters_keeps_the_drilled_area(app):
    test = app(programme=KANCHANABURI, area="71", status="planned")
    clear = next(b for b in test.button if b.label == "ล้างตัวกรอง")
    clear.click().run()
    assert test.multiselect(key="ex_programme").value == []
    assert test.multiselect(key="ex_status").value == []
    assert test.query_params.get("area") in ("71", ["71"])
    assert "programme" not in test.query_params


def test_bad_link_falls_back_without_crashing(app):
    test = app(programme="no-such-programme,<script>", level="village", area="99", k="99",
               years="soon", scheme="rainbow", province="7x")
    assert not test.error
    assert table_codes(test) == SEED_PROVINCES
    assert dict(test.query_params) == {}


def test_empty_result_says_so_and_keeps_the_map(app):
    # Narathiwat's tambon has no year: a year filter leaves nothing
    test = app(programme="narathiwat-resilient-communities-mou", years="2558-2558")
    assert any(x.value == "ไม่มีโครงการที่ตรงกับตัวกรอง" for x in test.info)
    assert any(x.value == "ไม่มีพื้นที่ดำเนินงานในขอบเขตนี้ตามตัวกรองที่เลือก"
               for x in test.info)
    assert not test.dataframe
    assert not test.error


@pytest.fixture(scope="module")
def inside():
    """A point inside an area, from the same boundaries the page reads."""
    from geo import load_boundaries

    boundaries = load_boundaries()

    def point(level: str, code: str) -> dict[str, float]:
        layer = boundaries.layer(level)
        spot = layer.loc[layer["code"] == code].geometry.iloc[0].representative_point()
        return {"lat": spot.y, "lng": spot.x}

    return point


def click(test: AppTest, where: dict[str, float]) -> AppTest:
    """What st_folium's on_change leaves in session state when the map is clicked."""
    test.session_state["explorer_map"] = {"last_object_clicked": where}
    test.run()
    assert not test.exception, [e.message for e in test.exception]
    return test


def test_clicks_drill_down_and_each_click_counts_once(app, inside):
    test = app()
    click(test, inside("province", "71"))
    assert test.query_params["area"] in ("71", ["71"])
    assert [b.label for b in test.button][:2] == ["ประเทศไทย", "› กาญจนบุรี"]
    test.run()  # st_folium still returns the same click: nothing more happens
    assert test.session_state["ex_area"] == "71"
    click(test, inside("district", "7101"))
    assert test.session_state["ex_area"] == "7101"
    click(test, inside("subdistrict", "710101"))
    assert (test.session_state["ex_area"], test.session_state["ex_selected"]) == ("7101",
                                                                                 "710101")
    assert test.query_params["selected"] in ("710101", ["710101"])
    panel = "\n".join(x.value for x in test.text)
    assert "(710101)" in panel and "ทั้งจังหวัดกาญจนบุรี: 2 โครงการ" in panel


def test_click_at_subdistrict_level_opens_the_province_tambons(app, inside):
    test = click(app(level="subdistrict"), inside("subdistrict", "710101"))
    assert test.session_state["ex_area"] == "71"
    assert test.radio(key="ex_level").value == "subdistrict"


def test_click_outside_every_area_changes_nothing(app):
    test = click(app(), {"lat": 0.0, "lng": 0.0})
    assert test.session_state["ex_area"] is None
    assert "area" not in test.query_params



def test_view_survives_streamlit_forgetting_the_widgets(database, monkeypatch):
    """Another page's run drops the explorer's widget values but not the view it keeps:
    back on the explorer (its URL unchanged), the remembered view is drawn and shown."""
    from views.coverage import Filters
    from views.state import View

    monkeypatch.setenv("DATABASE_URL", database)
    test = maps_painted(AppTest.from_file(PAGE, default_timeout=120))
    test.session_state["ex_written"] = {}
    test.session_state["ex_view"] = View(filters=Filters(programmes=(KANCHANABURI,)))
    test.run()
    assert not test.exception, [e.message for e in test.exception]
    assert table_codes(test) == ["71"]
    assert test.multiselect(key="ex_programme").value == [KANCHANABURI]


def test_first_run_draws_the_map_and_waits_for_it(database, monkeypatch):
    """A new session's first run sends only the map (and a note where the filters go); once
    the browser reports the map painted (ui.maps.map_painted), the whole page is drawn."""
    from ui.maps import painted_flag

    monkeypatch.setenv("DATABASE_URL", database)
    test = AppTest.from_file(PAGE, default_timeout=120)
    test.query_params["programme"] = KANCHANABURI
    test.run()
    assert not test.exception, [e.message for e in test.exception]
    assert not test.dataframe and not test.multiselect
    assert [c.value for c in test.sidebar.caption] == ["กำลังโหลดตัวกรอง…"]
    assert test.query_params["programme"] == KANCHANABURI  # the view is already kept
    test.session_state[painted_flag("explorer_map")] = True  # what the watcher's trigger sets
    test.run()
    assert not test.exception, [e.message for e in test.exception]
    assert table_codes(test) == ["71"]
    assert test.multiselect(key="ex_programme").value == [KANCHANABURI]
    assert not test.sidebar.caption or "กำลังโหลด" not in test.sidebar.caption[0].value


def test_province_list_follows_the_chosen_regions(app):
    test = app(province="14")
    assert len(test.multiselect(key="ex_province").options) == 77
    test.multiselect(key="ex_region").set_value(["Central"]).run()
    assert not test.exception
    central = test.multiselect(key="ex_province").options
    assert 10 < len(central) < 77 and "พระนครศรีอยุธยา" in central
    assert "นราธิวาส" not in central
    assert test.multiselect(key="ex_province").value == ["14"]  # Ayutthaya is central
    assert table_codes(test) == ["14"]
    test.multiselect(key="ex_region").set_value(["South"]).run()
    assert not test.exception
    assert "พระนครศรีอยุธยา" not in test.multiselect(key="ex_province").options
    assert test.multiselect(key="ex_province").value == []  # let go: outside the South
    assert table_codes(test) == ["96"]
    assert test.query_params.get("province") in (None, [])
    test.multiselect(key="ex_region").set_value([]).run()
    assert len(test.multiselect(key="ex_province").options) == 77


def test_the_legend_says_when_classes_cannot_differ(app):
    """The seeded provinces hold 1 or 2 programmes: 5 classes or 3, quantiles or breaks,
    the map is the same, and the legend settings say why."""
    test = app(lang="en")
    assert "2 distinct values: classes not needed" in texts(test)
    test = app(lang="en", k="2")
    assert "2 distinct values" in texts(test)
