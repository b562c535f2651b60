"""The measured figures as inline SVG for the HTML report: lines per channel and month, bars
against a target, the weekday × hour heat map. Pure string building; every text goes through
render.svg.escape, and colours are presentation attributes so the charts need no stylesheet."""

from __future__ import annotations

from dataclasses import dataclass

from omniready.render.svg import escape

PALETTE = ("#1f6feb", "#d35400", "#27ae60", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d", "#f39c12")
_TEXT = 'font-family="system-ui, sans-serif" font-size="11" fill="#333"'


def _open(width: int, height: int, title: str, cls: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="metrics-chart {cls}"><title>{escape(title)}</title>'
    )


def _tick(value: float, most: float) -> str:
    """A gridline's label: whole numbers, with one decimal when the scale is small."""
    return f"{value:,.0f}" if most >= 20 else f"{value:.1f}".rstrip("0").rstrip(".")


def lines(months: list[str], series: dict[str, list[int]], title: str) -> str:
    """One line per series (a channel) over the months, with a legend; the y axis from 0."""
    width, height, left, right, top, bottom = 560, 240, 48, 12, 12, 52
    plot_w, plot_h = width - left - right, height - top - bottom
    most = max([v for values in series.values() for v in values] + [1])
    step = plot_w / max(len(months) - 1, 1)
    parts = [_open(width, height, title, "lines")]
    for k in range(5):  # gridlines at 0, ¼, ½, ¾ and the maximum
        y = top + plot_h - plot_h * k / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" {_TEXT}>'
            f"{_tick(most * k / 4, most)}</text>"
        )
    every = -(-len(months) // 8)  # at most 8 labels, counted back from the last month
    for i, month in enumerate(months):
        if (len(months) - 1 - i) % every == 0:
            x = left + i * step
            anchor = "start" if i == 0 else "end" if i == len(months) - 1 else "middle"
            parts.append(
                f'<text x="{x:.1f}" y="{top + plot_h + 14}" text-anchor="{anchor}" {_TEXT}>'
                f"{escape(month)}</text>"
            )
    for n, (name, values) in enumerate(series.items()):
        colour = PALETTE[n % len(PALETTE)]
        points = " ".join(
            f"{left + i * step:.1f},{top + plot_h - plot_h * v / most:.1f}"
            for i, v in enumerate(values)
        )
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}">'
            f"<title>{escape(name)}</title></polyline>"
        )
        lx = left + (n % 4) * 130
        ly = height - 22 + (n // 4) * 14
        parts.append(
            f'<rect x="{lx}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{lx + 14}" y="{ly + 1}" {_TEXT}>{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (None: absent, drawn as a dash), what to write beside it
    and the target line to draw across it (None: no target)."""

    label: str
    value: float | None
    shown: str
    target: float | None = None


def bars(items: list[Bar], title: str, scale: float = 1.0, target_name: str = "") -> str:
    """Horizontal bars from 0 to `scale` (1.0 for shares), each with its target as a dark tick."""
    row_h, label_w, width = 26, 120, 460
    plot_w = width - label_w - 70
    height = row_h * len(items) + (22 if target_name else 6)
    parts = [_open(width, height, title, "bars")]
    for i, item in enumerate(items):
        y = i * row_h + 4
        parts.append(f'<text x="0" y="{y + 13}" {_TEXT}>{escape(item.label)}</text>')
        end = label_w
        if item.value is not None:
            w = plot_w * min(max(item.value / scale, 0.0), 1.0)
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="16" fill="{PALETTE[0]}">'
                f"<title>{escape(item.shown)}</title></rect>"
            )
            end = int(label_w + w)
        parts.append(f'<text x="{end + 6}" y="{y + 13}" {_TEXT}>{escape(item.shown)}</text>')
        if item.target is not None:
            x = label_w + plot_w * min(item.target / scale, 1.0)
            parts.append(
                f'<line x1="{x:.1f}" y1="{y - 2}" x2="{x:.1f}" y2="{y + 18}" stroke="#222" '
                f'stroke-width="2"><title>{escape(target_name)}</title></line>'
            )
    if target_name:
        y = row_h * len(items) + 12
        parts.append(
            f'<line x1="{label_w}" y1="{y - 8}" x2="{label_w}" y2="{y + 2}" stroke="#222" '
            f'stroke-width="2"/><text x="{label_w + 6}" y="{y + 1}" {_TEXT}>'
            f"{escape(target_name)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def heatmap(grid: list[list[int]], days: list[str], title: str) -> str:
    """Weekday rows × 24 hour columns, darker for more contacts; each cell names its count."""
    cell, left, top = 20, 36, 16
    width, height = left + 24 * cell + 4, top + 7 * cell + 4
    most = max([c for row in grid for c in row] + [1])
    parts = [_open(width, height, title, "heatmap")]
    for hour in range(0, 24, 3):
        parts.append(
            f'<text x="{left + hour * cell + cell / 2:.0f}" y="11" text-anchor="middle" {_TEXT}>'
            f"{hour:02d}</text>"
        )
    for d, row in enumerate(grid):
        y = top + d * cell
        parts.append(f'<text x="0" y="{y + 14}" {_TEXT}>{escape(days[d])}</text>')
        for hour, count in enumerate(row):
            shade = count / most
            parts.append(
                f'<rect x="{left + hour * cell}" y="{y}" width="{cell - 1}" height="{cell - 1}" '
                f'fill="rgb(31,111,235)" fill-opacity="{0.06 + 0.94 * shade:.2f}">'
                f"<title>{escape(days[d])} {hour:02d}:00 — {count:,}</title></rect>"
            )
    parts.append("</svg>")
    return "".join(parts)
