"""The brand scan arranged for people: the channel × check matrix, form-of-address shares,
palette swatches, promotions and findings with their places. Pure: from the scan record only.

The report's partial templates (report_templates/brand.*.j2) and the command's md and table
formats all read this view."""

from __future__ import annotations

from dataclasses import dataclass

from omniready.audit.model import Audit, BrandScan
from omniready.brand.checks.promotions import shown_term
from omniready.brand.words import check_title, label, sentence

FORMS = ("tu", "usted", "vos", "mixed")


# The promotions table's columns, as the report templates read them.
PROMOTION_COLUMNS = ("code", "channel", "percent", "price", "until", "minimum", "place")


@dataclass(frozen=True)
class Row:
    """One check across the channels: ok, finding or '' (nothing to look at)."""

    check: str
    title: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Share:
    """A channel's messages by form of address, as percentages that add up to 100."""

    channel: str
    total: int
    percents: tuple[tuple[str, str, int], ...]  # (form, its label, percent)


@dataclass(frozen=True)
class Swatch:
    """A colour found, its nearest declared colour and the distance."""

    value: str
    count: int
    nearest: str | None
    delta_e: float | None
    off: bool
    neutral: bool


@dataclass(frozen=True)
class Item:
    """A finding as a sentence with its channels and places."""

    check: str
    title: str
    severity: str
    text: str
    channels: tuple[str, ...]
    places: tuple[str, ...]


@dataclass(frozen=True)
class BrandView:
    """Everything the brand section shows."""

    provenance: str
    summary: str
    channels: tuple[str, ...]
    rows: tuple[Row, ...]
    shares: tuple[Share, ...]
    declared: tuple[tuple[str, str], ...]  # (value, name) of the declared palette
    swatches: tuple[Swatch, ...]
    promotions: tuple[dict[str, str], ...]
    readability: tuple[tuple[str, str, float], ...]  # (index, channel, score)
    items: tuple[Item, ...]
    set_aside: tuple[tuple[str, str], ...]


def percents(counts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Counts as whole percentages that add up to 100 (largest remainders round up)."""
    total = sum(counts.values())
    if total == 0:
        return ()
    exact = {k: 100 * v / total for k, v in counts.items()}
    floors = {k: int(v) for k, v in exact.items()}
    left = 100 - sum(floors.values())
    for key in sorted(exact, key=lambda k: floors[k] - exact[k])[:left]:
        floors[key] += 1
    return tuple((k, floors[k]) for k in FORMS if k in floors) + tuple(
        (k, v) for k, v in floors.items() if k not in FORMS
    )


def _number(value: object) -> float | None:
    """A palette entry's figure as written in the file, or None when it is not a number (the
    entry is an open record: a hand-edited file may hold anything there)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def build_view(scan: BrandScan, lang: str, audit: Audit | None = None) -> BrandView:
    """The view of one scan in `lang`; `audit` adds the declared palette when given."""
    channels = tuple(sorted({c for cells in scan.matrix.values() for c in cells}))
    rows = tuple(
        Row(check, check_title(check, lang), tuple(cells.get(c, "") for c in channels))
        for check, cells in scan.matrix.items()
        if cells
    )
    shares = tuple(
        Share(
            channel,
            sum(counts.values()),
            tuple((form, label(form, lang), pct) for form, pct in percents(counts)),
        )
        for channel, counts in sorted(scan.address.items())
    )
    swatches = tuple(
        Swatch(
            value=value,
            count=int(_number(entry.get("count")) or 0),
            nearest=entry.get("nearest") if isinstance(entry.get("nearest"), str) else None,
            delta_e=_number(entry.get("delta_e")),
            off=any(f.check == "colours" and f.params.get("value") == value for f in scan.findings),
            neutral=bool(entry.get("neutral")),
        )
        for value, entry in sorted(
            scan.palette.items(), key=lambda kv: -(_number(kv[1].get("count")) or 0)
        )
    )
    declared = audit.steps.brand.declared if audit is not None else None
    palette = tuple((c.value, c.name or "") for c in declared.palette) if declared else ()
    items = tuple(
        Item(
            f.check,
            check_title(f.check, lang),
            f.severity,
            sentence(f, lang),
            tuple(f.channels),
            tuple(f.places),
        )
        for f in scan.findings
    )
    return BrandView(
        provenance=label(
            "provenance",
            lang,
            date=scan.scanned_at.date().isoformat(),
            version=scan.version,
            files=scan.counts.files,
            folders=", ".join(scan.folders),
        ),
        summary=label(
            "summary",
            lang,
            read=scan.counts.read,
            set_aside=scan.counts.set_aside,
            findings=len(scan.findings),
        ),
        channels=channels,
        rows=rows,
        shares=shares,
        declared=palette,
        swatches=swatches,
        promotions=tuple(
            # Every column present: a hand-edited or cut scan may lack one, the table shows blank.
            {
                **dict.fromkeys(PROMOTION_COLUMNS, ""),
                **{k: shown_term(k, v, lang) for k, v in row.items()},
            }
            for row in scan.promotions
            if isinstance(row, dict)
        ),
        readability=tuple(
            (index, channel, value)
            for index, table in sorted(scan.readability.items())
            for channel, value in sorted(table.items())
        ),
        items=items,
        set_aside=tuple((s.file, s.reason) for s in scan.set_aside),
    )


def report_view(audit: Audit, lang: str) -> BrandView | None:
    """The view for the report of an audit, or None when its brand step has no scan."""
    scan = audit.steps.brand.scan
    return None if scan is None else build_view(scan, lang, audit)
