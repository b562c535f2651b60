"""`omniready validate` and `omniready schema`."""

from __future__ import annotations

from pathlib import Path

import typer

from omniready.cli.app import EXIT_INPUT, ChecklistDirOption, LangOption, app, error, resolve_lang


@app.command()
def validate(
    files: list[Path] = typer.Argument(..., metavar="FILE", help="Audit files to check."),
    checklist_dir: Path | None = ChecklistDirOption,
    lang: str | None = LangOption,
) -> None:
    """Check audit files against the schema and the checklists.

    Every problem of a file is printed at once, in the file's order, as FILE:LINE:COL: message
    in the chosen language, with the fix where there is one (the first 100 of a file, then
    their count); a YAML syntax error stops the reading of its file. Exit 0 when all are
    valid, 2 otherwise. Every command reads audit files within the same limits (10 MB,
    100,000 values, 64 levels, 100,000 characters a value; no aliases);
    OMNIREADY_MAX_BYTES, _NODES, _DEPTH and _SCALAR raise them (docs/audit.md, "Limits").

    Example:

        omniready validate acme.audit.yaml --lang en
    """
    from omniready.audit.check import validate_file
    from omniready.checklist import load_checklist, retired_warnings
    from omniready.texts import text

    lang = resolve_lang(lang)
    checklist = load_checklist(checklist_dir)
    bad = 0
    for path in files:
        problems = validate_file(path, checklist)
        for problem in problems:
            typer.echo(str(problem))
        if problems:
            bad += 1
        else:
            for warning in retired_warnings(path, checklist):  # old answers kept, not used
                error(str(warning))
            error(text("validate.valid", lang, path=path))
    if bad:
        error(text("validate.invalid-files", lang, bad=bad, total=len(files)))
        raise typer.Exit(EXIT_INPUT)


@app.command()
def schema(checklist_dir: Path | None = ChecklistDirOption) -> None:
    """Print the JSON Schema of the audit file, for editors (yaml-language-server).

    The schema lists each step's question ids and the answer values each one takes.

    Example:

    \b
        omniready schema > audit.schema.json
        # then, as the first line of the audit file:
        # yaml-language-server: $schema=audit.schema.json
    """
    import json

    from omniready.audit.jsonschema import audit_schema
    from omniready.checklist import load_checklist

    document = audit_schema(load_checklist(checklist_dir))
    typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
