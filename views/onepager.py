"""The one-pager handed out at a signing: title, map with legend, key figures, date, credit.

Rendered on the server with matplotlib (Agg, no browser, works offline) from the
boundary geometry, with the same fills as the web map. Matplotlib's default font
has no Thai letters, so a Thai font is looked up at run time; TLWG's Garuda is
preferred because its stacked vowels and tone marks come out right in Agg (checked
by eye on the rendered PNG), and it carries Latin letters too.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import geopandas as gpd
import matplotlib
import numpy as np
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Patch, Rectangle
from PIL import Image

from geo.maps import LOCATOR_COLOUR, NO_DATA_COLOUR
from views.classes import Classes
from views.programme import Kpi, MapPlan

matplotlib.use("Agg")

# Best first: TLWG fonts are made for Thai and include Latin; Noto Thai lacks Latin
# letters, so a Latin fallback is always listed after the Thai font.
PREFERRED_THAI_FONTS = ("Garuda", "Loma", "Waree", "Umpush", "Noto Sans Thai",
                        "Noto Sans Thai Looped", "Kinnari", "Norasi", "Noto Serif Thai")
LATIN_FALLBACK = "DejaVu Sans"
THAI_SAMPLE = "กขค่้ำ"
INSTALL_HINT = ("No font with Thai letters is installed, so an exported one-pager would show "
                "empty boxes instead of Thai text. Install one, e.g. `apt-get install "
                "fonts-thai-tlwg` (scripts/setup does this), then restart the app.")

# A4 landscape at 150 dpi: 1754 × 1240 px, sharp on a projector and in print.
DPI = 150
PAGE_PIXELS = (1754, 1240)
PAGE_INCHES = (PAGE_PIXELS[0] / DPI, PAGE_PIXELS[1] / DPI)
# Degrees; below a pixel of the printed map at these zooms, and keeps rendering fast.
SIMPLIFY = {"province": 0.003, "district": 0.0015, "subdistrict": 0.0005}
# Fewest letters carried to a new line when a long Thai word must be broken.
MIN_TAIL = 4
INK = "#111111"
# Width and height (page fractions) a partner's logo is fitted into: ≈ 88 × 43 px.
LOGO_BOX = (0.05, 0.035)
# Type size and logo height of the partner list, tried in turn until every partner fits.
PARTNER_SIZES = ((11, 0.035), (10, 0.03), (9, 0.025))
# The sources' line(s) above the date line: at most this many, each this high (fraction).
SOURCE_LINES = 2
SOURCE_LINE_HEIGHT = 0.018
MUTED = "#444444"


class ThaiFontMissing(RuntimeError):
    """No installed font can draw Thai; the message says how to install one."""


def _covers_thai(path: str) -> bool:
    try:
        charmap = matplotlib.ft2font.FT2Font(path).get_charmap()
    except (OSError, RuntimeError, ValueError):
        return False
    return all(ord(char) in charmap for char in THAI_SAMPLE)


@cache
def thai_font_family() -> str:
    """The best installed font that draws Thai, by family name."""
    installed = {font.name: font.fname for font in font_manager.fontManager.ttflist}
    for name in PREFERRED_THAI_FONTS:
        if name in installed and _covers_thai(installed[name]):
            return name
    for name, path in sorted(installed.items()):
        if _covers_thai(path):
            return name
    raise ThaiFontMissing(INSTALL_HINT)


def font_families() -> list[str]:
    return [thai_font_family(), LATIN_FALLBACK]


@dataclass(frozen=True)
class OnePager:
    """Everything printed on the page; hashable, so a rendering can be cached by it."""

    title: str
    subtitle: str
    kpis: tuple[Kpi, ...]
    legend_title: str
    legend: tuple[tuple[str, str], ...]  # (colour, label), low to high, then no data
    fills: tuple[tuple[str, str], ...]  # (code, colour) of coloured areas
    plan: MapPlan
    date_line: str
    credit: str
    notes: tuple[str, ...] = ()
    labels: tuple[tuple[float, float, str], ...] = ()  # (lat, lng, place name) on the map
    partners: tuple[str, ...] = ()  # organisations by name, lead first
    partners_title: str = ""
    locator: tuple[float, float, float, float] | None = None  # zoomed-in area, boxed in an inset
    partner_logos: tuple[bytes, ...] = ()  # per partner, its logo's image bytes or b""
    sources_line: str = ""  # the documents behind the page, as a reader cites them


def one_pager(title: str, subtitle: str, kpis: list[Kpi], plan: MapPlan, classes: Classes,
              date_line: str, credit: str, notes: tuple[str, ...] = (), *,
              labels: tuple[tuple[float, float, str], ...] = (),
              partners: tuple[str, ...] = (), partners_title: str = "",
              locator: tuple[float, float, float, float] | None = None,
              partner_logos: tuple[bytes, ...] = (), sources_line: str = "") -> OnePager:
    return OnePager(title, subtitle or "", tuple(kpis), classes.legend.title,
                    tuple(classes.legend.entries), tuple(sorted(classes.fills.items())),
                    plan, date_line, credit, notes, tuple(labels), tuple(partners),
                    partners_title, locator, tuple(partner_logos), sources_line)


def wrap(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Lines that each `fits`, broken at spaces, else between base characters.

    Thai has no spaces between words; a hard break never separates a letter from
    the vowel or tone mark stacked on it.
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if fits(candidate):
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while not fits(line):
            cut = _longest_fitting(line, fits)
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


def _longest_fitting(text: str, fits: Callable[[str], bool]) -> int:
    """Where to cut `text` so its start fits: at least one letter with its marks."""
    cuts = [i for i in range(1, len(text)) if unicodedata.category(text[i]) != "Mn"]
    fitting = [cut for cut in cuts if fits(text[:cut])] or cuts[:1]
    if not fitting:
        return len(text)
    # A tail of one or two letters on its own line reads badly: carry a few over.
    tail_starts = cuts[-MIN_TAIL:] if len(cuts) > MIN_TAIL else cuts[:1]
    balanced = [cut for cut in fitting if cut <= tail_starts[0]]
    return (balanced or fitting)[-1]


def _map_geometry(geometry: gpd.GeoDataFrame, plan: MapPlan) -> gpd.GeoDataFrame:
    drawn = geometry[geometry["code"].isin(plan.draw)][["code", "geometry"]]
    return drawn.assign(geometry=drawn.geometry.simplify(SIMPLIFY[plan.level]))


def _draw_map(ax, page: OnePager, geometry: gpd.GeoDataFrame) -> None:
    plan = page.plan
    drawn = _map_geometry(geometry, plan)
    fills = dict(page.fills)
    colours = [fills.get(code, NO_DATA_COLOUR) for code in drawn["code"]]
    drawn.plot(ax=ax, color=colours, edgecolor="white", linewidth=0.5)
    outlined = drawn[drawn["code"].isin(plan.selected)]
    if not outlined.empty:
        outlined.boundary.plot(ax=ax, color=INK, linewidth=1.6)
    focus = drawn[drawn["code"].isin(plan.focus)]
    bounds = (focus if not focus.empty else drawn).total_bounds
    _fit(ax, bounds)
    ax.set_axis_off()
    handles = [Patch(facecolor=colour, edgecolor="#777777", label=label)
               for colour, label in page.legend]
    legend = ax.legend(handles=handles, title=page.legend_title, loc="lower left",
                       fontsize=11, title_fontsize=12, frameon=True, framealpha=0.95)
    legend.get_frame().set_edgecolor("#999999")
    # A pale box rather than a stroked halo: a stroke turns the text into paths, and the
    # PDF's place names would no longer be text one can search.
    backing = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
               "alpha": 0.75}
    for lat, lng, name in page.labels:
        ax.text(lng, lat, name, fontsize=9 if len(page.labels) > 12 else 11, color=INK,
                ha="center", va="center", bbox=backing, clip_on=True)


def _draw_locator(figure: Figure, page: OnePager, country: gpd.GeoDataFrame,
                  box: tuple[float, float, float, float]) -> None:
    """The country in a corner of the map with the zoomed-in area boxed."""
    left, bottom, width, height = box
    inset = figure.add_axes((left + width - 0.085, bottom + height - 0.215, 0.08, 0.21))
    country.simplify(0.02).plot(ax=inset, color="#dde3e8", edgecolor="#7a8a99",
                                linewidth=0.4)
    minx, miny, maxx, maxy = page.locator
    pad = 0.15
    inset.add_patch(Rectangle((minx - pad, miny - pad), maxx - minx + 2 * pad,
                              maxy - miny + 2 * pad, fill=False, edgecolor=LOCATOR_COLOUR,
                              linewidth=1.5))
    inset.set_aspect(1.02)
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_xlabel("")
    inset.set_ylabel("")
    for spine in inset.spines.values():
        spine.set_edgecolor("#999999")
    inset.set_facecolor("white")


def _fit(ax, bounds) -> None:
    """Zoom to `bounds` with a margin, widening one side so the map fills its box.

    Degrees of longitude shrink with latitude: y is stretched by 1/cos(lat) so
    shapes are true to the ground.
    """
    minx, miny, maxx, maxy = bounds
    stretch = 1 / np.cos(np.radians((miny + maxy) / 2))
    pad = 0.06 * max(maxx - minx, maxy - miny, 0.05)
    minx, miny, maxx, maxy = minx - pad, miny - pad, maxx + pad, maxy + pad
    box = ax.get_position(original=True)
    figure_width, figure_height = ax.figure.get_size_inches()
    box_ratio = (box.height * figure_height) / (box.width * figure_width)
    width, height = maxx - minx, (maxy - miny) * stretch
    if height / width < box_ratio:
        extra = (width * box_ratio - height) / stretch / 2
        miny, maxy = miny - extra, maxy + extra
    else:
        extra = (height / box_ratio - width) / 2
        minx, maxx = minx - extra, maxx + extra
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect(stretch)


class _Layout:
    """Text placed top-down on the page, each line measured where it is drawn."""

    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.renderer = FigureCanvasAgg(figure).get_renderer()
        self.height = figure.get_size_inches()[1] * figure.dpi

    def fits(self, fraction: float, size: float, weight: str = "normal"):
        prop = FontProperties(family=font_families(), size=size, weight=weight)
        limit = fraction * self.figure.get_size_inches()[0] * self.figure.dpi

        def fits(line: str) -> bool:
            width, _, _ = self.renderer.get_text_width_height_descent(line, prop, ismath=False)
            return width <= limit
        return fits

    def text(self, x: float, y: float, value: str, size: float, **style) -> float:
        """Draws `value` with its top at `y`; returns the y just below it."""
        artist = self.figure.text(x, y, value, fontsize=size, va="top",
                                  color=style.pop("color", INK), **style)
        extent = artist.get_window_extent(self.renderer)
        return y - extent.height / self.height


def _figure(page: OnePager, geometry: gpd.GeoDataFrame,
            country: gpd.GeoDataFrame | None = None) -> Figure:
    figure = Figure(figsize=PAGE_INCHES, dpi=DPI, facecolor="white")
    layout = _Layout(figure)
    title_size = 22
    title_lines = wrap(page.title, layout.fits(0.93, title_size, "bold"))
    if len(title_lines) > 2:
        title_size = 18
        title_lines = wrap(page.title, layout.fits(0.93, title_size, "bold"))
    y = layout.text(0.035, 0.965, "\n".join(title_lines[:3]), title_size, weight="bold",
                    linespacing=1.0)
    if page.subtitle:
        subtitle = wrap(page.subtitle, layout.fits(0.93, 12))[:2]
        y = layout.text(0.035, y - 0.01, "\n".join(subtitle), 12, color=MUTED)
    top = min(0.80, y - 0.03)
    sources = wrap(page.sources_line, layout.fits(0.93, 9))[:SOURCE_LINES]
    raised = SOURCE_LINE_HEIGHT * len(sources)  # room the sources take above the date line
    map_box = (0.03, 0.10 + raised, 0.60, top - 0.10 - raised)
    map_ax = figure.add_axes(map_box)
    _draw_map(map_ax, page, geometry)
    if page.locator and country is not None:
        _draw_locator(figure, page, country, map_box)
    bottom = _draw_kpis(layout, page.kpis, top)
    _draw_partners(layout, page, bottom, 0.12 + raised)
    for note in page.notes[:1]:
        layout.text(0.035, 0.095 + raised, note, 10, color=MUTED)
    if sources:
        layout.text(0.035, 0.066 + raised, "\n".join(sources), 9, color=MUTED,
                    linespacing=1.0)
    y = layout.text(0.035, 0.062, page.date_line, 11)
    layout.text(0.035, y - 0.004, page.credit, 9, color=MUTED)
    return figure


def _draw_partners(layout: _Layout, page: OnePager, top: float, lowest: float) -> None:
    """The partners by name under the figures, each beside its logo when it has one, above
    `lowest`: in smaller type when all do not fit, else as many as fit and "+ n" more."""
    if not page.partners:
        return
    y = layout.text(0.66, top, page.partners_title, 12, weight="bold")
    for size, logo_height in PARTNER_SIZES:
        drawn = _partner_rows(layout, page, y, lowest, size, logo_height)
        if len(drawn) == len(page.partners) or size == PARTNER_SIZES[-1][0]:
            break
        for artist in (artist for row in drawn for artist in row):
            artist.remove()
    if len(drawn) < len(page.partners):
        layout.text(0.66, lowest + 0.028, f"+ {len(page.partners) - len(drawn)}", size,
                    color=MUTED)


def _partner_rows(layout: _Layout, page: OnePager, y: float, lowest: float, size: float,
                  logo_height: float) -> list[list]:
    """Draws partner rows from `y` down while they fit above `lowest` (leaving a line for
    "+ n"); returns the artists of each row drawn."""
    logos = dict(enumerate(page.partner_logos))
    with_logos = any(logos.values())
    box = (LOGO_BOX[0] * logo_height / LOGO_BOX[1], logo_height)
    x = 0.66 + (box[0] + 0.008 if with_logos else 0)
    fits = layout.fits(0.98 - x, size)
    rows: list[list] = []
    for index, name in enumerate(page.partners):
        lines = wrap(name, fits)[:2]
        text = ("" if with_logos else "• ") + "\n  ".join(lines)
        room = lowest + (0 if index == len(page.partners) - 1 else 0.03)
        y -= 0.005
        artists = []
        if logos.get(index):
            artists.append(_draw_logo(layout.figure, logos[index], (0.66, y - box[1]), box))
        artist = layout.figure.text(x, y - (0.004 if with_logos else 0), text, fontsize=size,
                                    va="top", color=INK, linespacing=1.0)
        artists.append(artist)
        below = y - artist.get_window_extent(layout.renderer).height / layout.height
        bottom = min(below, y - box[1]) if with_logos else below
        if bottom < room:
            for drawn in artists:
                drawn.remove()
            break
        rows.append(artists)
        y = bottom
    return rows


def _draw_logo(figure: Figure, content: bytes, corner: tuple[float, float],
               box: tuple[float, float]):
    """A logo fitted into `box` (page fractions) with its lower left at `corner`."""
    with Image.open(io.BytesIO(content)) as image:
        pixels = np.asarray(image.convert("RGBA"))
    axes = figure.add_axes((*corner, *box))
    axes.imshow(pixels, interpolation="antialiased")
    axes.set_anchor("W")
    axes.set_axis_off()
    return axes


def _draw_kpis(layout: _Layout, kpis, top: float) -> float:
    """Big figures in the right-hand column (two when many), as many as fit; returns the
    y below the lowest."""
    columns = (0.66,) if len(kpis) <= 5 else (0.66, 0.82)
    fits = layout.fits(0.32 / len(columns) - 0.01, 12)
    per_column = -(-len(kpis) // len(columns))
    lowest = top
    for index, x in enumerate(columns):
        y = top
        for kpi in kpis[index * per_column:(index + 1) * per_column]:
            if y < 0.20:
                break
            size = 24 if len(columns) == 1 else 20
            if not layout.fits(0.32 / len(columns) - 0.01, size, "bold")(kpi.value):
                size = 14
            value = "\n".join(wrap(kpi.value, layout.fits(0.32 / len(columns) - 0.01, size)))
            y = layout.text(x, y, value, size, weight="bold", linespacing=1.0)
            y = layout.text(x, y + 0.01, "\n".join(wrap(kpi.label, fits)[:2]), 12,
                            linespacing=1.0)
            if kpi.note:
                y = layout.text(x, y + 0.004, "\n".join(wrap(kpi.note, fits)[:2]), 10,
                                color=MUTED, linespacing=1.0)
            y -= 0.025
        lowest = min(lowest, y)
    return lowest


def render(page: OnePager, geometry: gpd.GeoDataFrame, fmt: str,
           country: gpd.GeoDataFrame | None = None) -> bytes:
    """The one-pager as PNG or PDF bytes; `geometry` is the full layer of `page.plan.level`,
    `country` the national outline for the locator inset (none drawn without it)."""
    if fmt not in ("png", "pdf"):
        raise ValueError(f"unknown format {fmt!r}; use 'png' or 'pdf'")
    buffer = io.BytesIO()
    # TrueType embedding keeps Thai glyphs exact and the PDF's text searchable; the
    # Thai font is everyone's default, so the legend and any label get it too. Titles and
    # figures come from the registry: "$…$" in them is text, not mathtext (which would
    # drop the dollars, or fail the whole export on a malformed formula).
    with matplotlib.rc_context({"pdf.fonttype": 42, "font.family": font_families(),
                                "text.parse_math": False}):
        figure = _figure(page, geometry, country)
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=_metadata(page, fmt))
    return buffer.getvalue()


def _metadata(page: OnePager, fmt: str) -> dict[str, str]:
    if fmt == "pdf":
        return {"Title": page.title, "Subject": page.credit}
    return {"Title": page.title, "Source": page.credit}
