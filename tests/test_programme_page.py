"""AppTest for the programme pages on a seeded SQLite registry: each seed programme,
both languages, the selector and `?programme=` kept in step, facts, counts and sources."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from registry.upsert import cite_programme, upsert_programme, upsert_source
from tests.pages import add_synthetic_programme, run_page, seeded_registry, use_registry
from ui import data as ui_data
from views.programme import md
from views.text import t

WESTERN = "western-happy-community-mou"
NARATHIWAT = "narathiwat-resilient-communities-mou"
FOUR_AGENCY = "four-agency-strong-community-mou"
AYUTTHAYA = "ayutthaya-moral-province-2564"
KANCHANABURI = "kanchanaburi-community-organisations-mou"
TITLES = {
    WESTERN: ("บันทึกข้อตกลงความร่วมมือ (MOU) เพื่อขับเคลื่อนงานด้านการส่งเสริมชุมชนท้องถิ่น",
              "MOU to drive the promotion of self-managing local communities, western region"),
    NARATHIWAT: ("โครงการร่วมพัฒนาและเสริมสร้างความเข้มแข็งชุมชนท้องถิ่นสู่การรู้รับปรับตัว",
                 "Joint project to develop and strengthen local communities towards "
                 "resilience"),
    AYUTTHAYA: ("การขับเคลื่อนจังหวัดส่งเสริมคุณธรรม จังหวัดพระนครศรีอยุธยา ปี 2564 (ปีที่ 2)",
                "Moral province drive, Phra Nakhon Si Ayutthaya, 2564 BE (year 2)"),
}


@pytest.fixture(scope="module")
def seeded_url(tmp_path_factory) -> str:
    return seeded_registry(tmp_path_factory.mktemp("programme_page"))


@pytest.fixture
def registry(seeded_url, monkeypatch) -> str:
    return use_registry(seeded_url, monkeypatch)


def run(lang: str = "th", programme: str | None = None) -> AppTest:
    return run_page("programme", lang, programme=programme, painted=False)


def texts(app: AppTest) -> str:
    return "\n".join([m.value for m in app.markdown] + [c.value for c in app.caption]
                     + [i.value for i in app.info])


def frame_with(app: AppTest, column: str):
    return next(f.value for f in app.dataframe if column in f.value.columns)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("slug", list(TITLES))
def test_each_programme_has_its_own_link_in_both_languages(registry, slug, lang):
    app = run(lang, slug)
    title, other = TITLES[slug] if lang == "th" else reversed(TITLES[slug])
    assert [t.value for t in app.title] == [md(title)]
    assert md(other) in [c.value for c in app.caption]
    assert app.selectbox(key="programme_choice").value == slug
    assert app.query_params["programme"] == slug


def test_selecting_a_programme_changes_the_page_and_the_url(registry):
    app = run("en", NARATHIWAT)
    app.selectbox(key="programme_choice").set_value(WESTERN).run()
    assert not app.exception
    assert [t.value for t in app.title] == [md(TITLES[WESTERN][1])]
    assert app.query_params["programme"] == WESTERN
    # and the next rerun keeps the choice (the URL now agrees with the selector)
    app.run()
    assert app.selectbox(key="programme_choice").value == WESTERN


def test_an_unknown_programme_link_says_not_found_and_offers_a_chooser(registry):
    """A mistyped link must not silently show (and link to) another programme."""
    app = run_page("programme", programme="no-such-programme", errors=True, painted=False)
    assert ["no-such-programme" in e.value and "ไม่พบโครงการ" in e.value
            for e in app.error] == [True]
    assert not app.title and not app.get("iframe")
    assert app.query_params["programme"] == "no-such-programme"  # the link is not rewritten
    chooser = app.selectbox(key="programme_missing_choice")
    assert chooser.value is None
    chooser.set_value(WESTERN).run()
    assert not app.exception and not app.error
    assert app.query_params["programme"] == WESTERN
    assert app.selectbox(key="programme_choice").value == WESTERN


@pytest.mark.parametrize(("slug", "lang", "shown"), [
    (WESTERN, "th", ["17 พ.ย. 2558", "ลงนามแล้ว", "ไม่ระบุในแหล่งข้อมูล"]),
    (WESTERN, "en", ["17 Nov 2558 BE", "Signed", "not stated in the source"]),
    # The period at the months the document gives; the training as a dated event.
    (KANCHANABURI, "th", ["มิ.ย. 2562 – พ.ค. 2567", "12 มิ.ย. 2562", "อบรม 12–13 มิ.ย. 2562"]),
    (FOUR_AGENCY, "th", ["7–8 ก.ย. 2559", "ไม่เกิน 3 ปี", "เวที 7–8 ก.ย. 2559"]),
    (AYUTTHAYA, "th", ["ประชุม 23 ก.พ. 2564"]),
    (NARATHIWAT, "en", ["not stated in the source"]),
    (AYUTTHAYA, "en", ["Active"]),
])
def test_status_and_dates_in_buddhist_era(registry, slug, lang, shown):
    page = texts(run(lang, slug))
    for text in shown:
        assert md(text) in page


def test_four_agency_is_national_with_counts_and_unresolved_nong_khaen(registry):
    app = run("en", FOUR_AGENCY)
    assert any("lists no areas" in i.value for i in app.info)
    claims = frame_with(app, "Target")
    assert dict(zip(claims["Measure"], claims["Target"], strict=True)) == {
        "model villages (model strong localities)": "900",
        "model tambons (model strong localities)": "90",
        "districts the model localities are spread over": "90",
        "provinces the model localities are spread over": "77"}
    assert set(claims["Note"]) == {"counted, areas not listed"}
    places = frame_with(app, "Candidates")
    assert places["Name as written"].tolist() == ["ตำบลหนองแคน"]
    assert places["Resolution"].tolist() == ["Ambiguous (several areas)"]
    assert "450303" in places["Candidates"].item() and "490404" in places["Candidates"].item()


def test_narathiwat_shows_qualified_targets_and_its_tambon_map(registry):
    app = run("th", NARATHIWAT)
    assert "แผนที่ระดับตำบล" in [c.value for c in app.caption]
    targets = set(frame_with(app, "เป้าหมาย")["เป้าหมาย"])
    assert {"ไม่น้อยกว่า 6", "ปีละ 1", "อย่างน้อยพื้นที่ละ 2"} <= targets


def test_partners_roles_and_cited_sources(registry):
    app = run("en", WESTERN)
    partners = frame_with(app, "Role")
    assert len(partners) == 6
    assert "Tool developer" in set(partners["Role"])
    # A source by its title, publisher and date; the file name only as its identifier.
    label = ("“สมาคมนักสร้างสุขฯ จับมือ 5 องค์กร ขับเคลื่อนงานชุมชนท้องถิ่น” · "
             "happy-workplace.com · 25 Nov 2558 BE")
    assert set(partners["Source document"]) == {label}
    page = texts(app).replace("**", "")
    assert md(label) in page
    assert md("Document identifier: 000_82244511ca48cb16.txt") in page
    # The date comes from the page header: the dashboard says so, as its own note.
    assert "Dashboard note \\(not the document's words\\)" in page
    quotes = frame_with(app, "Quote")
    assert len(quotes) == 6 + 7  # six partners, seven provinces
    assert "นครปฐม กาญจนบุรี ราชบุรี" in set(quotes["Quote"])


def test_no_claims_is_said_in_words(registry):
    app = run("en", WESTERN)
    assert "The source gives no target or progress figure" in texts(app)


@pytest.fixture
def with_hostile(tmp_path, monkeypatch) -> str:
    """A seeded registry plus a synthetic programme whose text tries markdown and HTML."""
    url = seeded_registry(tmp_path, lambda session: add_synthetic_programme(
        session, "aaa-hostile", "hostile-test", "test_programme_page",
        title_th="[คลิก](javascript:alert(1)) <b>x</b>",
        title_en="**bold** <script>alert(1)</script>", description_th=":red[แดง] $x$"))
    return use_registry(url, monkeypatch)


def test_registry_text_is_escaped_and_synthetic_is_badged(with_hostile):
    app = run("th", "aaa-hostile")
    assert [t.value for t in app.title] == [
        r"\[คลิก\]\(javascript\:alert\(1\)\) \<b\>x\</b\>"]
    assert r"\:red\[แดง\] \$x\$" in texts(app)
    assert any("-badge[" in m.value for m in app.markdown)
    ui_data.registry_changed()


def test_a_cited_file_name_with_spaces_is_one_document(tmp_path, monkeypatch):
    """Office file names hold spaces; the sources list names each document once, by its
    title, and its file name whole as its identifier."""
    spaced = "รายงาน ประจำปี 2567 <img src=x>.pdf"

    def add_spaced(session) -> None:
        source, _ = upsert_source(session, kind="edit", file_name=spaced, quote="คำพูด",
                                  created_by="test_programme_page")
        programme, _ = upsert_programme(session, "aaa-spaced", title_th="ไฟล์มีช่องว่าง",
                                        theme="other")
        cite_programme(session, programme.id, source.id, "title")

    use_registry(seeded_registry(tmp_path, add_spaced), monkeypatch)
    app = run("th", "aaa-spaced")
    files = [m.value for m in app.markdown  # the bold one-line headings of the sources
             if m.value.startswith("**") and m.value.endswith("**") and "\n" not in m.value]
    assert files == [f"**{md(t('src_untitled', 'th'))}**"]  # a reader sees its title
    assert md(t("src_file", "th", file=spaced)) in [c.value for c in app.caption]
    ui_data.registry_changed()
