"""The form's dates at their precision and its indicators (baseline, targets and reports per
period): typed on the page, stored as EDTF, shown in BE at that precision, exported as
EDTF. AppTest on pages/edit.py on the SQLite registry, and the same facts through
views.editing on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from loaders.interchange import export_registry
from registry import drafts, queries
from registry.db import ensure_ready, session_scope
from tests.accounts import signed_in_as
from ui.auth import STATE_KEY
from views import editing
from views.programme import baseline_table, date_facts
from views.results import targets_and_progress

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "edit.py")
SLUG = "surat-moral-province"


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'registry.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    return ensure_ready(url)


def _ok(app: AppTest) -> AppTest:
    assert not app.exception, [e.message for e in app.exception]
    return app


def _page(database, user: str) -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=180)
    app.session_state["lang_choice"] = "th"
    app.session_state[STATE_KEY] = signed_in_as(database, user)
    return _ok(app.run())


def _publish_the_draft(database) -> None:
    with session_scope(database) as session:
        (draft,) = drafts.pending(session)
        drafts.publish(session, draft.id, by="editor2", role="editor")


def _exported(database, folder: Path, name: str) -> list[dict]:
    export_registry(database, folder)
    text = (folder / name).read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# (field, as typed, stored and exported, shown on the programme page in Thai)
PRECISIONS = [
    ("signed_on", "7-8 กันยายน 2559", "2016-09-07/2016-09-08", "7–8 ก.ย. 2559"),
    ("signed_on", "14 มี.ค. 2566", "2023-03-14", "14 มี.ค. 2566"),
    ("start_on", "มิถุนายน 2562", "2019-06", "มิ.ย. 2562"),
    ("start_on", "2559", "2016", "2559"),
    ("period_limit", "ไม่เกิน 3 ปี", "P3Y", "ไม่เกิน 3 ปี"),
]


@pytest.mark.parametrize(("name", "typed", "stored", "shown"), PRECISIONS)
def test_a_date_keeps_its_precision_from_form_to_page_and_export(database, tmp_path, name,
                                                                 typed, stored, shown):
    entry = editing.Entry(fields={"slug": SLUG, "title_th": "จังหวัดคุณธรรม", name: typed},
                          source={"url": "https://example.org/news", "quote": "ลงนาม"})
    editing.save(database, entry, by="editor1")
    _publish_the_draft(database)
    programmes = queries.programmes(database)
    programme = programmes[programmes["slug"] == SLUG].iloc[0]
    assert programme[name] == stored
    facts = dict(date_facts(programme, "th"))
    assert shown in " ".join(facts.values())
    (row,) = [r for r in _exported(database, tmp_path / "out", "programmes.csv")
              if r["programme_id"] == SLUG]
    assert row[name] == stored
    # Opened again in the form, the date reads back as it was stored.
    again = editing.entry_for(database, SLUG)
    again.source = {"url": "https://example.org/news", "quote": "ลงนาม"}
    assert editing.bundle_of(again)["programme"][name] == stored


def test_an_unreadable_date_says_what_to_fix():
    entry = editing.Entry(fields={"slug": SLUG, "title_th": "ก", "end_on": "31 กุมภาพันธ์ 2566"},
                          source={"url": "https://example.org", "quote": "q"})
    with pytest.raises(editing.FormError, match="end_on"):
        editing.bundle_of(entry)
    entry.fields["end_on"] = "7-8 กันยายน 2559"
    with pytest.raises(editing.FormError, match="one day, month or year"):
        editing.bundle_of(entry)


def test_an_editor_enters_an_indicator_with_a_baseline_and_figures_per_period(database,
                                                                              tmp_path):
    app = _page(database, "editor1")
    app.text_input(key="edit_title_th_None").set_value("สุราษฎร์ธานีจังหวัดคุณธรรม")
    app.text_input(key="edit_slug_None").set_value(SLUG)
    app.text_input(key="edit_period_limit_None").set_value("ไม่เกิน 3 ปี")
    app.multiselect(key="edit_areas_province").set_value(["84"]).run()
    _ok(app.button(key="edit_add_areas").click().run())
    app.selectbox(key="edit_measure").set_value("villages")
    app.text_input(key="edit_indicator_title").set_value("หมู่บ้านคุณธรรม")
    app.selectbox(key="edit_within").set_value("84")
    app.text_input(key="edit_baseline").set_value("12")
    app.text_input(key="edit_baseline_as_of").set_value("2562")
    app.text_input(key="edit_baseline_quote").set_value("เดิมมีหมู่บ้านคุณธรรม 12 แห่ง")
    for kind, value, period, as_of in (("target", "40", "2563-2565", ""),
                                       ("actual", "25", "2563-2565", "มิถุนายน 2564"),
                                       ("target", "60", "2566", "")):
        app.selectbox(key="edit_figure_kind").set_value(kind)
        app.text_input(key="edit_figure_value").set_value(value)
        app.text_input(key="edit_figure_period").set_value(period)
        app.text_input(key="edit_figure_as_of").set_value(as_of).run()
        _ok(app.button(key="edit_add_figure").click().run())
    _ok(app.button(key="edit_add_indicator").click().run())
    assert not app.error, [e.value for e in app.error]
    app.text_input(key="edit_url").set_value("https://example.org/news")
    app.text_area(key="edit_quote").set_value("ตั้งเป้าหมู่บ้านคุณธรรม 40 แห่งในปี 2563-2565")
    _ok(app.button(key="edit_save").click().run())
    assert app.success, [e.value for e in app.error]
    with session_scope(database) as session:
        (draft,) = drafts.pending(session)
        draft_id = draft.id
    previewed = editing.preview(database, draft_id, editing.organisations(database))["figures"]
    assert sorted(previewed["period"]) == ["2020/2022", "2020/2022", "2023"]
    _publish_the_draft(database)

    claims = queries.claims(database)
    mine = claims[claims["programme_slug"] == SLUG]
    assert sorted(zip(mine["kind"], mine["value"], mine["period"], mine["as_of"].fillna(""),
                      mine["within_code"], strict=True)) == [
        ("actual", 25, "2020/2022", "2021-06", "84"), ("target", 40, "2020/2022", "", "84"),
        ("target", 60, "2023", "", "84")]
    progress = targets_and_progress(mine).sort_values("value")
    assert progress["reported_value"].iloc[0] == 25  # the report of its own period
    assert progress["reported_value"].isna().iloc[1]  # 2566 has none yet
    # The programme page shows the baseline apart from targets and reports.
    assert baseline_table(mine, "th").values.tolist() == [
        ["หมู่บ้านคุณธรรม", "สุราษฎร์ธานี (84)", "12", "พ.ศ. 2562"]]
    indicators = queries.indicators(database)
    (indicator,) = indicators[indicators["programme_slug"] == SLUG].to_dict("records")
    assert [indicator[name] for name in ("claim_title_th", "baseline_value",
                                         "baseline_as_of")] == ["หมู่บ้านคุณธรรม", 12, "2019"]
    exported = _exported(database, tmp_path / "out", "claims.csv")
    assert sorted(r["period"] for r in exported if r["programme_id"] == SLUG) == [
        "2020/2022", "2020/2022", "2023"]
    (programme,) = [r for r in _exported(database, tmp_path / "out2", "programmes.csv")
                    if r["programme_id"] == SLUG]
    assert programme["period_limit"] == "P3Y"

    # Opened again, the stored figures are listed and one can be removed.
    again = _page(database, "editor1")
    again.selectbox(key="edit_which").set_value(SLUG)
    _ok(again.run())
    listed = [t.value for t in again.text if "2563" in t.value]
    assert len(listed) == 2 and all("พ.ศ. 2563–2565" in line for line in listed)


def test_a_bad_figure_is_refused_before_it_joins_the_form():
    bad = editing.IndicatorEntry("villages", figures=[editing.Figure("target", "many")])
    with pytest.raises(editing.FormError, match="figure 1"):
        editing.check_indicator(bad)
    twice = editing.IndicatorEntry("villages", figures=[editing.Figure("target", "4", "2563"),
                                                        editing.Figure("target", "5", "2563")])
    with pytest.raises(editing.FormError, match="already has this figure"):
        editing.check_indicator(twice)


def test_a_partner_listed_with_two_roles_gives_two_roles_once_each():
    entry = editing.Entry(
        fields={"slug": SLUG, "title_th": "ก"},
        partners=[editing.Partner("signatory", slug="codi"),
                  editing.Partner("academic_support", slug="codi"),
                  editing.Partner("signatory", slug="codi")],
        source={"url": "https://example.org", "quote": "q"})
    partners = editing.bundle_of(entry)["partners"]
    assert sorted((p["organisation_id"], p["role"]) for p in partners) == [
        ("codi", "academic_support"), ("codi", "signatory")]


def test_the_form_stores_periods_and_a_baseline_on_both_back_ends(seeded_engine, tmp_path):
    indicator = editing.IndicatorEntry(
        "villages", within="84", title_th="หมู่บ้านคุณธรรม", baseline_value="12",
        baseline_as_of="2562", baseline_quote="เดิมมี 12 แห่ง",
        figures=[editing.Figure("target", "40", "2563-2565"),
                 editing.Figure("actual", "25", "2563-2565", "มิถุนายน 2564", "ทำได้ 25 แห่ง")])
    entry = editing.Entry(fields={"slug": SLUG, "title_th": "จังหวัดคุณธรรม",
                                  "signed_on": "7-8 กันยายน 2559", "period_limit": "ไม่เกิน 3 ปี"},
                          indicators=[indicator],
                          source={"url": "https://example.org/news", "quote": "ลงนาม"})
    editing.save(seeded_engine, entry, by="editor1")
    _publish_the_draft(seeded_engine)
    claims = queries.claims(seeded_engine)
    mine = claims[claims["programme_slug"] == SLUG]
    assert sorted(zip(mine["kind"], mine["period"], mine["as_of"].fillna(""), strict=True)) == [
        ("actual", "2020/2022", "2021-06"), ("target", "2020/2022", "")]
    assert targets_and_progress(mine)["share"].tolist() == [25 / 40]
    assert baseline_table(mine, "en").values.tolist() == [
        ["หมู่บ้านคุณธรรม", "Surat Thani (84)", "12", "2562 BE"]]
    (row,) = [r for r in _exported(seeded_engine, tmp_path / "out", "programmes.csv")
              if r["programme_id"] == SLUG]
    assert (row["signed_on"], row["period_limit"]) == ("2016-09-07/2016-09-08", "P3Y")
