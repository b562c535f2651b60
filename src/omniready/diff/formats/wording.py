"""The words every format shares, in the chosen language; the words are the catalogue's `diff`
domain (texts/<lang>/diff.yaml), the numbers are omniready.numbers'."""

from __future__ import annotations

from omniready import numbers
from omniready.assess.model import Level
from omniready.checklist import Text
from omniready.diff.model import (
    AddressShareChange,
    AnswerChange,
    AuditDiff,
    FieldChange,
    FindingCountChange,
    MetricChange,
    Mismatch,
    RecordChange,
    Regression,
    Scalar,
    ScanCellChange,
    ScanDiff,
)
from omniready.diff.values import figure, figure_delta, num, scalar
from omniready.texts import has, text

# Fields whose numbers are shares (0-1): a segment's share of customers, shown as "24 %".
SHARE_FIELDS = frozenset({"share"})


def label(group: str, key: str, lang: str) -> str:
    """The word for `key` of a group of the diff's texts; a key it lacks is shown as it is."""
    found = f"diff.{group}.{key}"
    return text(found, lang) if has(found, lang) else key


def word(key: str, lang: str) -> str:
    """One of the diff's `words`."""
    return text(f"diff.words.{key}", lang)


def value(item: Scalar, lang: str) -> str:
    """A value as people read it: numbers and booleans in `lang`, None as ∅."""
    if isinstance(item, int | float) and not isinstance(item, bool):
        return numbers.number(item, lang, None)
    return scalar(item, yes=word("yes", lang), no=word("no", lang))


def level(found: Level | None, lang: str) -> str:
    return "-" if found is None else f"{found.number} {found.name(lang)}"


def channel(channel_id: str, lang: str) -> str:
    from omniready import channels

    return channels.label(channel_id, lang)


def answer_value(raw: str | None, shown: Text | None, lang: str) -> str:
    """An answer: its option's label when it has one, else n/a, skipped or the value itself."""
    if shown is not None:
        return shown(lang)
    if raw is None:
        return value(None, lang)
    return label("answers", raw, lang)


def answer_head(change: AnswerChange, lang: str) -> str:
    question = change.text(lang) if change.text else word("dropped", lang)
    return f"{change.question}  {question}"


def answer_change(change: AnswerChange, lang: str) -> str:
    """`old → new` of an answer, in labels."""
    old = answer_value(change.old, change.old_label, lang)
    return f"{old} → {answer_value(change.new, change.new_label, lang)}"


def field_name(name: str, lang: str) -> str:
    if has(f"diff.fields.{name}", lang):
        return text(f"diff.fields.{name}", lang)
    head, space, rest = name.partition(" ")
    if space and has(f"diff.fields.{head}", lang):
        return f"{text(f'diff.fields.{head}', lang)} {rest}"
    return name


def field_value(name: str, item: Scalar, lang: str) -> str:
    if name.startswith("handoff ") and isinstance(item, str):
        return label("context", item, lang)
    if name in SHARE_FIELDS and isinstance(item, int | float) and not isinstance(item, bool):
        return numbers.percent(item, lang)
    return value(item, lang)


def field(change: FieldChange, lang: str) -> str:
    """`name: old → new` of one fact."""
    old = field_value(change.field, change.old, lang)
    new = field_value(change.field, change.new, lang)
    return f"{field_name(change.field, lang)}: {old} → {new}"


def record_head(record: RecordChange, lang: str) -> str:
    name = f" ({record.name})" if record.name and record.name != record.id else ""
    return f"{label('sections', record.section, lang)} {record.id}{name}"


def severity(name: str, lang: str) -> str:
    return label("severity", name, lang)


def horizon(name: str, lang: str) -> str:
    return label("horizon", name, lang)


def figure_change(change: MetricChange, lang: str) -> str:
    """`old → new (delta)` of one channel figure."""
    yes, no = word("yes", lang), word("no", lang)
    shown = (
        f"{figure(change.metric, change.old, lang=lang, yes=yes, no=no)} → "
        f"{figure(change.metric, change.new, lang=lang, yes=yes, no=no)}"
    )
    delta = figure_delta(change.metric, change.delta, lang=lang)
    return f"{shown} ({delta})" if delta else shown


def regression(found: Regression, diff: AuditDiff, lang: str) -> str:
    """Why the new audit is worse, as one sentence."""
    key = f"diff.regression.{found.kind}"
    if found.kind == "finding":
        title = next((f.title(lang) for f in diff.findings if f.id == found.finding), "")
        return text(key, lang, id=found.finding, title=title).strip()
    if found.kind == "roadmap":
        title = next((r.title(lang) for r in diff.roadmap if r.id == found.finding), "")
        return text(key, lang, title=title)
    step = next((s.title(lang) for s in diff.steps if s.step == found.step), found.step)
    drop = num(-(found.delta or 0), lang)
    return text(key, lang, step=step, drop=drop, old=num(found.old, lang), new=num(found.new, lang))


def warning(found: Mismatch, lang: str) -> str:
    """Why the two audits may not be comparable, as one sentence."""
    return text(f"diff.mismatch.{found.kind}", lang, old=found.old, new=found.new)


def scan(key: str, lang: str) -> str:
    """One of the diff's `scan` words (a state, a form of address, a heading)."""
    return label("scan", key, lang)


def scan_head(found: ScanDiff, lang: str) -> str:
    """`Materials scan: 2025-11-03 → 2026-12-02`; a side without a scan says so."""
    old, new = (str(d) if d else scan("none", lang) for d in (found.scanned_old, found.scanned_new))
    return f"{scan('title', lang)}: {old} → {new}"


def cell_state(state: str | None, lang: str) -> str:
    return scan("absent" if state is None else state, lang)


def scan_cell(change: ScanCellChange, lang: str) -> str:
    """`Brand name · email: no findings → with findings` (the check's title in `lang`)."""
    old, new = cell_state(change.old, lang), cell_state(change.new, lang)
    return f"{change.title(lang)} · {channel(change.channel, lang)}: {old} → {new}"


def address_share(change: AddressShareChange, lang: str) -> str:
    """`email: tú 100 % → 50 % (-50 pp)`."""
    shown = text(
        "diff.scan.share",
        lang,
        channel=channel(change.channel, lang),
        form=scan(change.form, lang),
        old=numbers.percent(change.old, lang),
        new=numbers.percent(change.new, lang),
    )
    delta = numbers.points(change.delta, lang, 0)
    return f"{shown} ({delta})" if delta else shown


def finding_count(change: FindingCountChange, lang: str) -> str:
    """`“Brand name” findings: 2 → 1`."""
    old, new = ("-" if n is None else numbers.integer(n, lang) for n in (change.old, change.new))
    return text("diff.scan.count", lang, title=change.title(lang), old=old, new=new)
