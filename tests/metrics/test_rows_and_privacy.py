"""Nothing lost silently (each set-aside reason, --rejects), and no identifier in any output."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from .conftest import invoke, measure_json, write

MAPPING = """\
sources:
  - name: calls
    channel: phone
    columns: {contact_id: id, customer_id: email, start: start, end: end, wait_s: wait, outcome: outcome}
    values:
      outcome: {answered: [ok], abandoned: [hang], excluded: [PHANTOM]}
"""
# line 2 used; then one row per reason, in file order
LOG = """\
id,email,name,phone,start,end,wait,outcome
1,ana.perez@example.com,Ana Pérez,+56 9 8765 4321,2026-01-05 09:00,2026-01-05 09:05,10,ok
2,juan.soto@example.com,Juan Soto,+56 9 1111 2222,,,10,ok
3,juan.soto@example.com,Juan Soto,+56 9 1111 2222,yesterday,,10,ok
4,juan.soto@example.com,Juan Soto,+56 9 1111 2222,2026-01-05 10:00,,ten,ok
1,juan.soto@example.com,Juan Soto,+56 9 1111 2222,2026-01-05 11:00,,10,ok
6,juan.soto@example.com,Juan Soto,+56 9 1111 2222,2026-01-05 12:00,,10,PHANTOM
7,juan.soto@example.com,Juan Soto,+56 9 1111 2222,2026-01-05 13:00,2026-01-05 12:00,10,ok
8,juan.soto@example.com,Juan Soto,+56 9 1111 2222,2026-01-05 14:00,,-5,hang
9,juan.soto@example.com,Juan Soto,+56 9 1111 2222,2025-12-31 14:00,,10,ok
"""
SECRETS = [
    "ana.perez",
    "juan.soto",
    "Ana Pérez",
    "Juan Soto",
    "8765 4321",
    "1111 2222",
    "example.com",
]


def _folder(tmp_path: Path) -> Path:
    write(tmp_path / "t.audit.yaml", "schema: 2\nlang: en\norganization: {name: X}\n")
    write(tmp_path / "t.metrics.yaml", MAPPING)
    write(tmp_path / "calls.csv", LOG)
    return tmp_path


def test_every_reason_is_counted_and_written_with_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rejects = folder / "rejects.csv"
    result = invoke(
        "metrics", folder / "t.audit.yaml", folder / "calls.csv", "--period", "2026-01..2026-01",
        "--rejects", rejects, "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    audit = (folder / "t.audit.yaml").read_text()
    expected = {
        "missing-start": 1,
        "unparseable-date": 1,
        "unparseable-number": 1,
        "duplicate-id": 1,
        "excluded-outcome": 1,
        "close-before-open": 1,
        "negative-wait": 1,
        "out-of-period": 1,
    }
    import json

    source = json.loads(result.stdout)["sources"][0]
    assert source["set_aside"] == expected
    assert (source["rows_read"], source["rows_used"]) == (9, 1)
    for reason, count in expected.items():
        assert f"{reason}: {count}" in audit
    with open(rejects, newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["line"], r["reason"]) for r in rows] == [
        ("3", "missing-start"),
        ("4", "unparseable-date"),
        ("5", "unparseable-number"),
        ("6", "duplicate-id"),
        ("7", "excluded-outcome"),
        ("8", "close-before-open"),
        ("9", "negative-wait"),
        ("10", "out-of-period"),
    ]
    assert rows[1]["value"] == "yesterday" and rows[2]["value"] == "ten"
    assert "calls: 9 rows read, 1 used, 8 set aside" in result.stderr


def test_no_identifier_reaches_any_output(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rejects = folder / "rejects.csv"
    outputs = []
    for fmt in ("table", "json", "md"):
        result = invoke(
            "metrics", folder / "t.audit.yaml", folder / "calls.csv", "--format", fmt,
            "--rejects", rejects, "--sla", "phone=30s",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs += [result.stdout, result.stderr]
    suggested = invoke("metrics", "--suggest-map", folder / "calls.csv")
    assert suggested.exit_code == 0
    outputs += [suggested.stdout, (folder / "t.audit.yaml").read_text(), rejects.read_text()]
    done = subprocess.run(
        [str(Path(sys.executable).with_name("omniready")), "show", str(folder / "t.audit.yaml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    outputs += [done.stdout, done.stderr]
    report = subprocess.run(
        [str(Path(sys.executable).with_name("omniready")), "report", str(folder / "t.audit.yaml"),
         "-o", str(folder / "out"), "--format", "md,json"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    outputs += [report.stdout, report.stderr]
    outputs += [p.read_text() for p in (folder / "out").glob("*") if p.is_file()]
    for text in outputs:
        for secret in SECRETS:
            assert secret not in text
    assert "unique_customers" in outputs[2]  # the customers were counted, just not shown


def test_duplicates_across_files_and_sources_by_file_name_then_line(tmp_path: Path) -> None:
    # Typed (Parquet) ids and text ids; the first row of an id is the first by file name, then
    # line, whatever order the files are given in; a repeat outside the period is a duplicate.
    import duckdb

    write(tmp_path / "t.audit.yaml", "schema: 2\nlang: en\norganization: {name: X}\n")
    write(
        tmp_path / "t.metrics.yaml",
        "sources:\n"
        "  - name: calls\n    files: ['calls-*.parquet']\n    channel: phone\n"
        "    columns: {contact_id: id, start: start}\n"
        "  - name: chats\n    files: ['chats.csv']\n    channel: chat\n"
        "    columns: {contact_id: id, start: start}\n",
    )
    con = duckdb.connect()
    for name, rows in (
        ("calls-b", "(1, TIMESTAMP '2026-01-05 09:00'), (2, TIMESTAMP '2026-01-06 09:00')"),
        ("calls-a", "(2, TIMESTAMP '2026-01-07 09:00'), (3, TIMESTAMP '2025-12-01 09:00'), "
                    "(2, TIMESTAMP '2025-12-02 09:00')"),
    ):  # fmt: skip
        con.execute(
            f"COPY (SELECT * FROM (VALUES {rows}) t(id, start)) "
            f"TO '{tmp_path / (name + '.parquet')}' (FORMAT parquet)"
        )
    write(tmp_path / "chats.csv", "id,start\n 7 ,2026-01-08 10:00\n7,2026-01-09 10:00\n")
    rejects = tmp_path / "rejects.csv"
    result = invoke(
        "metrics", tmp_path / "t.audit.yaml", tmp_path / "calls-b.parquet",
        tmp_path / "calls-a.parquet", tmp_path / "chats.csv", "--period", "2026-01..2026-01",
        "--rejects", rejects, "--format", "json", "--no-write",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    import json

    sources = {s["name"]: s for s in json.loads(result.stdout)["sources"]}
    assert sources["calls"]["set_aside"] == {"duplicate-id": 2, "out-of-period": 1}
    assert (sources["calls"]["rows_read"], sources["calls"]["rows_used"]) == (5, 2)
    assert sources["chats"]["set_aside"] == {"duplicate-id": 1}
    with open(rejects, newline="") as handle:
        rows = [(r["file"], r["line"], r["reason"]) for r in csv.DictReader(handle)]
    assert rows == [
        ("calls-a.parquet", "2", "out-of-period"),
        ("calls-a.parquet", "3", "duplicate-id"),
        ("calls-b.parquet", "2", "duplicate-id"),
        ("chats.csv", "3", "duplicate-id"),
    ]


def test_values_left_blank_are_counted_per_reason_and_the_row_used(tmp_path: Path) -> None:
    write(tmp_path / "t.audit.yaml", "schema: 2\nlang: en\norganization: {name: X}\n")
    write(
        tmp_path / "t.metrics.yaml",
        "sources:\n  - name: calls\n    channel: phone\n    columns: {start: start, "
        "handle_s: handle, age: age, reminder: sms, resolved: ok, outcome: result}\n",
    )
    write(
        tmp_path / "calls.csv",
        "start,handle,age,sms,ok,result\n"
        "2026-01-05 09:00,10,30,yes,yes,answered\n"
        "2026-01-05 10:00,abc,130,no,no,answered\n"
        "2026-01-05 11:00,20,40,maybe,perhaps,weird\n",
    )
    doc = measure_json(tmp_path, tmp_path / "calls.csv")
    source = doc["sources"][0]
    assert (source["rows_read"], source["rows_used"], source["set_aside"]) == (3, 3, {})
    assert source["blanked"] == {
        "age-unreadable-or-out-of-range": 1,
        "handle-time-unreadable": 1,
        "outcome-value-unknown": 1,
        "reminder-value-unknown": 1,
        "resolved-value-unknown": 1,
    }
    assert doc["channels"]["phone"]["values"]["handle_avg_s"] == 15  # the blank is not a 0
