"""Targets and progress per programme (views.results), and the rule behind every page:
no programme's figure is ever set against another programme's target."""

from __future__ import annotations

import pandas as pd
import pytest

from registry import queries
from registry.db import session_scope
from registry.upsert import (
    upsert_indicator,
    upsert_source,
)
from tests import seed_facts as facts
from tests.two_programmes import A, add_a_and_b
from views.results import progress_table, targets_and_progress


def _claims(rows) -> pd.DataFrame:
    """(programme_id, indicator_id, kind, value, as_of, period)."""
    frame = pd.DataFrame(rows, columns=["programme_id", "indicator_id", "kind", "value",
                                        "as_of", "period"])
    return frame.assign(measure="villages", level="village", within_code=None,
                        within_name_th=None, within_name_en=None, qualifier=None,
                        programme_title_th="ก", programme_title_en="A", source_file="f",
                        source_quote="q", claim_title_th=None, claim_title_en=None)


def test_progress_is_the_newest_figure_of_the_same_indicator_and_period():
    table = targets_and_progress(_claims([
        (1, 10, "target", 100, None, None),
        (1, 10, "actual", 20, "2020-01", None),
        (1, 10, "actual", 40, "2021-06-30", None),
        (1, 10, "actual", 99, "2022", "2022"),  # another period: not this target's
        (1, 11, "actual", 500, "2023", None),  # another indicator of the same programme
        (2, 12, "actual", 900, "2023", None),  # another programme
        (1, 10, "context", 95, "2019", None),  # context is never progress
    ]))
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["reported_value"], row["reported_as_of"], row["share"]) == (40, "2021-06-30",
                                                                            0.4)


def test_a_target_without_its_own_report_says_so_with_no_share():
    table = progress_table(_claims([(1, 10, "target", 90, None, None),
                                    (2, 20, "actual", 95, "2019-06-12", None)]), "en")
    assert table[["Reported", "Share of target"]].values.tolist() == [
        ["progress not reported", ""]]


def test_a_qualified_figure_gets_no_share():
    claims = _claims([(1, 10, "target", 6, None, None), (1, 10, "actual", 3, "2020", None)])
    claims["qualifier"] = ["at_least", None]
    assert progress_table(claims, "th")["สัดส่วนของเป้าหมาย"].tolist() == [""]
    assert progress_table(claims, "th")["ผลที่รายงาน"].tolist() == ["3 (ณ พ.ศ. 2563)"]


def test_seed_targets_and_progress(seeded_engine):
    table = targets_and_progress(queries.claims(seeded_engine))
    assert len(table) == len(facts.claims("target"))
    # No seed document reports progress against its own targets.
    assert table["reported_value"].isna().all() and table["share"].isna().all()


# --- done when: A's target, B's coverage and counts, at the same level -------------------------

@pytest.fixture
def two_programmes(seeded_engine):
    """Programme A targets 50 tambons; programme B names 3 tambons and reports 40 tambons."""
    with session_scope(seeded_engine) as session:
        add_a_and_b(session)
    return seeded_engine


def test_b_figures_are_never_set_against_a_target(two_programmes):
    claims = queries.claims(two_programmes)
    table = progress_table(claims, "en")
    a_rows = table[table["Programme"] == "Programme A"]
    assert a_rows[["Target", "Reported", "Share of target"]].values.tolist() == [
        ["50", "progress not reported", ""]]
    assert "40" not in " ".join(table.astype(str).values.ravel().tolist())
    # Each programme's figures belong to its own indicator.
    indicators = queries.indicators(two_programmes)
    assert indicators.groupby("programme_id").size().max() >= 1
    assert set(claims.groupby("indicator_id")["programme_id"].nunique()) == {1}


def test_baseline_is_kept_apart_on_the_indicator(two_programmes):
    with session_scope(two_programmes) as session:
        source, _ = upsert_source(session, kind="edit", file_name="", quote="baseline",
                                  created_by="test")
        a = queries.programmes(two_programmes).set_index("slug").loc[A, "programme_id"]
        upsert_indicator(session, programme_id=int(a), measure="subdistricts",
                         level="subdistrict", within_code=None,
                         baseline={"value": 12, "as_of": "2023", "source_id": source.id})
    indicator = queries.indicators(two_programmes).set_index("programme_slug").loc[A]
    assert (indicator["baseline_value"], indicator["baseline_as_of"]) == (12, "2023")
    # A baseline is no reported figure: progress is still not reported.
    table = progress_table(queries.claims(two_programmes), "en")
    assert table.loc[table["Programme"] == "Programme A", "Reported"].item() == \
        "progress not reported"
