"""Partners: organisation table, filtering through views.coverage, and the network of
shared programmes — on the real seed registry and on small hand-made frames."""

from __future__ import annotations

import itertools
import json

import networkx as nx
import pandas as pd
import pytest

from registry import queries
from registry.db import ensure_ready
from views.coverage import Filters, with_level_codes
from views.partners import (
    label_sides,
    network_chart,
    network_frames,
    network_layout,
    node_label,
    organisation_table,
    partner_network,
    programmes_in_view,
    short_label,
)
from views.text import has_thai

TABLES = ("programmes", "partners", "coverage")
WESTERN = "western-happy-community-mou"
WESTERN_PARTNERS = {"happy-workplace-association", "hua-jai-asa-foundation", "codi",
                    "mahamakut-buddhist-university", "moral-promotion-center",
                    "western-community-organisations-movement"}
PROVINCES = pd.DataFrame({
    "code": ["14", "70", "71", "73", "74", "75", "76", "77", "96"],
    "name_th": ["พระนครศรีอยุธยา", "ราชบุรี", "กาญจนบุรี", "นครปฐม", "สมุทรสาคร", "สมุทรสงคราม",
                "เพชรบุรี", "ประจวบคีรีขันธ์", "นราธิวาส"],
    "name_en": ["Phra Nakhon Si Ayutthaya", "Ratchaburi", "Kanchanaburi", "Nakhon Pathom",
                "Samut Sakhon", "Samut Songkhram", "Phetchaburi", "Prachuap Khiri Khan",
                "Narathiwat"],
})
REGIONS = pd.DataFrame({
    "province_code": ["14", "70", "71", "73", "74", "75", "76", "77", "96"],
    "region_en": ["Central", "West", "West", "Central", "Central", "Central", "West", "West",
                  "South"],
})


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> dict[str, pd.DataFrame]:
    path = tmp_path_factory.mktemp("partners") / "registry.sqlite"
    engine = ensure_ready(f"sqlite:///{path}")
    try:
        tables = {name: getattr(queries, name)(engine) for name in TABLES}
    finally:
        engine.dispose()
    tables["coverage"] = with_level_codes(tables["coverage"])
    return tables


def all_ids(seed) -> list[int]:
    return sorted(seed["programmes"]["programme_id"])


def table_of(seed, lang="en", filters: Filters | None = None):
    ids, coverage = programmes_in_view(seed["programmes"], seed["partners"], seed["coverage"],
                                       filters or Filters(), REGIONS)
    return organisation_table(seed["partners"], coverage, ids, PROVINCES, lang) \
        .set_index("organisation_slug")


# From the seed documents: CODI (พอช.) signs 000 (and hosts it), 002 and 004; the Moral Center
# 000 and 003 (lead); ThaiHealth 001 (lead) and 002; every other partner one programme.
@pytest.mark.parametrize(("slug", "programmes", "roles", "provinces"), [
    ("codi", 3, "Signatory",
     "Kanchanaburi, Nakhon Pathom, Phetchaburi, Prachuap Khiri Khan, Ratchaburi, "
     "Samut Sakhon, Samut Songkhram"),
    ("moral-promotion-center", 2, "Lead, Signatory",
     "Kanchanaburi, Nakhon Pathom, Phetchaburi, Phra Nakhon Si Ayutthaya, Prachuap Khiri "
     "Khan, Ratchaburi, Samut Sakhon, Samut Songkhram"),
    ("thaihealth", 2, "Lead, Signatory", "Narathiwat"),
    ("maruebo-tok-municipality", 1, "Implementing", "Narathiwat"),
    ("happy-workplace-association", 1, "Tool developer",
     "Kanchanaburi, Nakhon Pathom, Phetchaburi, Prachuap Khiri Khan, Ratchaburi, "
     "Samut Sakhon, Samut Songkhram"),
    ("rmut-suvarnabhumi", 1, "Academic support", "Phra Nakhon Si Ayutthaya"),
    # The four-agency MOU lists no area: its departments have no province.
    ("community-development-department", 1, "Signatory", ""),
    ("kanchanaburi-social-development-office", 1, "Signatory", "Kanchanaburi"),
])
def test_seed_organisations(seed, slug, programmes, roles, provinces):
    row = table_of(seed).loc[slug]
    assert (row["programmes"], row["roles"], row["provinces"]) == (programmes, roles, provinces)
    assert row["province_count"] == (len(provinces.split(", ")) if provinces else 0)


