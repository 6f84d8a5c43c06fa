"""Done when: programme A has a target and programme B has coverage and reported counts at
the same level; no page (overview, programme pages, presenter) shows a percentage or a bar
made from B's figures against A's target. AppTest on a seeded SQLite registry plus A and B."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from registry.db import ensure_ready, session_scope
from tests.painted import maps_painted
from tests.two_programmes import A, B, add_a_and_b
from ui import data as ui_data

PAGES = Path(__file__).resolve().parent.parent / "pages"


@pytest.fixture(scope="module")
def a_and_b_url(tmp_path_factory) -> str:
    """The seed plus A (a target of 50 tambons, nothing reported) and B (3 tambons named
    and 40 tambons reported, as of May 2567)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('honest') / 'registry.sqlite'}"
    engine = ensure_ready(url)
    with session_scope(engine) as session:
        add_a_and_b(session)
    engine.dispose()
    return url


@pytest.fixture(autouse=True)
def registry(a_and_b_url, monkeypatch) -> str:
    monkeypatch.setenv("DATABASE_URL", a_and_b_url)
    ui_data.registry_changed()
    return a_and_b_url


def run(page: str, lang: str, programme: str | None = None) -> AppTest:
    app = maps_painted(AppTest.from_file(str(PAGES / page), default_timeout=120))
    if lang != "th":
        app.query_params["lang"] = lang
    if programme is not None:
        app.query_params["programme"] = programme
    app.run()
    assert not app.exception, [e.message for e in app.exception]
    return app


def shown_text(app: AppTest) -> str:
    """Every text, metric and table cell the page shows."""
    parts = [element.value for kind in ("markdown", "caption", "info", "title", "subheader")
             for element in getattr(app, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    for frame in app.dataframe:
        parts += [str(cell) for cell in frame.value.astype(str).to_numpy().ravel()]
        parts += [str(column) for column in frame.value.columns]
    return "\n".join(parts)


def assert_no_share_of_a_from_b(app: AppTest) -> None:
    assert not app.get("progress"), "no progress bar on any page"
    text = shown_text(app)
    # 40 / 50 = 80 %, 3 / 50 = 6 %, 43 / 50 = 86 %: none of B's figures against A's target.
    for share in ("80%", "6%", "86%", "80 %", "6 %", "86 %"):
        assert share not in text


@pytest.mark.parametrize("lang", ["th", "en"])
def test_overview(lang):
    app = run("overview.py", lang)
    assert_no_share_of_a_from_b(app)
    table = next(f.value for f in app.dataframe
                 if ("Share of target" if lang == "en" else "สัดส่วนของเป้าหมาย") in f.value.columns)
    programme = "Programme" if lang == "en" else "โครงการ"
    a_row = table[table[programme] == ("Programme A" if lang == "en" else "โครงการเอ")]
    assert a_row.iloc[0, 4] == ("progress not reported" if lang == "en"
                                else "ยังไม่มีรายงานความก้าวหน้า")
    # B's count stands apart, with its programme, on the tambon card.
    assert any("40" in c.value and ("Programme B" in c.value or "โครงการบี" in c.value)
               for c in app.caption)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("programme", [A, B])
def test_programme_pages(lang, programme):
    assert_no_share_of_a_from_b(run("programme.py", lang, programme))


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("programme", ["national", A, B])
def test_presenter(lang, programme):
    app = run("presenter.py", lang, programme)
    assert_no_share_of_a_from_b(app)
    if programme == A:  # A's own slide: its target, and nothing of B's
        assert "40" not in [metric.value for metric in app.metric]
