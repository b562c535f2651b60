"""Reports as files: load and check an audit, assess it, write each format atomically."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from omniready.format_list import parse_format_list
from omniready.render import Format, Report, render


def report_stem(audit_path: Path) -> str:
    """`acme.audit.yaml` → `acme-report`: reports sit beside their audit's name."""
    name = audit_path.name
    for suffix in (".yaml", ".yml"):
        name = name.removesuffix(suffix)
    return f"{name.removesuffix('.audit') or 'audit'}-report"


def parse_formats(value: str) -> list[Format]:
    """`md,html` → [Format.MD, Format.HTML], in the given order, without repeats."""
    return parse_format_list(value, Format)


def load_report(
    audit_path: Path,
    lang: str,
    templates: Path | None = None,
    checklist_dir: Path | None = None,
    rules: Path | None = None,
    as_of: dt.date | None = None,
    max_probe_age: int | None = None,
) -> Report:
    """Load, check and assess one audit file; problems are InputErrors at FILE:LINE:COL.

    `as_of` is the day probes' age is measured on (the command passes today; default the
    audit's `updated` day); `max_probe_age` replaces the policy's limit in days.
    """
    from omniready.assess import assess, load_policy, load_rules
    from omniready.audit.check import load_checked
    from omniready.checklist import load_checklist
    from omniready.errors import InputError
    from omniready.texts import Message

    if templates is not None and not templates.is_dir():
        raise InputError.at(templates, Message("report.errors.templates-not-a-folder"))
    checklist = load_checklist(checklist_dir)
    audit = load_checked(audit_path, checklist)
    policy = load_policy()
    if max_probe_age is not None:
        policy = dataclasses.replace(policy, max_probe_age_days=max_probe_age)
    assessment = assess(audit, checklist, load_rules(rules), policy, as_of)
    return Report(audit, assessment, lang=lang, templates=templates, policy=policy)


def write_reports(report: Report, out_dir: Path, stem: str, formats: list[Format]) -> list[Path]:
    """Render every format and write each file atomically; returns the paths written."""
    from omniready.audit.store import write_atomic
    from omniready.errors import OmnireadyError
    from omniready.texts import Message

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OmnireadyError(
            Message("report.errors.cannot-create-folder", {"path": out_dir, "reason": reason})
        ) from None
    # Render everything first, so a template error leaves no half-written set of reports.
    texts = [
        (out_dir / f"{stem}.{fmt.value}", render(fmt, report))
        for fmt in formats
        if fmt != Format.PDF
    ]
    if Format.PDF in formats:  # printed first: no browser means no file written at all
        from omniready.render.pdf import write_pdf

        write_pdf(report, out_dir / f"{stem}.pdf")
    for path, text in texts:
        write_atomic(path, text)
    return [out_dir / f"{stem}.{fmt.value}" for fmt in formats]