def test_seed_table_has_every_partner_most_programmes_first(seed):
    table = table_of(seed, "th")
    assert len(table) == 16
    assert table.index[0] == "codi"
    assert table.loc["codi", "organisation"] == "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)"
    assert table.loc["codi", "abbreviation"] == "พอช."
    assert table.loc["codi", "roles"] == "ผู้ลงนาม"
    assert table["programmes"].is_monotonic_decreasing
    assert table["programmes"].sum() == len(seed["partners"]) == 20


def test_seed_table_in_english_shows_no_thai_abbreviation(seed):
    table = table_of(seed, "en")
    assert table.loc["codi", "abbreviation"] == ""
    assert not table["abbreviation"].map(has_thai).any()


@pytest.mark.parametrize(("filters", "slugs"), [
    (Filters(provinces=("96",)), {"thaihealth", "lower-south-academic-support-centre",
                                  "maruebo-tok-municipality"}),
    (Filters(themes=("moral_province",)), {"moral-promotion-center", "rmut-suvarnabhumi",
                                           "ayutthaya-provincial-culture-office"}),
    (Filters(programmes=(WESTERN,)), WESTERN_PARTNERS),
    # Kanchanaburi (71) is in the western MOU and the Kanchanaburi MOU.
    (Filters(provinces=("71",)), WESTERN_PARTNERS | {
        "kanchanaburi-community-organisations-movement", "kanchanaburi-rajabhat-university",
        "kanchanaburi-social-development-office"}),
    (Filters(regions=("South",)), {"thaihealth", "lower-south-academic-support-centre",
                                   "maruebo-tok-municipality"}),
    (Filters(partners=("thaihealth",)), {
        "thaihealth", "lower-south-academic-support-centre", "maruebo-tok-municipality",
        "codi", "community-development-department", "department-of-local-administration"}),
    (Filters(themes=("resilience",), provinces=("14",)), set()),
])
def test_filters_narrow_the_organisations_like_the_map(seed, filters, slugs):
    assert set(table_of(seed, filters=filters).index) == slugs


def test_province_filter_narrows_the_areas_shown(seed):
    row = table_of(seed, filters=Filters(provinces=("14",))).loc["moral-promotion-center"]
    assert (row["programmes"], row["provinces"]) == (1, "Phra Nakhon Si Ayutthaya")


def test_programmes_without_listed_areas_drop_out_only_under_an_area_filter(seed):
    four_agency = seed["programmes"].loc[
        seed["programmes"]["slug"] == "four-agency-strong-community-mou", "programme_id"].item()
    ids, _ = programmes_in_view(seed["programmes"], seed["partners"], seed["coverage"],
                                Filters(), REGIONS)
    assert four_agency in ids and len(ids) == 5
    ids, _ = programmes_in_view(seed["programmes"], seed["partners"], seed["coverage"],
                                Filters(regions=("West", "Central", "South")), REGIONS)
    assert four_agency not in ids and len(ids) == 4


def test_synthetic_programme_titles_are_badged():
    partners = pd.DataFrame({
        "programme_id": [1, 2], "organisation_id": [9, 9], "organisation_slug": ["x", "x"],
        "organisation_th": ["องค์กร", "องค์กร"], "organisation_en": ["Org", "Org"],
        "abbreviation": [None, None], "role": ["lead", "funder"],
        "programme_title_th": ["จริง", "ทดสอบ"], "programme_title_en": ["Real", "Test"],
    })
    coverage = with_level_codes(pd.DataFrame({"programme_id": [1], "level": ["province"],
                                              "area_code": ["71"]}))
    row = organisation_table(partners, coverage, [1, 2], PROVINCES, "en", synthetic_ids={2})
    assert row.iloc[0]["programme_titles"] == "Real; [synthetic] Test"
    assert row.iloc[0]["roles"] == "Funder, Lead"
    assert row.iloc[0]["provinces"] == "Kanchanaburi"


# --- network ------------------------------------------------------------------------------

def seed_graph(seed) -> tuple[nx.Graph, dict[str, int]]:
    graph = partner_network(seed["partners"], all_ids(seed))
    return graph, {data["slug"]: node for node, data in graph.nodes(data=True)}


