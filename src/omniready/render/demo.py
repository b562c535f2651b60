"""`omniready demo`: the shipped example audit and its reports, written into a folder."""

from __future__ import annotations

from pathlib import Path

from omniready.render import Format


def write_demo(folder: Path, lang: str, force: bool = False) -> list[Path]:
    """Write the example audit and its Markdown and HTML reports into `folder`, and the example
    portfolio's into `folder`/portfolio; the paths written.

    An audit file already there that differs from the example (the consultant edited it) is
    kept unless `force`: a second run of the same demo changes nothing, an edit is never lost.
    The audit lock is held while the file is checked and written, as `audit` does.
    """
    from omniready.audit.store import exclusive, write_atomic
    from omniready.errors import OmnireadyError
    from omniready.render.files import load_report, report_stem, write_reports
    from omniready.resources import example_audit
    from omniready.texts import Message

    source = example_audit()
    text = source.read_text(encoding="utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OmnireadyError(
            Message(
                "files.cannot-create-folder",
                {"folder": str(folder), "reason": exc.strerror or str(exc)},
            )
        ) from None
    audit_path = folder / source.name
    with exclusive(audit_path):
        if audit_path.exists() and not force and _differs(audit_path, text):
            raise OmnireadyError(
                Message("files.demo-differs", {"file": str(audit_path)}),
                hint=Message("files.demo-differs-hint"),
            )
        write_atomic(audit_path, text)
    report = load_report(audit_path, lang)
    written = write_reports(report, folder, report_stem(audit_path), [Format.MD, Format.HTML])
    from omniready.portfolio.run import write_demo_portfolio  # issue 15: the demo's portfolio

    return [audit_path, *written, *write_demo_portfolio(folder / "portfolio", lang)]


def _differs(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") != text
    except (OSError, UnicodeDecodeError):
        return True  # unreadable or not text: not ours to overwrite
