"""Many audits side by side, and the anonymous benchmark drawn from them.

collect (reads files: the one loader, the one assessment) → build (pure: filters,
distributions, trends) → formats (md, html, json); benchmark (pure: percentile points per
group of at least k organizations) → benchfile (JSON or Parquet); section (one audit's
standing in a benchmark, for `report --benchmark`).
"""