def test_seed_network_western_partners_are_all_linked(seed):
    graph, node = seed_graph(seed)
    for first, second in itertools.combinations(sorted(WESTERN_PARTNERS), 2):
        assert graph.has_edge(node[first], node[second]), (first, second)


@pytest.mark.parametrize(("slug", "programmes", "linked"), [
    # CODI: 5 other western partners + 3 four-agency + 3 Kanchanaburi partners.
    ("codi", 3, 11),
    ("thaihealth", 2, 5),  # 2 in Narathiwat + 3 in the four-agency MOU
    ("moral-promotion-center", 2, 7),  # 5 western + 2 Ayutthaya
    ("maruebo-tok-municipality", 1, 2),
])
def test_seed_network_node_sizes_and_links(seed, slug, programmes, linked):
    graph, node = seed_graph(seed)
    assert graph.nodes[node[slug]]["programmes"] == programmes
    assert graph.degree(node[slug]) == linked


def test_seed_network_is_one_connected_graph(seed):
    graph, node = seed_graph(seed)
    assert graph.number_of_nodes() == 16
    assert nx.is_connected(graph)
    # No two seed organisations share more than one programme.
    assert {data["weight"] for _, _, data in graph.edges(data=True)} == {1}
    assert not graph.has_edge(node["thaihealth"], node["moral-promotion-center"])


HAND_PARTNERS = pd.DataFrame({
    "programme_id": [1, 1, 1, 2, 2, 3, 3],
    "organisation_id": [10, 20, 30, 10, 20, 20, 20],
    "organisation_slug": ["a", "b", "c", "a", "b", "b", "b"],
    "organisation_th": ["ก", "ข", "ค", "ก", "ข", "ข", "ข"],
    "organisation_en": ["A", "B", "C", "A", "B", "B", "B"],
    "abbreviation": ["ก.", None, None, "ก.", None, None, None],
    "role": ["lead", "signatory", "host", "lead", "funder", "lead", "supporting"],
})


@pytest.mark.parametrize(("ids", "edges"), [
    ([1, 2, 3], {(10, 20): 2, (10, 30): 1, (20, 30): 1}),
    ([2], {(10, 20): 1}),
    ([3], {}),  # one organisation named twice in one programme: no self-link
    ([], {}),
])
def test_edges_are_weighted_by_shared_programmes(ids, edges):
    graph = partner_network(HAND_PARTNERS, ids)
    assert {tuple(sorted(e)): d["weight"] for *e, d in graph.edges(data=True)} == edges


def test_b_counts_each_programme_once():
    graph = partner_network(HAND_PARTNERS, [1, 2, 3])
    assert graph.nodes[20]["programmes"] == 3


def test_layout_is_deterministic_whatever_the_row_order(seed):
    graph, _ = seed_graph(seed)
    titles = dict(zip(seed["programmes"]["programme_id"], seed["programmes"]["title_en"],
                      strict=True))
    first = network_frames(graph, titles, "en")
    shuffled = seed["partners"].sample(frac=1, random_state=3)
    second = network_frames(partner_network(shuffled, all_ids(seed)[::-1]), titles, "en")
    pd.testing.assert_frame_equal(first[0], second[0])
    pd.testing.assert_frame_equal(
        first[1].sort_values(["source", "target"], ignore_index=True),
        second[1].sort_values(["source", "target"], ignore_index=True))
    nodes, edges = first
    assert len(nodes) == 16 and len(edges) == graph.number_of_edges()
    assert edges["shared"].str.len().gt(0).all()


def test_network_chart_passes_hostile_names_as_data():
    hostile = "<img src=x onerror=alert(1)>"
    partners = HAND_PARTNERS.assign(organisation_en=hostile)
    graph = partner_network(partners, [1, 2])
    nodes, edges = network_frames(graph, {1: "<b>P1</b>", 2: "P2"}, "en")
    spec = network_chart(nodes, edges, "en").to_dict()
    values = [row for data in spec["datasets"].values() for row in data]
    assert any(row.get("name") == hostile for row in values)
    assert any(row.get("shared", "").startswith("<b>P1</b>") for row in values)
    # Text reaches the chart only as data fields, never inside a mark's markup.
    assert hostile not in json.dumps({k: v for k, v in spec.items() if k != "datasets"})


