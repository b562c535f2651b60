"""`omniready metrics`: figures measured from the client's contact and appointment exports.

sources (files → DuckDB tables) → normalize (mapping → one row per contact, set-aside reasons)
→ figures (definitions.yaml: SQL beside its definition) → the audit's metrics step.
"""
