"""The scan as Markdown: matrix, form-of-address shares, palette, promotions, findings."""

from __future__ import annotations

from omniready import numbers
from omniready.audit.model import BrandScan
from omniready.brand.view import BrandView, build_view
from omniready.brand.words import label

MARK = {"ok": "✔", "finding": "✖", "": "·"}


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def lines_of(view: BrandView, lang: str, level: int = 1) -> list[str]:
    """The view as Markdown lines, headings from `level` down."""
    h = "#" * level
    out = [f"{h} {label('title', lang)}", "", view.provenance + ".", "", view.summary + ".", ""]
    if view.rows:
        out += [f"{h}# {label('matrix', lang)}", ""]
        out.append(f"| {label('check', lang)} | " + " | ".join(view.channels) + " |")
        out.append("|---|" + "---|" * len(view.channels))
        out += [
            f"| {_cell(r.title)} | " + " | ".join(MARK[c] for c in r.cells) + " |"
            for r in view.rows
        ]
        out.append("")
    if view.shares:
        out += [f"{h}# {label('address', lang)}", ""]
        for share in view.shares:
            parts = ", ".join(
                f"{name} {numbers.percent(pct / 100, lang)}" for _, name, pct in share.percents
            )
            total = numbers.integer(share.total, lang)
            out.append(f"- **{share.channel}** ({total} {label('messages', lang)}): {parts}")
        out.append("")
    if view.swatches:
        out += [f"{h}# {label('palette', lang)}", ""]
        if view.declared:
            declared = ", ".join(f"`{v}` {n}".strip() for v, n in view.declared)
            out += [f"{label('declared_palette', lang)}: {declared}", ""]
        out.append(f"| {label('colour', lang)} | n | {label('nearest', lang)} | ΔE₀₀ |")
        out.append("|---|---|---|---|")
        for s in view.swatches:
            nearest = label("neutral", lang) if s.neutral else (s.nearest or "")
            off = " ✖" if s.off else ""
            delta = "" if s.delta_e is None else numbers.number(s.delta_e, lang) + off
            count = numbers.integer(s.count, lang)
            out.append(f"| `{s.value}` | {count} | {_cell(nearest)} | {delta} |")
        out.append("")
    if view.promotions:
        keys = ("code", "channel", "percent", "price", "until", "minimum", "place")
        names = [label(k, lang) if k not in {"place"} else label("where", lang) for k in keys]
        names[1] = label("channel", lang)
        out += [f"{h}# {label('promotions', lang)}", "", "| " + " | ".join(names) + " |"]
        out.append("|" + "---|" * len(keys))
        out += [
            "| " + " | ".join(_cell(p.get(k, "")) for k in keys) + " |" for p in view.promotions
        ]
        out.append("")
    if view.readability:
        out += [f"{h}# {label('readability', lang)}", ""]
        out += [
            f"- {channel} ({index}): {numbers.number(value, lang)}"
            for index, channel, value in view.readability
        ]
        out.append("")
    out += [f"{h}# {label('findings', lang)}", ""]
    if not view.items:
        out += [label("no_findings", lang), ""]
    for item in view.items:
        out.append(f"- **{_cell(item.title)}** ({item.severity}): {_cell(item.text)}")
        out += [f"  - `{_cell(p)}`" for p in item.places]
    for file, reason in view.set_aside:
        out.append(f"- {label('set_aside', lang)}: `{_cell(file)}`: {_cell(reason)}")
    return out


def to_markdown(scan: BrandScan, lang: str) -> str:
    """The scan as a Markdown document."""
    return "\n".join(lines_of(build_view(scan, lang), lang)).rstrip() + "\n"