def test_separate_groups_are_laid_out_side_by_side():
    partners = pd.concat([HAND_PARTNERS[HAND_PARTNERS["programme_id"] == 1],
                          HAND_PARTNERS[HAND_PARTNERS["programme_id"] == 1].assign(
                              programme_id=5, organisation_id=[40, 50, 60],
                              organisation_slug=["d", "e", "f"])])
    graph = partner_network(partners, [1, 5])
    positions = network_layout(graph)
    first = [positions[n][0] for n in (10, 20, 30)]
    second = [positions[n][0] for n in (40, 50, 60)]
    assert max(first) < min(second)  # the group with slug "a" first, no overlap
    points = list(positions.values())
    assert len(set(points)) == 6


def _frames(points: dict[str, tuple[float, float]], links: list[tuple[str, str]]):
    nodes = pd.DataFrame([{"label": name, "x": x, "y": y,
                           "partners": sum(name in link for link in links)}
                          for name, (x, y) in points.items()])
    edges = pd.DataFrame([{"x": points[a][0], "y": points[a][1], "x2": points[b][0],
                           "y2": points[b][1]} for a, b in links],
                         columns=["x", "y", "x2", "y2"])
    return nodes, edges


def test_a_label_goes_where_no_edge_runs():
    nodes, edges = _frames({"west": (0, 0), "east": (1, 0)}, [("west", "east")])
    assert label_sides(nodes, edges) == ["left", "right"]  # not along their edge
    nodes, edges = _frames({"low": (0, 0), "high": (0, 1)}, [("low", "high")])
    assert label_sides(nodes, edges) == ["right", "right"]  # the edge runs up, not beside
    # A hub with edges to its right and left puts its label above or below.
    nodes, edges = _frames({"hub": (0.5, 0.5), "r": (1, 0.5), "l": (0, 0.5), "t": (0.5, 1)},
                           [("hub", "r"), ("hub", "l"), ("hub", "t")])
    assert label_sides(nodes, edges)[0] == "below"


def test_network_chart_draws_each_label_once_on_its_side():
    nodes, edges = _frames({"west": (0, 0), "east": (1, 0)}, [("west", "east")])
    nodes = nodes.assign(name=nodes["label"], programmes=1)
    edges = edges.assign(weight=1, shared="P")
    spec = network_chart(nodes, edges, "en").to_dict()
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    shown = {layer["mark"]["align"]: [row["label"] for row in spec["datasets"][
        layer["data"]["name"]]] for layer in texts if spec["datasets"][layer["data"]["name"]]}
    assert shown == {"right": ["west"], "left": ["east"]}


def test_empty_network_draws_nothing():
    nodes, edges = network_frames(nx.Graph(), {}, "th")
    assert nodes.empty and edges.empty


THAI_MARKS = "ัิีึืฺุู็่้๊๋์"


@pytest.mark.parametrize(("name", "limit", "label"), [
    ("มูลนิธิหัวใจอาสา", 20, "มูลนิธิหัวใจอาสา"),
    ("Kanchanaburi Rajabhat University", 26, "Kanchanaburi Rajabhat…"),
    ("Lower Southern Academic Support Centre", 26, "Lower Southern Academic…"),
    # A cut right after a leading vowel drops it: it belongs to the next consonant.
    ("ศูนย์สนับสนุนวิชาการเพื่อการจัดการเครือข่ายภาคใต้ตอนล่าง", 21, "ศูนย์สนับสนุนวิชาการ…"),
    # The cut would fall before a tone mark: the mark stays with its consonant.
    ("กรมส่งเสริมการปกครองท้องถิ่น", 4, "กรมส่…"),
])
def test_short_label(name, limit, label):
    assert short_label(name, limit) == label
    kept = label.removesuffix("…")
    assert name.startswith(kept)
    assert len(kept) == len(name) or name[len(kept)] not in THAI_MARKS


@pytest.mark.parametrize(("abbreviation", "name_th", "name_en", "lang", "label"), [
    ("พอช.", "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)", "Community Organizations Development "
     "Institute (Public Organization)", "th", "พอช."),
    ("พอช.", "สถาบันพัฒนาองค์กรชุมชน (องค์การมหาชน)", "Community Organizations Development "
     "Institute (Public Organization)", "en", "Community Organizations…"),
    ("", "กรมการพัฒนาชุมชน", "Community Development Department", "th", "กรมการพัฒนาชุมชน"),
    ("", "มูลนิธิหัวใจอาสา", None, "en", "มูลนิธิหัวใจอาสา"),
    # English: a Thai abbreviation says nothing; the (Thai) name is the organisation's name
    ("มอส.", "มูลนิธิหัวใจอาสา", None, "en", "มูลนิธิหัวใจอาสา"),
    ("UNDP", "โครงการพัฒนาแห่งสหประชาชาติ", None, "en", "UNDP"),
])
def test_node_label(abbreviation, name_th, name_en, lang, label):
    assert node_label(abbreviation, name_th, name_en, lang) == label


