"""Who works with whom: organisations, their programmes, roles and areas, and the
network of organisations linked by the programmes (MOUs) they share.

Filtering goes through views.coverage (`select_programmes`, `filter_coverage`),
so the partners page narrows exactly like the map does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd
import shapely

from views.coverage import Filters, filter_coverage, select_programmes
from views.text import t, term

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
    return bool(filters.regions or filters.provinces or filters.statuses or filters.years)


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


def name_in(row, lang: str, th: str = "organisation_th", en: str = "organisation_en") -> str:
    english = row[en]
    return english if lang == "en" and isinstance(english, str) and english else row[th]


def _joined(values: Iterable[str], separator: str = ", ") -> str:
    """Distinct texts in first-seen order; titles (which contain commas) use "; "."""
    return separator.join(dict.fromkeys(v for v in values if isinstance(v, str) and v))


def organisation_table(partners: pd.DataFrame, coverage: pd.DataFrame,
                       programme_ids: Iterable[int], provinces: pd.DataFrame,
                       lang: str, synthetic_ids: Iterable[int] = ()) -> pd.DataFrame:
    """One row per organisation taking part in `programme_ids`, most programmes first.

    Columns: organisation_id, organisation_slug, organisation, abbreviation,
    programmes (distinct count), programme_titles, roles (labels), provinces (names of
    the provinces its programmes' coverage lies in), province_count.
    `provinces` has code, name_th, name_en for every province; titles of
    `synthetic_ids` programmes carry the synthetic mark.
    """
    ids = set(programme_ids)
    rows = partners[partners["programme_id"].isin(ids)]
    columns = ["organisation_id", "organisation_slug", "organisation", "abbreviation",
               "programmes", "programme_titles", "roles", "provinces", "province_count"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    province_name = {code: (en if lang == "en" and isinstance(en, str) and en else th)
                     for code, th, en in zip(provinces["code"], provinces["name_th"],
                                             provinces["name_en"], strict=True)}
    covered = coverage[coverage["programme_id"].isin(ids)]
    province_codes = covered.groupby("programme_id")["province_code"].agg(
        lambda codes: sorted(set(codes)))
    title_column = "programme_title_en" if lang == "en" else "programme_title_th"
    synthetic = set(synthetic_ids)
    mark = t("synthetic_mark", lang)
    rows = rows.assign(_title=[f"{mark} {title}" if pid in synthetic else title
                               for pid, title in zip(rows["programme_id"], rows[title_column],
                                                     strict=True)])
    records = []
    for organisation_id, group in rows.groupby("organisation_id", sort=False):
        first = group.iloc[0]
        programme_ids_of = sorted(set(group["programme_id"]))
        codes = sorted({code for pid in programme_ids_of
                        for code in province_codes.get(pid, [])})
        abbreviation = first["abbreviation"]
        records.append({
            "organisation_id": int(organisation_id),
            "organisation_slug": first["organisation_slug"],
            "organisation": name_in(first, lang),
            "abbreviation": abbreviation if isinstance(abbreviation, str) else "",
            "programmes": len(programme_ids_of),
            "programme_titles": _joined(group.drop_duplicates("programme_id")["_title"], "; "),
            "roles": _joined(term("role", r, lang) for r in sorted(set(group["role"]))),
            "provinces": _joined(sorted(province_name.get(c, c) for c in codes)),
            "province_count": len(codes),
        })
    table = pd.DataFrame.from_records(records, columns=columns)
    return table.sort_values(["programmes", "organisation"], ascending=[False, True],
                             ignore_index=True)


# --- the network ------------------------------------------------------------------------

def partner_network(partners: pd.DataFrame, programme_ids: Iterable[int]) -> nx.Graph:
    """Organisations as nodes (attribute `programmes`: how many they take part in);
    an edge joins two that share a programme, `weight` = how many they share."""
    import networkx as nx

    ids = set(programme_ids)
    rows = partners[partners["programme_id"].isin(ids)].drop_duplicates(
        ["programme_id", "organisation_id"])
    graph = nx.Graph()
    # Nodes and edges are added in a fixed order, so the layout is reproducible.
    for organisation_id, group in sorted(rows.groupby("organisation_id"),
                                         key=lambda item: item[1].iloc[0]["organisation_slug"]):
        first = group.iloc[0]
        abbreviation = first["abbreviation"]
        graph.add_node(int(organisation_id), slug=first["organisation_slug"],
                       name_th=first["organisation_th"], name_en=first["organisation_en"],
                       abbreviation=abbreviation if isinstance(abbreviation, str) else "",
                       programmes=group["programme_id"].nunique())
    for programme_id, group in rows.groupby("programme_id"):
        members = sorted(int(o) for o in group["organisation_id"])
        for i, first in enumerate(members):
            for second in members[i + 1:]:
                if graph.has_edge(first, second):
                    graph[first][second]["weight"] += 1
                    graph[first][second]["programme_ids"].append(int(programme_id))
                else:
                    graph.add_edge(first, second, weight=1, programme_ids=[int(programme_id)])
    return graph


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
    """Thai: the abbreviation the documents use, else the short name; English: short name."""
    if lang == "en" and isinstance(name_en, str) and name_en:
        plain = name_en.split(" (")[0]
        return short_label(plain, LABEL_LIMIT["en"])
    if abbreviation:
        return abbreviation
    return short_label(name_th, LABEL_LIMIT["th"])


def network_layout(graph: nx.Graph) -> dict[int, tuple[float, float]]:
    """Positions with no randomness: Kamada–Kawai (which starts from a circle in node
    order) per connected group, groups side by side, biggest first. It spreads a
    six-partner MOU's clique better than a seeded spring layout."""
    import networkx as nx

    groups = sorted((sorted(group) for group in nx.connected_components(graph)),
                    key=lambda nodes: (-len(nodes), graph.nodes[nodes[0]]["slug"]))
    positions: dict[int, tuple[float, float]] = {}
    left = 0.0
    for nodes in groups:
        part = graph.subgraph(nodes)
        width = max(1.0, len(nodes) ** 0.5)
        if len(nodes) == 1:
            local = {nodes[0]: (0.0, 0.0)}
        else:
            local = {node: tuple(xy) for node, xy in nx.kamada_kawai_layout(part).items()}
        xs = [xy[0] for xy in local.values()]
        ys = [xy[1] for xy in local.values()]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        for node, (x, y) in local.items():
            positions[node] = (left + (x - min(xs)) / span * width,
                               (y - min(ys)) / span * width)
        left += width + 0.6
    return positions


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
         "name": data["name_en"] if lang == "en" and data["name_en"] else data["name_th"],
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
    lines = [shapely.LineString([pixels(row.x, row.y), pixels(row.x2, row.y2)])
             for row in edges.itertuples()]
    circles = [shapely.Point(centre).buffer(14) for centre in centres]
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
            cost = (sum(line.intersects(box) for line in lines)
                    + sum(circle.intersects(box) for j, circle in enumerate(circles) if j != i)
                    + 2 * sum(other.intersects(box) for other in placed)
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
                                        values=list(range(1, most + 1)))),
        tooltip=[alt.Tooltip("name:N", title=t("partners_organisation", lang)),
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


def _padded(values: pd.Series) -> list[float]:
    low, high = float(values.min()), float(values.max())
    span = (high - low) or 1.0
    # Room on both sides for the labels drawn beside the circles.
    return [low - span * 0.2, high + span * 0.25]
