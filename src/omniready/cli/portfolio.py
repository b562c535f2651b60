"""`omniready portfolio`: many audits side by side, and the anonymous benchmark export."""

from __future__ import annotations

from pathlib import Path

import typer

from omniready.cli.app import ChecklistDirOption, LangOption, app, error, resolve_lang


def _values(options: list[str] | None) -> list[str]:
    # Each option may be repeated and may hold a comma-separated list: --industry retail,banking.
    return [v.strip() for raw in options or [] for v in raw.split(",") if v.strip()]


@app.command()
def portfolio(
    folders: list[Path] = typer.Argument(
        ..., metavar="FOLDER", help="Folders to search for *.audit.yaml files (or files)."
    ),
    output: Path | None = typer.Option(
        None,
        "-o",
        "--output",
        metavar="DIR",
        help="Folder for portfolio.md/.html/.json (default: the current folder, "
        "unless only --export-benchmark is given).",
    ),
    formats: str = typer.Option(
        "md,html",
        "--format",
        "-f",
        metavar="FORMATS",
        help="Comma-separated formats: md, html, json.",
    ),
    industry: list[str] | None = typer.Option(
        None,
        "--industry",
        metavar="NAME",
        help="Keep only these industries (repeat or comma-separate).",
    ),
    country: list[str] | None = typer.Option(
        None,
        "--country",
        metavar="CODE",
        help="Keep only these countries (as the audits write them: CL, MX).",
    ),
    size: list[str] | None = typer.Option(
        None,
        "--size",
        metavar="BAND",
        help="Keep only these size bands: micro, small, medium, large.",
    ),
    year: list[str] | None = typer.Option(
        None,
        "--year",
        metavar="YEAR",
        help="Keep only audits of these years (their last update's).",
    ),
    export_benchmark: Path | None = typer.Option(
        None,
        "--export-benchmark",
        metavar="FILE",
        help="Also write the anonymous benchmark: FILE.parquet or FILE.json (no names, no "
        "notes; groups of fewer than 5 organizations left out).",
    ),
    lang: str | None = LangOption,
    checklist_dir: Path | None = ChecklistDirOption,
) -> None:
    """Compare many audits: scores side by side, distributions, trends, disagreements.

    Reads every *.audit.yaml under the folders (older schemas are migrated on load). A file
    that does not validate is listed on stderr with its first problem and left out. The paths
    written are printed, one per line.

    Example:

    \b
        omniready portfolio clients/ -o portfolio --format md,html,json --industry retail
        omniready portfolio clients/ --export-benchmark benchmark.parquet
        omniready report acme.audit.yaml --benchmark benchmark.parquet
    """
    from omniready.portfolio.choices import parse_formats
    from omniready.portfolio.model import Filters
    from omniready.portfolio.profile import band_ids, normalize
    from omniready.portfolio.run import PortfolioRequest, run_portfolio
    from omniready.portfolio.texts import label
    from omniready.texts import text

    language = resolve_lang(lang)
    try:
        chosen = parse_formats(formats)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None
    sizes = [s.casefold() for s in _values(size)]
    unknown = [s for s in sizes if s not in band_ids()]
    if unknown:
        raise typer.BadParameter(
            text("cli.size-band", language, band=repr(unknown[0]), known=", ".join(band_ids())),
            param_hint="--size",
        )
    years: list[int] = []
    for value in _values(year):
        if not value.isdigit() or len(value) != 4:
            raise typer.BadParameter(
                text("cli.year", language, value=repr(value)), param_hint="--year"
            )
        years.append(int(value))
    filters = Filters(
        industries=tuple(n for v in _values(industry) if (n := normalize(v))),
        countries=tuple(v.upper() for v in _values(country)),
        sizes=tuple(sizes),
        years=tuple(years),
    )
    outcome = run_portfolio(
        PortfolioRequest(
            folders=tuple(folders),
            output=output,
            formats=tuple(chosen),
            lang=language,
            filters=filters,
            export=export_benchmark,
            checklist_dir=checklist_dir,
        )
    )
    for skipped in outcome.skipped:
        error(f"{skipped.problem} ({label('left_out', language)})")
    for path in outcome.written:
        typer.echo(str(path))
