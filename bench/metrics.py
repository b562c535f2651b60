"""`omniready metrics` on a generated contact log, against a bare DuckDB script and pandas.

Generates a realistic log (default 10 million contacts over 12 months, 6 channels, 4 segments,
2 million customers) as Parquet, with a 2-million-row part as CSV; runs
`omniready metrics --no-write --format json` on it and prints:
  - its wall time / a bare DuckDB script loading the same files and running the same figure
    queries (target <= 1.5);
  - pandas computing the main figures / omniready (target >= 5; skipped when pandas is absent);
  - the peak memory (max RSS) of the omniready process (target <= 1 GB).
Run: python bench/metrics.py [--rows N] [--dir DIR] [--repeat N]
--repeat runs omniready and the bare script N times each, in turn, and compares their medians,
so that a burst of other work on a shared machine weighs on both alike.
pandas is for this bench only, never a dependency of omniready:
  pip install pandas pyarrow
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

CHANNELS = ["phone", "chat", "whatsapp", "email", "web", "store"]
SEGMENTS = ["young", "adult", "senior", "business"]

MAPPING = """\
version: 1
sla: {phone: 60s, chat: 120s, whatsapp: 300s, store: 600s}
sources:
  - name: log
    files: ["log.parquet"]
    columns:
      contact_id: id
      customer_id: customer
      channel: channel
      segment: segment
      type: type
      start: start
      wait_s: wait
      handle_s: handle
      outcome: outcome
      resolved: resolved
  - name: log-csv
    files: ["log-part.csv"]
    columns:
      contact_id: id
      customer_id: customer
      channel: channel
      segment: segment
      type: type
      start: start
      wait_s: wait
      handle_s: handle
      outcome: outcome
      resolved: resolved
"""

# The bare script: DuckDB alone, the same files, the same figure queries. Like omniready it reads
# the files and builds the `used` table (typed values, the repeat-contact window) in one statement,
# without what omniready adds: no line numbers, set-aside reasons, duplicate ids or provenance.
BARE = """\
import sys, duckdb
from pathlib import Path
from omniready.metrics import compute, definitions
from omniready.metrics.mapping import load_mapping
folder = sys.argv[1]
mapping, _ = load_mapping(Path(folder) / "bench.metrics.yaml")
con = duckdb.connect(config={"memory_limit": "600MB"})
con.execute("SET preserve_insertion_order = false")
cols = "id::VARCHAR AS id, customer::VARCHAR AS customer_id, channel, segment, type, \
CAST(start AS TIMESTAMP) AS start_ts, CAST(wait AS DOUBLE) AS wait_s, \
CAST(handle AS DOUBLE) AS handle_s, outcome, resolved = 'Y' AS resolved"
rows = (f"SELECT {cols} FROM read_parquet('{folder}/log.parquet') "
        f"UNION ALL SELECT {cols} FROM read_csv('{folder}/log-part.csv', all_varchar=true)")
con.execute("CREATE TABLE sla AS SELECT * FROM (VALUES ('phone', 60.0), ('chat', 120.0), "
            "('whatsapp', 300.0), ('store', 600.0)) t(channel, target_s)")
con.execute("CREATE TABLE used AS SELECT r.*, NULL::BOOLEAN AS incident, "
            "NULL::BOOLEAN AS attended, "
            "NULL::TIMESTAMP AS end_ts, NULL::DOUBLE AS satisfaction, NULL::DOUBLE AS age, "
            "NULL::VARCHAR AS age_band, NULL::BOOLEAN AS reminder, NULL::VARCHAR AS department, "
            "true AS self_service_known, s.target_s, "
            "coalesce(epoch(lead(start_ts) OVER w - start_ts) <= 604800, false) AS repeated, "
            "coalesce(epoch(lead(start_ts) OVER w - start_ts) <= 604800 "
            "AND lead(channel) OVER w <> channel, false) AS repeated_cross "
            f"FROM ({rows}) r LEFT JOIN sla s USING (channel) "
            "WINDOW w AS (PARTITION BY customer_id ORDER BY start_ts)")
for sql in compute.queries(definitions.load(), mapping, segments=True, months=12).values():
    con.execute(sql).fetchall()
"""

PANDAS = """\
import sys, pandas as pd
folder = sys.argv[1]
df = pd.concat([pd.read_parquet(f"{folder}/log.parquet"),
                pd.read_csv(f"{folder}/log-part.csv", parse_dates=["start"])])
df["start"] = pd.to_datetime(df["start"])
answered = df[df.outcome == "answered"]
g = [[], ["channel"], ["segment"], ["channel", "segment"]]
sla = {"phone": 60, "chat": 120, "whatsapp": 300, "store": 600}
df["target"] = df.channel.map(sla)
for keys in g:
    grp = (lambda d: d.groupby(keys)) if keys else (lambda d: d.assign(_k=0).groupby("_k"))
    grp(df).size(); grp(df).customer.nunique()
    grp(answered).wait.agg(["mean", "median", lambda s: s.quantile(0.9)])
    grp(answered).handle.mean()
    grp(df).outcome.apply(
        lambda s: (s == "abandoned").sum() / s.isin(["answered", "abandoned"]).sum())
    grp(df).apply(lambda d: ((d.outcome == "answered") & (d.wait <= d.target)).sum()
                  / (d.outcome.isin(["answered", "abandoned"]) & d.target.notna()).sum())
    grp(df).resolved.apply(lambda s: (s == "Y").mean())
