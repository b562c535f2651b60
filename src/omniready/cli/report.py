"""`omniready report` and `omniready demo`: assess an audit and write its reports."""

from __future__ import annotations

from pathlib import Path

import typer

from omniready.cli.app import ChecklistDirOption, LangOption, app, resolve_lang

_TEMPLATES_HELP = (
    "Folder of templates (report.md.j2, report.html.j2, report.css, labels.yaml) "
    "that replace the shipped ones of the same name."
)


@app.command()
def report(
    file: Path = typer.Argument(..., metavar="FILE", help="The audit file."),
    output: Path = typer.Option(Path("."), "-o", "--output", help="Folder for the reports."),
    formats: str = typer.Option(
        "md,html",
        "--format",
        "-f",
        help="Comma-separated formats: md, html, json, csv (the roadmap), pdf (needs Chromium).",
    ),
    lang: str | None = LangOption,
    templates: Path | None = typer.Option(None, "--templates", help=_TEMPLATES_HELP),
    max_probe_age: int = typer.Option(
        90,
        "--max-probe-age",
        min=0,
        metavar="DAYS",
        help="A probe older than this is shown as stale and its evidence not counted.",
    ),
    checklist_dir: Path | None = ChecklistDirOption,
    rules: Path | None = typer.Option(
        None,
        "--rules",
        help="YAML file of extra finding rules (same form as assess/rules.yaml; same id replaces).",
    ),
    benchmark: Path | None = typer.Option(
        None,
        "--benchmark",
        metavar="BENCH",
        help="Add where the organization stands: a file of `portfolio --export-benchmark`.",
    ),
) -> None:
    """Score an audit and write its reports: Markdown, HTML and JSON.

    Files are named after the audit (acme.audit.yaml → acme-report.html) and written
    atomically into the output folder; their paths are printed, one per line.

    Example:

    \b
        omniready report acme.audit.yaml -o reports --format md,html,json --lang en
        omniready report acme.audit.yaml --format pdf,csv --max-probe-age 30
        omniready report acme.audit.yaml --benchmark benchmark.parquet
    """
    from omniready.render.files import load_report, parse_formats, report_stem, write_reports

    try:
        chosen = parse_formats(formats)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None
    import datetime as dt

    today = dt.datetime.now(dt.timezone.utc).date()
    built = load_report(
        file, resolve_lang(lang), templates, checklist_dir, rules, today, max_probe_age
    )
    if benchmark is not None:
        from omniready.portfolio.section import with_benchmark

        built = with_benchmark(built, benchmark, checklist_dir)
    for path in write_reports(built, output, report_stem(file), chosen):
        typer.echo(str(path))


@app.command()
def demo(
    folder: Path = typer.Argument(
        Path("omniready-demo"), metavar="DIR", help="Where to write the demo."
    ),
    lang: str | None = LangOption,
    force: bool = typer.Option(
        False, "--force", help="Overwrite an edited acme-retail.audit.yaml in the folder."
    ),
) -> None:
    """Write the shipped example audit and its Markdown and HTML reports; works offline.

    An edited audit file already in the folder is kept unless --force.

    Example:

        omniready demo ./omniready-demo && open omniready-demo/acme-retail-report.html
    """
    from omniready.render.demo import write_demo

    for path in write_demo(folder, resolve_lang(lang), force):
        typer.echo(str(path))
