"""Semantic diff of two audits, and the normalized text of one audit for git.

    from omniready.diff.compare import diff_audits
    result = diff_audits(old, new, checklist)   # pure: assess both, compare matched by id
    text = render(result, Format.md, lang="es")  # omniready.diff.formats

Modules: model (the typed change records), compare (audits → AuditDiff), facts (records as flat
facts), policy and metrics.yaml (which way each figure is better), values (how values read),
formats (one module per output format, words in texts/<lang>/diff.yaml), run (the diff command's
logic: load, compare, render, regressions → DiffOutcome), show (one audit for git),
choices (the --format enum, light enough for the CLI to import at start-up).

This package imports nothing on its own, so `omniready --help` can import `choices` cheaply.
"""