df = df.sort_values(["customer", "start"])
nxt = df.groupby("customer").start.shift(-1)
nch = df.groupby("customer").channel.shift(-1)
rep = (nxt - df.start).dt.total_seconds() <= 604800
df["rep"], df["cross"] = rep, rep & (nch != df.channel)
for keys in g:
    (df.groupby(keys) if keys else df.assign(_k=0).groupby("_k"))[["rep", "cross"]].mean()
df.groupby(["channel", df.start.dt.strftime("%Y-%m")]).size()
df.groupby([df.start.dt.dayofweek, df.start.dt.hour]).size()
"""


def generate(folder: Path, rows: int, csv_rows: int) -> None:
    """The log: Parquet for most rows, CSV for a part, with DuckDB's own random numbers."""
    import duckdb

    con = duckdb.connect()
    con.execute("SELECT setseed(0.42)")
    customers = max(1, rows // 5)
    con.execute(f"""CREATE TABLE log AS SELECT
      i AS id,
      'C' || CAST(floor(random() * {customers}) AS BIGINT) AS customer,
      {CHANNELS}[1 + CAST(floor(random() * 6) AS INT)] AS channel,
      {SEGMENTS}[1 + CAST(floor(random() * 4) AS INT)] AS segment,
      ['billing', 'delivery', 'returns', 'other'][1 + CAST(floor(random() * 4) AS INT)] AS type,
      TIMESTAMP '2025-01-01' + to_seconds(CAST(floor(random() * 365 * 86400) AS BIGINT)) AS start,
      round(-ln(1 - random()) * 90, 1) AS wait,
      round(60 + random() * 400, 1) AS handle,
      CASE WHEN random() < 0.12 THEN 'abandoned' WHEN random() < 0.1 THEN 'self_service'
           ELSE 'answered' END AS outcome,
      CASE WHEN random() < 0.7 THEN 'Y' ELSE 'N' END AS resolved
    FROM range({rows}) t(i)""")
    con.execute(f"COPY (SELECT * FROM log WHERE id >= {csv_rows}) TO '{folder}/log.parquet'")
    con.execute(
        f"COPY (SELECT * FROM log WHERE id < {csv_rows}) TO '{folder}/log-part.csv' (HEADER)"
    )
    (folder / "bench.audit.yaml").write_text("schema: 2\norganization: {name: Bench}\n")
    (folder / "bench.metrics.yaml").write_text(MAPPING)


@dataclass(frozen=True)
class Run:
    """One child process: wall seconds, CPU seconds (user + system, all its threads) and peak
    RSS in bytes. CPU time is printed beside wall time because on a shared machine the wall
    time of either side swings with the others' load."""

    wall: float
    cpu: float
    rss: int


def timed(command: list[str]) -> Run:
    """Run one child process to its end and measure it."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def median(runs: list[Run]) -> Run:
    """The median wall and CPU time of several runs, and their highest peak memory."""
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.rss for r in runs),
    )


def generated(folder: Path, rows: int) -> bool:
    """Whether `folder` already holds the log of `rows` rows (kept with --dir between runs)."""
    marker = folder / "rows.txt"
    return marker.exists() and marker.read_text().strip() == str(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=textwrap.dedent(__doc__ or ""))
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--dir", type=Path, default=None, help="keep the generated log here")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side (medians)")
    args = parser.parse_args()
    csv_rows = args.rows // 5
    with tempfile.TemporaryDirectory(prefix="omniready-bench-") as scratch:
        folder = args.dir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        if not generated(folder, args.rows):
            generate(folder, args.rows, csv_rows)
            (folder / "rows.txt").write_text(str(args.rows))
        print(f"log    {args.rows:,} contacts ({csv_rows:,} as CSV), "
              f"ready in {time.perf_counter() - start:.1f} s")  # fmt: skip
        script = Path(sys.executable).with_name("omniready")
        ours_runs, bare_runs = [], []
        for _ in range(max(1, args.repeat)):  # in turn: other work weighs on both alike
            ours_runs.append(timed([str(script), "metrics", str(folder / "bench.audit.yaml"),
                                    "--no-write", "--format", "json"]))  # fmt: skip
            bare_runs.append(timed([sys.executable, "-c", BARE, str(folder)]))
        ours, bare = median(ours_runs), median(bare_runs)
        if args.repeat > 1:
            print(
                f"{args.repeat} runs each; medians; ratios of the single runs "
                + ", ".join(
                    f"{o.wall / b.wall:.2f}" for o, b in zip(ours_runs, bare_runs, strict=True)
                )
            )
        print(f"omniready metrics  {ours.wall:7.1f} s wall  {ours.cpu:7.1f} s cpu   "
              f"peak memory {ours.rss / 2**20:,.0f} MiB (target <= 1024)")  # fmt: skip
        print(f"bare duckdb        {bare.wall:7.1f} s wall  {bare.cpu:7.1f} s cpu   "
              f"ratio omniready/bare {ours.wall / bare.wall:.2f} wall, "
              f"{ours.cpu / bare.cpu:.2f} cpu (target <= 1.5)")  # fmt: skip
        try:
            import pandas  # noqa: F401
        except ImportError:
            print("pandas             not installed (pip install pandas pyarrow): skipped")
            return
        panda = timed([sys.executable, "-c", PANDAS, str(folder)])
        print(f"pandas             {panda.wall:7.1f} s wall  {panda.cpu:7.1f} s cpu   "
              f"peak memory {panda.rss / 2**20:,.0f} MiB   ratio pandas/omniready "
              f"{panda.wall / ours.wall:.1f} wall, {panda.cpu / ours.cpu:.1f} cpu "
              "(target >= 5)")  # fmt: skip


if __name__ == "__main__":
    main()
