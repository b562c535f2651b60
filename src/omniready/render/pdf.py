"""The HTML report printed to PDF by a headless Chromium (its print engine: @page margins, page
numbers, breaks), found on PATH or named by $OMNIREADY_CHROMIUM."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from omniready import numbers
from omniready.errors import InputError, OmnireadyError
from omniready.render.context import Report
from omniready.texts import Message, run_lang

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Printing a long report takes a few seconds; a browser that hangs must not hang the command.
TIMEOUT_S = 120


def find_chromium() -> str | None:
    """The browser to print with: $OMNIREADY_CHROMIUM, else the first of NAMES on PATH."""
    named = os.environ.get("OMNIREADY_CHROMIUM")
    if named:
        return shutil.which(named) or (named if os.access(named, os.X_OK) else None)
    return next((found for name in NAMES if (found := shutil.which(name))), None)


def print_args(browser: str, profile: Path, pdf: Path, page: Path) -> list[str]:
    """Headless Chromium printing `page` to `pdf`, with no network, no header or footer of its
    own (the report's CSS numbers the pages) and a throwaway profile."""
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf}",
        page.as_uri(),
    ]


def write_pdf(report: Report, path: Path) -> None:
    """Print the report's HTML to `path` atomically (a temporary file beside it, renamed)."""
    from omniready.render.html import render_html

    browser = find_chromium()
    if browser is None:
        raise InputError.at(path, Message("report.errors.pdf-needs-chromium"))
    html = render_html(report)
    with tempfile.TemporaryDirectory(prefix="omniready-pdf-") as work:
        folder = Path(work)
        page = folder / "report.html"
        page.write_text(html, encoding="utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            done = subprocess.run(
                print_args(browser, folder / "profile", Path(tmp), page),
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
            )
            if done.returncode != 0 or os.path.getsize(tmp) == 0:
                last = (done.stderr.strip().splitlines() or ["no output"])[-1]
                raise OmnireadyError(
                    Message("report.errors.pdf-failed", {"path": path, "detail": last})
                )
            os.replace(tmp, path)
        except subprocess.TimeoutExpired:
            seconds = numbers.number(TIMEOUT_S, run_lang(), None)
            raise OmnireadyError(
                Message("report.errors.pdf-timeout", {"path": path, "seconds": seconds})
            ) from None
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