# --- at scale: bounded drawing, everything downloadable ---------------------------------

def test_partner_edges_match_the_network(seed):
    from views.partners import partner_edges

    edges = partner_edges(seed["partners"], all_ids(seed))
    graph, _ = seed_graph(seed)
    assert {(s, t): w for s, t, w in zip(edges["source"], edges["target"], edges["weight"],
                                         strict=True)} == {
        (min(a, b), max(a, b)): d["weight"] for a, b, d in graph.edges(data=True)}


def test_busiest_keeps_the_organisations_with_most_programmes_then_most_partners():
    from views.partners import busiest, partner_edges

    coverage = with_level_codes(pd.DataFrame({"programme_id": [1], "level": ["province"],
                                              "area_code": ["71"]}))
    table = organisation_table(HAND_PARTNERS.assign(programme_title_en="P"), coverage,
                               [1, 2, 3], PROVINCES, "en")
    edges = partner_edges(HAND_PARTNERS, [1, 2, 3])
    assert busiest(table, edges, limit=1) == [20]  # b: three programmes
    assert busiest(table, edges, limit=2) == [20, 10]  # a: two
    graph = partner_network(HAND_PARTNERS, [1, 2, 3], only=[20, 10])
    assert sorted(graph.nodes) == [10, 20] and graph[10][20]["weight"] == 2


def test_edges_table_lists_every_link_most_shared_first_or_the_first_few():
    from views.partners import edges_table, partner_edges

    edges = partner_edges(HAND_PARTNERS, [1, 2, 3])
    names = {10: "A", 20: "B", 30: "C"}
    whole = edges_table(edges, names, {1: "P1", 2: "P2"}, "en")
    assert whole.values.tolist() == [["A", "B", 2, "P1; P2"], ["A", "C", 1, "P1"],
                                     ["B", "C", 1, "P1"]]
    assert len(edges_table(edges, names, {}, "en", limit=1)) == 1


def test_chart_rows_are_the_busiest_and_the_rest_are_named_under_the_chart():
    """No bar sums the rest (at 2,000 organisations it would dwarf the real bars): the
    line under the chart says how many are left to the table."""
    from views.partners import chart_more, chart_rows

    table = pd.DataFrame({"organisation": [f"Org {i}" for i in range(30)],
                          "abbreviation": [""] * 30, "programmes": [3] * 10 + [1] * 20,
                          "roles": ["Lead"] * 30})
    rows = chart_rows(table, "en", limit=10)
    assert rows["label"].tolist() == table["organisation"].iloc[:10].tolist()
    assert rows["programmes"].max() == 3
    assert chart_more(table, "en", limit=10) == (
        "Organisations not in the chart: 20 more; see the table below or its CSV")
    assert "20" in chart_more(table, "th", limit=10)
    assert len(chart_rows(table.head(5), "en", limit=10)) == 5
    assert chart_more(table.head(10), "en", limit=10) == ""


def test_labels_of_a_crowded_chart_each_get_a_side():
    points = {f"n{i}": ((i * 37) % 101 / 100, (i * 53) % 97 / 96) for i in range(40)}
    links = [(f"n{i}", f"n{j}") for i in range(40) for j in range(i + 1, 40) if (i + j) % 3 == 0]
    nodes, edges = _frames(points, links)
    sides = label_sides(nodes, edges)
    assert len(sides) == 40 and set(sides) <= {"right", "left", "above", "below"}
    assert len(set(sides)) > 1  # crowded: not every label fits on the right


@pytest.mark.parametrize(("most", "sizes"), [(1, [1]), (3, [1, 2, 3]), (5, [1, 2, 3, 4, 5]),
                                             (44, [1, 12, 22, 33, 44])])
def test_the_size_legend_stays_short(most, sizes):
    from views.partners import legend_sizes

    assert legend_sizes(most) == sizes
