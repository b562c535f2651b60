"""Charts as inline SVG strings: a radar of the step scores and stacked bars of findings.

Every text is escaped here: the HTML template inserts the result as markup (|safe).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape as _escape


def escape(text: str) -> str:
    """Text made safe inside SVG elements and attributes."""
    return _escape(text, quote=True)


@dataclass(frozen=True, slots=True)
class Axis:
    """One spoke of the radar: its label, the score (0-100 or None) and the target score."""

    label: str
    score: float | None
    target: float


def _point(cx: float, cy: float, r: float, i: int, n: int, value: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n  # first axis points up
    return cx + r * value / 100 * math.cos(angle), cy + r * value / 100 * math.sin(angle)


def _poly(points: list[tuple[float, float]]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def wrap(text: str, width: int = 14) -> list[str]:
    """Split a label into lines of about `width` characters, at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def radar(
    axes: list[Axis], title: str, current: str, target: str, size: int = 300, lang: str = "es"
) -> str:
    """A radar chart: grid rings every 20 points, the target dashed, the scores filled; each
    axis's score written as `lang` writes numbers (omniready.numbers)."""
    from omniready.numbers import number

    n = len(axes)
    pad_x, pad_y = 115, 56  # room for the labels around the chart
    width, height = size + 2 * pad_x, size + 2 * pad_y + 20
    cx, cy = width / 2, pad_y + size / 2
    r = size / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="radar" aria-labelledby="radar-title"><title id="radar-title">{escape(title)}'
        "</title>"
    ]
    for ring in (20, 40, 60, 80, 100):
        ring_points = [_point(cx, cy, r, i, n, ring) for i in range(n)]
        parts.append(f'<polygon class="grid" points="{_poly(ring_points)}"/>')
    for i, axis in enumerate(axes):
        x, y = _point(cx, cy, r, i, n, 100)
        parts.append(f'<line class="grid" x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}"/>')
        lx, ly = _point(cx, cy, r + 14, i, n, 100)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        lines = wrap(axis.label)
        if ly < cy - 5:
            ly -= 16 * len(lines)  # labels above the centre grow upwards
        shown = number(axis.score, lang, 0)  # a dash when there is none
        spans = "".join(
            f'<tspan x="{lx:.1f}" dy="{0 if k == 0 else 16}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" class="label">{spans}'
            f'<tspan x="{lx:.1f}" dy="16" class="value">{shown}</tspan></text>'
        )
    target_points = [_point(cx, cy, r, i, n, a.target) for i, a in enumerate(axes)]
    parts.append(f'<polygon class="target" points="{_poly(target_points)}"/>')
    score_points = [_point(cx, cy, r, i, n, a.score or 0) for i, a in enumerate(axes)]
    parts.append(f'<polygon class="score" points="{_poly(score_points)}"/>')
    for x, y in score_points:
        parts.append(f'<circle class="score" cx="{x:.1f}" cy="{y:.1f}" r="3"/>')
    legend_y = height - 8
    parts.append(
        f'<rect class="score" x="12" y="{legend_y - 9}" width="12" height="10"/>'
        f'<text x="30" y="{legend_y}" class="legend">{escape(current)}</text>'
        f'<line class="target" x1="120" y1="{legend_y - 4}" x2="140" y2="{legend_y - 4}"/>'
        f'<text x="146" y="{legend_y}" class="legend">{escape(target)}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class BarRow:
    """One bar: its label and the count of each segment, in the order of the segment classes."""

    label: str
    counts: tuple[int, ...]


def stacked_bars(
    rows: list[BarRow],
    classes: tuple[str, ...],
    names: tuple[str, ...],
    title: str,
    width: int = 360,
) -> str:
    """Horizontal stacked bars, one row per label, with a legend of the segments.

    Each label sits above its bar, so the chart stays narrow (360 units): on a 390 px phone it
    is drawn near its own size and the 12 px labels stay readable.
    """
    row_h, bar_h, top = 40, 14, 4
    most = max([sum(r.counts) for r in rows] + [1])
    scale = (width - 36) / most
    height = top + row_h * len(rows) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="bars" aria-labelledby="bars-title"><title id="bars-title">{escape(title)}</title>'
    ]
    for i, row in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="0" y="{y + 13}" class="label">{escape(row.label)}</text>')
        x = 0.0
        for cls, count in zip(classes, row.counts, strict=True):
            if count:
                w = count * scale
                parts.append(
                    f'<rect class="{cls}" x="{x:.1f}" y="{y + 18}" width="{w:.1f}" '
                    f'height="{bar_h}"><title>{escape(str(count))}</title></rect>'
                )
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 30}" class="value">{sum(row.counts)}</text>')
    legend_y = top + row_h * len(rows) + 14
    x = 0.0
    for cls, name in zip(classes, names, strict=True):
        parts.append(
            f'<rect class="{cls}" x="{x:.0f}" y="{legend_y - 9}" width="12" height="10"/>'
            f'<text x="{x + 16:.0f}" y="{legend_y}" class="legend">{escape(name)}</text>'
        )
        x += 30 + 8 * len(name)
    parts.append("</svg>")
    return "".join(parts)
