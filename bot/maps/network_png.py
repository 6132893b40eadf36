"""Who met whom, drawn as a PNG: the person in the centre, the people they met around them (most
met at the top, then clockwise), a line per tie as thick as its meetings are many, happened
(solid) and only planned (dashed) told apart.

Drawn offline with matplotlib's object-oriented API on an Agg canvas, like the itinerary map: no
pyplot state, no display, no network, and the same view gives the same bytes.
"""

from __future__ import annotations

import io
import math
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke

from bot.briefings.network import NetworkView, Tie, network_refusal
from bot.maps.style import FONT, HAPPENED, INK, PAPER, PLANNED, draw_lock, drawable, shorten

WIDTH_PX, HEIGHT_PX, DPI = 1080, 1080, 100
RING = 1.0  # radius of the circle the counterparts sit on (axes units)
MAX_LINE_PT = 9.0
NAME_CHARS = 28


class NetworkGraphError(ValueError):
    """No graph for this person; the message says why, in words for the reader."""


def ring_positions(count: int) -> list[tuple[float, float]]:
    """`count` points evenly on the ring, the first at the top, then clockwise."""
    return [
        (RING * math.sin(2 * math.pi * i / count), RING * math.cos(2 * math.pi * i / count))
        for i in range(count)
    ]


def line_width(meetings: int) -> float:
    """Thicker for more meetings, growing slower past a few so one tie cannot swamp the picture."""
    return min(MAX_LINE_PT, 1.6 + 2.2 * math.log2(1 + meetings))


def render_network_png(view: NetworkView) -> bytes:
    """The graph as PNG bytes; NetworkGraphError (with the reason) when none can be drawn."""
    reason = network_refusal(view)
    if reason:
        raise NetworkGraphError(reason)
    with draw_lock:
        return _draw(view)


def _draw(view: NetworkView) -> bytes:
    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.02, 0.06, 0.96, 0.82))
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.5, 1.5)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_facecolor(PAPER)
    points = {view.person: (0.0, 0.0)}
    points.update(zip(view.people, ring_positions(len(view.people)), strict=True))
    for tie in view.ties:
        _tie(ax, tie, points)
    _people(ax, view, points)
    fig.text(0.04, 0.955, drawable(f"Who {shorten(view.person, 60)} met"), family=FONT,
             fontsize=21, weight="bold", color=INK, va="center")
    total = sum(t.meetings for t in view.ties if view.person in (t.a, t.b))
    more = f" (+{view.left_out} more not drawn)" if view.left_out else ""
    fig.text(0.04, 0.915, drawable(f"{total} meeting{'s' if total != 1 else ''} with "
                                   f"{len(view.people)} {'person' if len(view.people) == 1 else 'people'}{more}; "
                                   "thicker line = more meetings"),
             family=FONT, fontsize=12, color=INK, va="center")
    fig.legend(
        handles=[
            Line2D([], [], color=HAPPENED, lw=3, label="met"),
            Line2D([], [], color=PLANNED, lw=3, ls=(0, (5, 3)), label="planned only"),
        ],
        loc="lower left", prop={"family": FONT, "size": 12}, framealpha=0.92,
    )
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def _tie(ax: Any, tie: Tie, points: dict[str, tuple[float, float]]) -> None:
    (x0, y0), (x1, y1) = points[tie.a], points[tie.b]
    planned = tie.only_planned
    ax.plot([x0, x1], [y0, y1], color=PLANNED if planned else HAPPENED,
            lw=line_width(tie.meetings), alpha=0.85, solid_capstyle="round",
            ls=(0, (5, 3)) if planned else "-", zorder=2)
    if tie.meetings > 1:
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, f"×{tie.meetings}", family=FONT,
                fontsize=11, weight="bold", color=INK, ha="center", va="center", zorder=4,
                path_effects=[withStroke(linewidth=4, foreground="white")])


def _people(ax: Any, view: NetworkView, points: dict[str, tuple[float, float]]) -> None:
    x, y = points[view.person]
    ax.scatter([x], [y], s=900, c=INK, zorder=5)
    ax.text(x, y - 0.16, drawable(shorten(view.person, NAME_CHARS)), family=FONT,
            fontsize=14, weight="bold", color=INK, ha="center", va="top", zorder=6,
            bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "none", "alpha": 0.92})
    for name in view.people:
        px, py = points[name]
        ax.scatter([px], [py], s=420, c="white", edgecolors=INK, linewidths=2.5, zorder=5)
        # Labels point away from the centre: right of the node on the right half, and so on.
        ha = "left" if px > 0.2 else "right" if px < -0.2 else "center"
        va = "bottom" if py > 0.2 else "top" if py < -0.2 else "center"
        dx, dy = 0.1 * (px / RING), 0.1 * (py / RING)
        ax.text(px + dx, py + dy, drawable(shorten(name, NAME_CHARS)), family=FONT,
                fontsize=13, color=INK, ha=ha, va=va, zorder=6,
                path_effects=[withStroke(linewidth=4, foreground="white")])
