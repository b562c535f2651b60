"""The audit file: typed records, loading with line-aware errors, deterministic atomic saving."""
