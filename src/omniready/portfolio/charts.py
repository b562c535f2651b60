"""Box-and-strip plots as inline SVG: one row per score, the box from Q1 to Q3, the median,
whiskers to the minimum and maximum, and one dot per organization.

Every text is escaped here (render.svg.escape): templates insert the result as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from omniready.portfolio.stats import Summary
from omniready.render.svg import escape

# Above this many organizations the dots would hide the box; the box alone says enough.
DOTS_MAX = 300


@dataclass(frozen=True, slots=True)
class BoxRow:
    """One row: its label, the scores (0-100) and their summary (None: too few to show)."""

    label: str
    values: tuple[float, ...]
    summary: Summary | None
    note: str = ""


def box_strip(rows: list[BoxRow], title: str, width: int = 360) -> str:
    """Rows of box plots on a shared 0-100 axis, each label above its row (narrow screens)."""
    row_h, left, right, top = 44, 4, 12, 4
    span = width - left - right
    height = top + row_h * len(rows) + 22

    def x(value: float) -> float:
        return left + span * max(0.0, min(100.0, value)) / 100

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="boxes"><title>{escape(title)}</title>'
    ]
    for tick in range(0, 101, 20):
        parts.append(
            f'<line class="grid" x1="{x(tick):.1f}" y1="{top}" x2="{x(tick):.1f}" '
            f'y2="{top + row_h * len(rows)}"/>'
            f'<text class="legend" x="{x(tick):.1f}" y="{height - 6}" '
            f'text-anchor="middle">{tick}</text>'
        )
    for i, row in enumerate(rows):
        y = top + i * row_h
        parts.append(f'<text x="{left}" y="{y + 13}" class="label">{escape(row.label)}</text>')
        mid = y + 29
        s = row.summary
        if s is None:
            parts.append(
                f'<text x="{left}" y="{mid + 4}" class="value muted">{escape(row.note)}</text>'
            )
            continue
        parts.append(
            f'<line class="whisker" x1="{x(s.low):.1f}" y1="{mid}" x2="{x(s.high):.1f}" '
            f'y2="{mid}"/>'
            f'<rect class="box" x="{x(s.q1):.1f}" y="{mid - 7}" '
            f'width="{max(1.0, x(s.q3) - x(s.q1)):.1f}" height="14"><title>'
            f"n={s.n} · Q1 {s.q1:.0f} · {s.median:.0f} · Q3 {s.q3:.0f}</title></rect>"
            f'<line class="median" x1="{x(s.median):.1f}" y1="{mid - 8}" '
            f'x2="{x(s.median):.1f}" y2="{mid + 8}"/>'
        )
        if len(row.values) <= DOTS_MAX:
            for j, value in enumerate(row.values):
                # A fixed jitter by position, so the same data always draws the same picture.
                dy = ((j * 7) % 11 - 5) * 1.2
                parts.append(f'<circle class="dot" cx="{x(value):.1f}" cy="{mid + dy:.1f}" r="2"/>')
    parts.append("</svg>")
    return "".join(parts)
