"""Who works with whom: organisations, their programmes, roles and areas, and the
network of organisations linked by the programmes (MOUs) they share.

Filtering goes through views.coverage (`select_programmes`, `filter_coverage`),
so the partners page narrows exactly like the map does.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import shapely

from views.coverage import filter_coverage, select_programmes
from views.filters import FILTERS, Filters
from views.text import abbreviation_in, localised, t, term

if TYPE_CHECKING:  # imported where used: the overview imports this module before its map
    import altair as alt
    import networkx as nx

LABEL_LIMIT = {"th": 20, "en": 26}
# Thai vowel and tone marks written above or below the consonant before them.
_THAI_LEADING = "เแโใไ"
_THAI_COMBINING = {chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))}


def real_rows(frame: pd.DataFrame, include_synthetic: bool) -> pd.DataFrame:
    """Drops synthetic rows (e.g. test coverage of a real programme) unless asked for."""
    if include_synthetic or "is_synthetic" not in frame:
        return frame
    return frame[~frame["is_synthetic"].astype(bool)]


def area_filtered(filters: Filters) -> bool:
    """Whether a filter on coverage rows (an area, a status, the years) is set."""
    return bool(filters.years) or any(entry.coverage is not None and filters.of(entry)
                                      for entry in FILTERS)


def programmes_in_view(programmes: pd.DataFrame, partners: pd.DataFrame,
                       coverage: pd.DataFrame, filters: Filters,
                       province_regions: pd.DataFrame | None = None,
                       ) -> tuple[list[int], pd.DataFrame]:
    """Ids of the programmes the filters keep, and their coverage rows.

    With an area, status or year filter a programme stays only if it lists an area
    that passes it: programmes that list no area (national MOUs with counts only)
    cannot be placed in a region, so they show only when no such filter is set.
    """
    chosen = select_programmes(programmes, partners, filters)["programme_id"]
    rows = filter_coverage(coverage, chosen, filters, province_regions)
    if area_filtered(filters):
        chosen = chosen[chosen.isin(rows["programme_id"])]
    return sorted(int(i) for i in chosen), rows




def _joined_per(keys: pd.Series, values: pd.Series, separator: str) -> pd.Series:
    """Per key, its values joined in the order given (rows are already distinct): one
    stable sort and a split of plain arrays; only the joining itself is per key."""
    codes, uniques = pd.factorize(keys.to_numpy(), sort=False)
    order = np.argsort(codes, kind="stable")
    texts = values.to_numpy(dtype=object)[order]
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    return pd.Series([separator.join(group) for group in np.split(texts, bounds)]
                     if len(texts) else [], index=uniques, dtype=object)


# Organisations the network draws: the ones with the most programmes.
NETWORK_NODES = 25
# Bars of the "partners by programmes" chart.
CHART_BARS = 15


def organisation_table(partners: pd.DataFrame, coverage: pd.DataFrame,
                       programme_ids: Iterable[int], provinces: pd.DataFrame,
                       lang: str, synthetic_ids: Iterable[int] = ()) -> pd.DataFrame:
    """One row per organisation taking part in `programme_ids`, most programmes first.

    Columns: organisation_id, organisation_slug, organisation, abbreviation,
    programmes (distinct count), programme_titles, roles (labels), provinces (names of
    the provinces its programmes' coverage lies in), province_count.
    `provinces` has code, name_th, name_en for every province; titles of
    `synthetic_ids` programmes carry the synthetic mark. Whole columns at a time: the
    work grows with the rows, not with rows per organisation.
    """
    ids = set(programme_ids)
    rows = partners[partners["programme_id"].isin(ids)]
    columns = ["organisation_id", "organisation_slug", "organisation", "abbreviation",
               "programmes", "programme_titles", "roles", "provinces", "province_count"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    province_name = pd.Series(localised(provinces, "name", lang).to_numpy(),
                              index=provinces["code"].to_numpy())
    title = localised(rows, "programme_title", lang)
    mark = t("synthetic_mark", lang)
    rows = rows.assign(_title=title.where(
        ~rows["programme_id"].isin(set(synthetic_ids)), mark + " " + title))

    organisations = rows.drop_duplicates("organisation_id").set_index("organisation_id")
    taking_part = rows.drop_duplicates(["organisation_id", "programme_id"])
    roles = rows.drop_duplicates(["organisation_id", "role"]).sort_values("role", kind="stable")
    role_labels = roles["role"].map(lambda role: term("role", role, lang))
    covered = coverage.loc[coverage["programme_id"].isin(ids),
                           ["programme_id", "province_code"]].drop_duplicates()
    areas = taking_part[["organisation_id", "programme_id"]].merge(covered, on="programme_id")
    areas = areas.drop_duplicates(["organisation_id", "province_code"])
    areas = areas.assign(name=areas["province_code"].map(province_name).fillna(
        areas["province_code"])).sort_values("name", kind="stable")

    index = organisations.index
    abbreviation = organisations["abbreviation"]
    named = localised(organisations, "organisation", lang)
    table = pd.DataFrame({
        "organisation_id": index.astype(int),
        "organisation_slug": organisations["organisation_slug"].to_numpy(),
        "organisation": named.to_numpy(),
        "abbreviation": abbreviation.map(lambda value: abbreviation_in(value, lang)).to_numpy(),
        "programmes": taking_part.groupby("organisation_id").size().reindex(index).to_numpy(),
        "programme_titles": _joined_per(taking_part["organisation_id"], taking_part["_title"],
                                        "; ").reindex(index).to_numpy(),
        "roles": _joined_per(roles["organisation_id"], role_labels, ", ").reindex(
            index).to_numpy(),
        "provinces": _joined_per(areas["organisation_id"], areas["name"], ", ").reindex(
            index).fillna("").to_numpy(),
        "province_count": areas.groupby("organisation_id").size().reindex(index).fillna(
            0).astype(int).to_numpy(),
    }, columns=columns)
    return table.sort_values(["programmes", "organisation"], ascending=[False, True],
                             ignore_index=True)


def chart_rows(organisations: pd.DataFrame, lang: str,
               limit: int = CHART_BARS) -> pd.DataFrame:
    """The bars of the partners chart: the `limit` organisations with most programmes,
    labelled as the network labels them. The rest get no bar: summed into one, they
    would dwarf the real bars (chart_more says how many are left to the table)."""
    shown = organisations.head(limit)
    return shown.assign(label=[node_label(abbreviation, name, name, lang)
                               for abbreviation, name in zip(shown["abbreviation"],
                                                             shown["organisation"],
                                                             strict=True)])


def chart_more(organisations: pd.DataFrame, lang: str, limit: int = CHART_BARS) -> str:
    """The line under the partners chart (and in its text alternative) naming the
    organisations without a bar; "" when every one has a bar."""
    rest = len(organisations) - limit
    return t("partners_more", lang, n=f"{rest:,}") if rest > 0 else ""


# --- the network ------------------------------------------------------------------------

def partner_edges(partners: pd.DataFrame, programme_ids: Iterable[int]) -> pd.DataFrame:
    """Every pair of organisations sharing a programme: source < target, weight (how many
    programmes), programme_ids (sorted). A join on the programme, no loop over pairs."""
    ids = set(programme_ids)
    taking_part = partners.loc[partners["programme_id"].isin(ids),
                               ["programme_id", "organisation_id"]].drop_duplicates()
    pairs = taking_part.merge(taking_part, on="programme_id", suffixes=("_a", "_b"))
    pairs = pairs[pairs["organisation_id_a"] < pairs["organisation_id_b"]].sort_values(
        ["organisation_id_a", "organisation_id_b", "programme_id"])
    first = pairs["organisation_id_a"].to_numpy(np.int64)
    second = pairs["organisation_id_b"].to_numpy(np.int64)
    starts = np.flatnonzero(np.r_[True, (first[1:] != first[:-1])
                                  | (second[1:] != second[:-1])]) if len(pairs) else \
        np.array([], dtype=np.int64)
    programmes = np.split(pairs["programme_id"].to_numpy(np.int64), starts[1:])
    return pd.DataFrame({
        "source": first[starts], "target": second[starts],
        "weight": np.diff(np.r_[starts, len(pairs)]).astype(int),
        "programme_ids": [ids_.tolist() for ids_ in programmes] if len(pairs) else [],
    })


def partner_network(partners: pd.DataFrame, programme_ids: Iterable[int],
                    only: Iterable[int] | None = None,
                    edges: pd.DataFrame | None = None) -> nx.Graph:
    """Organisations as nodes (attribute `programmes`: how many they take part in);
    an edge joins two that share a programme, `weight` = how many they share.
    `only`: just these organisations and the links among them (what a chart draws);
    `edges`: partner_edges of the same programmes, when already at hand."""
    import networkx as nx

    ids = set(programme_ids)
    rows = partners[partners["programme_id"].isin(ids)].drop_duplicates(
        ["programme_id", "organisation_id"])
    counts = rows.groupby("organisation_id")["programme_id"].nunique()
    first = rows.drop_duplicates("organisation_id").sort_values("organisation_slug")
    edges = partner_edges(partners, ids) if edges is None else edges
    if only is not None:
        kept = set(only)
        first = first[first["organisation_id"].isin(kept)]
        edges = edges[edges["source"].isin(kept) & edges["target"].isin(kept)]
    graph = nx.Graph()
    # Nodes and edges are added in a fixed order, so the layout is reproducible.
    for organisation_id, slug, name_th, name_en, abbreviation in zip(
            first["organisation_id"], first["organisation_slug"], first["organisation_th"],
            first["organisation_en"], first["abbreviation"], strict=True):
        graph.add_node(int(organisation_id), slug=slug, name_th=name_th, name_en=name_en,
                       abbreviation=abbreviation if isinstance(abbreviation, str) else "",
                       programmes=int(counts[organisation_id]))
    graph.add_edges_from(
        (source, target, {"weight": int(weight), "programme_ids": [int(p) for p in pids]})
        for source, target, weight, pids in zip(edges["source"], edges["target"],
                                                edges["weight"], edges["programme_ids"],
                                                strict=True))
    return graph


def busiest(organisations: pd.DataFrame, edges: pd.DataFrame,
            limit: int = NETWORK_NODES) -> list[int]:
    """The organisations a network chart can show: the `limit` with the most programmes
    (then the most partners, then by slug). `organisations`: organisation_table's rows;
    `edges`: partner_edges."""
    degree = pd.concat([edges["source"], edges["target"]]).value_counts()
    ranked = organisations.assign(
        _partners=organisations["organisation_id"].map(degree).fillna(0)).sort_values(
        ["programmes", "_partners", "organisation_slug"], ascending=[False, False, True],
        kind="stable")
    return [int(i) for i in ranked["organisation_id"].head(limit)]


def edges_table(edges: pd.DataFrame, names: dict[int, str], programme_titles: dict[int, str],
                lang: str, limit: int | None = None) -> pd.DataFrame:
    """Links (partner_edges) as rows, most shared programmes first (the first `limit`, or
    all of them for the download): the two organisations' names (`names` by id), how
    many and which programmes they share."""
    links = edges.sort_values("weight", ascending=False, kind="stable")
    if limit is not None:
        links = links.head(limit)
    return pd.DataFrame({
        t("partners_first", lang): links["source"].map(names).to_numpy(),
        t("partners_second", lang): links["target"].map(names).to_numpy(),
        t("partners_shared_count", lang): links["weight"].to_numpy(),
        t("partners_shared", lang): ["; ".join(programme_titles.get(p, str(p)) for p in pids)
                                     for pids in links["programme_ids"]],
    })


def short_label(name: str, limit: int) -> str:
    """`name` cut to about `limit` characters at a word (or Thai character) boundary."""
    name = str(name).strip()
    if len(name) <= limit:
        return name
    cut = name[:limit]
    if " " in cut[limit // 2:]:
        cut = cut[:cut.rindex(" ")]
    else:
        end = limit
        while end < len(name) and name[end] in _THAI_COMBINING:
            end += 1
        cut = name[:end]
    # A Thai leading vowel (เ แ โ ใ ไ) belongs to the consonant after it.
    return cut.rstrip(" ,(" + _THAI_LEADING) + "…"


def node_label(abbreviation: str, name_th: str, name_en: str | None, lang: str) -> str:
    """Thai: the abbreviation the documents use, else the short name; English: short name,
    or a Latin abbreviation where the organisation has no English name."""
    if lang == "en" and isinstance(name_en, str) and name_en:
        plain = name_en.split(" (")[0]
        return short_label(plain, LABEL_LIMIT["en"])
    if abbreviation := abbreviation_in(abbreviation, lang):
        return abbreviation
    return short_label(name_th, LABEL_LIMIT["th"])


def network_layout(graph: nx.Graph) -> dict[int, tuple[float, float]]:
    """Positions with no randomness: Kamada–Kawai (which starts from a circle in node
    order) per connected group, groups side by side, biggest first. It spreads a
    six-partner MOU's clique better than a seeded spring layout. Its cost grows with the
    cube of the nodes, so pages draw a bounded part (`busiest`); a graph already laid out
    is not laid out again (`_layout` keeps the last ones)."""
    nodes = tuple((node, graph.nodes[node]["slug"]) for node in graph.nodes)
    edges = tuple(sorted((min(a, b), max(a, b)) for a, b in graph.edges))
    return dict(_layout(nodes, edges))


@functools.lru_cache(maxsize=64)
def _layout(nodes: tuple[tuple[int, str], ...],
            edges: tuple[tuple[int, int], ...]) -> tuple[tuple[int, tuple[float, float]], ...]:
    import networkx as nx

    graph = nx.Graph()
    slug = dict(nodes)
    graph.add_nodes_from(node for node, _ in nodes)
    graph.add_edges_from(edges)
    groups = sorted((sorted(group) for group in nx.connected_components(graph)),
                    key=lambda members: (-len(members), slug[members[0]]))
    positions: dict[int, tuple[float, float]] = {}
    left = 0.0
    for members in groups:
        part = graph.subgraph(members)
        width = max(1.0, len(members) ** 0.5)
        if len(members) == 1:
            local = {members[0]: (0.0, 0.0)}
        else:
            local = {node: tuple(xy) for node, xy in nx.kamada_kawai_layout(part).items()}
        xs = [xy[0] for xy in local.values()]
        ys = [xy[1] for xy in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        for node, (x, y) in local.items():
            positions[node] = (left + (x - min(xs)) / span * width,
                               (y - min(ys)) / span * width)
        left += width + 0.6
    return tuple(positions.items())


def network_frames(graph: nx.Graph, programme_titles: dict[int, str],
                   lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node and edge tables with layout coordinates, ready to draw as data.

    nodes: organisation_id, x, y, label, name, programmes, partners (degree);
    edges: source, target, x, y, x2, y2, weight, shared (programme titles).
    """
    node_columns = ["organisation_id", "x", "y", "label", "name", "programmes", "partners"]
    edge_columns = ["source", "target", "x", "y", "x2", "y2", "weight", "shared"]
    if graph.number_of_nodes() == 0:
        return pd.DataFrame(columns=node_columns), pd.DataFrame(columns=edge_columns)
    positions = network_layout(graph)
    nodes = pd.DataFrame.from_records([
        {"organisation_id": node, "x": float(positions[node][0]),
         "y": float(positions[node][1]),
         "label": node_label(data["abbreviation"], data["name_th"], data["name_en"], lang),
         "name": localised(data, "name", lang),
         "programmes": data["programmes"], "partners": graph.degree(node)}
        for node, data in graph.nodes(data=True)
    ], columns=node_columns)
    edges = pd.DataFrame.from_records([
        {"source": first, "target": second,
         "x": float(positions[first][0]), "y": float(positions[first][1]),
         "x2": float(positions[second][0]), "y2": float(positions[second][1]),
         "weight": data["weight"],
         "shared": "; ".join(programme_titles.get(p, str(p)) for p in data["programme_ids"])}
        for first, second, data in graph.edges(data=True)
    ], columns=edge_columns)
    return nodes, edges


# Where a label may go, relative to its circle's centre, in pixels: (dx, dy, align).
LABEL_SIDES = {"right": (24, 0, "left"), "left": (-24, 0, "right"),
               "above": (0, -24, "center"), "below": (0, 24, "center")}
LABEL_CHAR_PX = 7.5  # about a character's width at font size 13 (Thai runs narrower)
LABEL_HALF_HEIGHT_PX = 9
NOMINAL_WIDTH_PX = 850  # the chart's width on a laptop; the height is given


def label_sides(nodes: pd.DataFrame, edges: pd.DataFrame, height: int = 600,
                width: int = NOMINAL_WIDTH_PX) -> list[str]:
    """Per node, the side (LABEL_SIDES) where its label crosses the fewest edges, circles,
    labels placed before it and the chart's edge; the right on a tie. Nodes with the
    most partners choose first: they sit among the most edges."""
    x_low, x_high = _padded(nodes["x"])
    y_low, y_high = _padded(nodes["y"])

    def pixels(x: float, y: float) -> tuple[float, float]:
        return ((x - x_low) / (x_high - x_low) * width,
                (y_high - y) / (y_high - y_low) * height)

    centres = [pixels(x, y) for x, y in zip(nodes["x"], nodes["y"], strict=True)]
    lines = np.array([shapely.LineString([pixels(row.x, row.y), pixels(row.x2, row.y2)])
                      for row in edges.itertuples()], dtype=object)
    circles = np.array([shapely.Point(centre).buffer(14) for centre in centres], dtype=object)
    lines_tree, circles_tree = shapely.STRtree(lines), shapely.STRtree(circles)
    canvas = shapely.box(0, 0, width, height)
    placed: list = []
    sides = ["right"] * len(nodes)
    for i in sorted(range(len(nodes)), key=lambda i: -int(nodes["partners"].iloc[i])):
        (cx, cy), text_px = centres[i], LABEL_CHAR_PX * len(str(nodes["label"].iloc[i]))
        best = None
        for rank, (side, (dx, dy, align)) in enumerate(LABEL_SIDES.items()):
            left = cx + dx - {"left": 0, "right": text_px, "center": text_px / 2}[align]
            box = shapely.box(left, cy + dy - LABEL_HALF_HEIGHT_PX,
                              left + text_px, cy + dy + LABEL_HALF_HEIGHT_PX)
            near_circles = circles_tree.query(box, predicate="intersects")
            cost = (len(lines_tree.query(box, predicate="intersects"))
                    + int((near_circles != i).sum())
                    + 2 * int(shapely.intersects(np.array(placed, dtype=object), box).sum())
                    + 3 * (not canvas.contains(box)))
            if best is None or (cost, rank) < best[:2]:
                best = (cost, rank, side, box)
        sides[i] = best[2]
        placed.append(best[3])
    return sides


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str,
                  height: int = 600) -> alt.LayerChart:
    """Edges as lines (thicker = more shared programmes), nodes as circles sized by
    programmes, labels beside them; names travel as data, never as markup."""
    import altair as alt

    axis = alt.Axis(title=None, labels=False, ticks=False, grid=False, domain=False)
    x_scale = alt.Scale(domain=_padded(nodes["x"]), nice=False)
    y_scale = alt.Scale(domain=_padded(nodes["y"]), nice=False)
    shared_label = t("partners_shared", lang)
    heaviest = max(2, int(edges["weight"].max())) if not edges.empty else 2
    lines = alt.Chart(edges).mark_rule(color="#9aa5b1", opacity=0.7).encode(
        x=alt.X("x:Q", scale=x_scale, axis=axis), y=alt.Y("y:Q", scale=y_scale, axis=axis),
        x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("weight:Q", legend=None,
                                    scale=alt.Scale(domain=[1, heaviest], range=[1.5, 6])),
        tooltip=[alt.Tooltip("weight:Q", title=t("partners_shared_count", lang)),
                 alt.Tooltip("shared:N", title=shared_label)],
    )
    programmes_title = t("programme_count", lang)
    most = max(1, int(nodes["programmes"].max()))
    dots = alt.Chart(nodes).mark_circle(color="#2171b5", opacity=0.9, stroke="white",
                                        strokeWidth=1.5).encode(
        x=alt.X("x:Q", scale=x_scale, axis=axis), y=alt.Y("y:Q", scale=y_scale, axis=axis),
        size=alt.Size("programmes:Q", scale=alt.Scale(domain=[1, most], range=[250, 1400]),
                      legend=alt.Legend(title=programmes_title, orient="bottom", format="d",
                                        values=legend_sizes(most))),
        tooltip=[alt.Tooltip("name:N", title=t("organisation", lang)),
                 alt.Tooltip("programmes:Q", title=programmes_title),
                 alt.Tooltip("partners:Q", title=t("partners_linked", lang))],
    )
    # Beside the biggest circle (radius about 21 px), on the side that crosses least.
    placed = nodes.assign(side=label_sides(nodes, edges, height) if len(nodes) else [])
    labels = [
        alt.Chart(placed[placed["side"] == side]).mark_text(
            align=align, baseline="middle", dx=dx, dy=dy, fontSize=13, color="#1f2933",
        ).encode(x=alt.X("x:Q", scale=x_scale, axis=axis),
                 y=alt.Y("y:Q", scale=y_scale, axis=axis), text="label:N")
        for side, (dx, dy, align) in LABEL_SIDES.items()
    ]
    return alt.layer(lines, dots, *labels).properties(height=height).configure_view(
        strokeWidth=0)


def legend_sizes(most: int, shown: int = 5) -> list[int]:
    """Programme counts the size legend shows: each one up to `shown`, else `shown` of
    them spread from 1 to `most` (a legend of 44 circles would run off the chart)."""
    if most <= shown:
        return list(range(1, most + 1))
    return sorted({int(value) for value in np.rint(np.linspace(1, most, shown))})


def _padded(values: pd.Series) -> list[float]:
    low, high = float(values.min()), float(values.max())
    span = (high - low) or 1.0
    # Room on both sides for the labels drawn beside the circles.
    return [low - span * 0.2, high + span * 0.25]
