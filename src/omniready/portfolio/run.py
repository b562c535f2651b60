"""The portfolio command's work between the command line and the library: find, load and score
the audits, build the portfolio, render and write it, export the benchmark. The CLI prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from omniready.portfolio.choices import Format
from omniready.portfolio.model import Filters, Skipped


@dataclass(frozen=True)
class PortfolioRequest:
    """What the user asked: folders, where to write which formats, filters, the export."""

    folders: tuple[Path, ...]
    output: Path | None = None
    formats: tuple[Format, ...] = (Format.md, Format.html)
    lang: str = "es"
    filters: Filters = field(default_factory=Filters)
    export: Path | None = None
    checklist_dir: Path | None = None
    # Processes that read the files: None is one per core once there are enough files.
    jobs: int | None = None


@dataclass(frozen=True)
class PortfolioOutcome:
    """What was written (reports, then the export) and which files were left out."""

    written: tuple[Path, ...]
    skipped: tuple[Skipped, ...]


def run_portfolio(request: PortfolioRequest) -> PortfolioOutcome:
    """Build the portfolio of the folders and write what the request asks for.

    Reports go to `output` (the current folder when neither it nor an export is given); every
    file is rendered first, then written atomically, so a failure leaves nothing half-written.
    """
    from omniready.assess import load_policy
    from omniready.audit.store import write_atomic
    from omniready.checklist import load_checklist
    from omniready.portfolio.benchfile import check_suffix, write_benchmark
    from omniready.portfolio.benchmark import build_benchmark
    from omniready.portfolio.build import build_portfolio
    from omniready.portfolio.collect import collect, find_audits
    from omniready.portfolio.errors import PortfolioError
    from omniready.portfolio.formats import render
    from omniready.texts import Message

    if request.export is not None:
        check_suffix(request.export)
        folder = request.export.parent
        if str(folder) and not folder.is_dir():  # refused before anything is written
            params = {"path": request.export, "folder": str(folder)}
            raise PortfolioError(Message("portfolio.errors.no-export-folder", params))
    checklist = load_checklist(request.checklist_dir)
    paths = find_audits(request.folders)
    entries, skipped = collect(paths, checklist, load_policy(), request.jobs)
    if not entries:
        params = {"count": len(paths), "problem": skipped[0].problem}
        raise PortfolioError(
            Message("portfolio.errors.none-valid", params),
            hint=Message("portfolio.errors.none-valid-hint"),
        )
    portfolio = build_portfolio(entries, skipped, checklist, request.filters)
    if not portfolio.entries:
        raise PortfolioError(
            Message("portfolio.errors.none-match", {"count": len(entries)}),
            hint=Message("portfolio.errors.none-match-hint"),
        )
    output = request.output
    if output is None and request.export is None:
        output = Path(".")
    written: list[Path] = []
    if output is not None:
        texts = [
            (output / f"portfolio.{f.value}", render(portfolio, f, request.lang))
            for f in request.formats
        ]
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            params = {"path": output, "why": exc.strerror or exc}
            raise PortfolioError(Message("portfolio.errors.cannot-create", params)) from None
        for path, text in texts:
            write_atomic(path, text)
            written.append(path)
    if request.export is not None:
        benchmark = build_benchmark(list(portfolio.entries), checklist.ref)
        written.append(write_benchmark(request.export, benchmark))
    return PortfolioOutcome(tuple(written), tuple(skipped))


def write_demo_portfolio(folder: Path, lang: str) -> list[Path]:
    """The demo's portfolio (examples/portfolio: the example retailer and generated peers)
    written into `folder` as portfolio.md and portfolio.html; the paths written."""
    from omniready.resources import data_dir

    request = PortfolioRequest(
        folders=(data_dir("examples") / "portfolio",), output=folder, lang=lang
    )
    return list(run_portfolio(request).written)
