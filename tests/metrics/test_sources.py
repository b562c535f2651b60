"""Sources: encodings, delimiters, decimal commas, Excel, Parquet, JSON Lines, several files as
one source, and unreadable files as FILE:LINE with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import invoke, measure_json, write

MAPPING = """\
sources:
  - name: calls
    channel: phone
    columns: {contact_id: Id, start: Fecha, wait_s: Espera, segment: Segmento}
"""
ROWS = [
    ("1", "2026-01-05 09:00:00", "10,5", "Jóvenes"),
    ("2", "2026-01-06 09:00:00", "20,5", "Mayores €"),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path / "t.audit.yaml", "schema: 2\norganization: {name: X}\n")
    write(tmp_path / "t.metrics.yaml", MAPPING)
    return tmp_path


def _text(delimiter: str, decimal: str) -> str:
    lines = [delimiter.join(["Id", "Fecha", "Espera", "Segmento"])]
    for row in ROWS:
        wait = row[2] if decimal == "," else row[2].replace(",", ".")
        cells = [
            row[0],
            row[1],
            f'"{wait}"' if delimiter == "," and decimal == "," else wait,
            row[3],
        ]
        lines.append(delimiter.join(cells))
    return "\r\n".join(lines) + "\r\n"


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter", "decimal"),
    [
        ("utf8.csv", "utf-8", ",", "."),
        ("bom.csv", "utf-8-sig", ",", "."),
        ("utf16.csv", "utf-16", ",", "."),
        ("excel-es.csv", "cp1252", ";", ","),  # Spanish-locale Excel: ";" and decimal commas
        ("latin.csv", "latin-1", ";", ","),
        ("tabs.tsv", "utf-8", "\t", "."),
        ("pipes.csv", "utf-8", "|", "."),
        ("quoted.csv", "utf-8", ",", ","),  # decimal commas inside quotes need `decimal: ","`
    ],
)
def test_every_encoding_and_delimiter(
    folder: Path, name: str, encoding: str, delimiter: str, decimal: str
) -> None:
    if name == "latin.csv":
        rows = _text(delimiter, decimal).replace("€", "¤")
    else:
        rows = _text(delimiter, decimal)
    (folder / name).write_bytes(rows.encode(encoding))
    if name == "quoted.csv":
        write(
            folder / "t.metrics.yaml",
            MAPPING.replace("channel: phone", 'channel: phone\n    decimal: ","'),
        )
    doc = measure_json(folder, folder / name)
    phone = doc["channels"]["phone"]["values"]
    assert phone["contacts"] == 2
    assert phone["wait_avg_s"] == pytest.approx(15.5)  # (10.5 + 20.5) / 2, decimals read right
    assert set(doc["segments"]) == {"Jóvenes", "Mayores ¤" if name == "latin.csv" else "Mayores €"}


def test_excel_with_a_chosen_sheet(folder: Path) -> None:
    import datetime as dt

    import xlsxwriter

    path = folder / "calls.xlsx"
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("Cover").write(0, 0, "not this one")
    sheet = book.add_worksheet("Calls")
    time_format = book.add_format({"num_format": "hh:mm:ss"})
    for col, header in enumerate(["Id", "Date", "Time", "Espera", "Segmento"]):
        sheet.write(0, col, header)
    for row, (date, wait) in enumerate([("2026-01-05", 10.0), ("2026-01-06", 30.0)], start=1):
        sheet.write(row, 0, f"ID{row}")
        sheet.write(row, 1, date)
        sheet.write_datetime(row, 2, dt.time(9, 30), time_format)
        sheet.write_number(row, 3, wait)
        sheet.write(row, 4, "A")
    book.close()
    write(
        folder / "t.metrics.yaml",
        "sources:\n  - name: calls\n    channel: phone\n    sheet: Calls\n"
        "    columns: {contact_id: Id, start: [Date, Time], wait_s: Espera}\n",
    )
    doc = measure_json(folder, path)
    assert doc["channels"]["phone"]["values"]["wait_avg_s"] == 20
    assert doc["weekday_hour"][0][9] == 1  # Monday 09:30 from the date and the Excel time
    wrong = folder / "t.metrics.yaml"
    wrong.write_text(wrong.read_text().replace("sheet: Calls", "sheet: Nope"))
    result = invoke("metrics", folder / "t.audit.yaml", path, "--no-write")
    assert result.exit_code == 2
    assert "calls.xlsx: no sheet 'Nope' (sheets: Cover, Calls)" in result.output


def test_parquet_and_json_lines(folder: Path) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM (VALUES (1, TIMESTAMP '2026-01-05 09:00', 10.0, 'A'), "
        "(2, TIMESTAMP '2026-01-06 10:00', 30.0, 'B')) t(Id, Fecha, Espera, Segmento)) "
        f"TO '{folder / 'calls.parquet'}' (FORMAT parquet)"
    )
    (folder / "chats.jsonl").write_text(
        '{"Id": "x1", "Fecha": "2026-01-07T11:00:00", "Espera": 5, "Segmento": "A"}\n'
        '{"Id": "x2", "Fecha": "2026-01-08T11:00:00", "Espera": 15, "Segmento": "B"}\n'
    )
    write(
        folder / "t.metrics.yaml",
        MAPPING.replace("- name: calls", '- name: calls\n    files: ["*.parquet"]')
        + '  - name: chats\n    files: ["*.jsonl"]\n    channel: chat\n'
        "    columns: {contact_id: Id, start: Fecha, wait_s: Espera}\n",
    )
    doc = measure_json(folder)  # files from the mapping's own patterns
    assert doc["channels"]["phone"]["values"]["wait_avg_s"] == 20
    assert doc["channels"]["chat"]["values"]["wait_avg_s"] == 10
    assert [s["files"][0]["file"] for s in doc["sources"]] == ["calls.parquet", "chats.jsonl"]


def test_monthly_files_are_one_source(folder: Path) -> None:
    for month in ("01", "02", "03"):
        write(
            folder / f"calls-2026-{month}.csv",
            f"Id,Fecha,Espera,Segmento\n{month},2026-{month}-10 10:00,6,A\n",
        )
    doc = measure_json(folder, folder / "calls-2026-*.csv")
    assert doc["channels"]["phone"]["values"]["contacts"] == 3
    assert len(doc["sources"]) == 1
    assert [f["file"] for f in doc["sources"][0]["files"]] == [
        "calls-2026-01.csv",
        "calls-2026-02.csv",
        "calls-2026-03.csv",
    ]
    assert doc["monthly"]["phone"] == {"2026-01": 1, "2026-02": 1, "2026-03": 1}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "Id,Fecha,Espera\n1,2026-01-05,3\n2,2026-01-06,4,5\n",
            "bad.csv:3:1: Expected Number of Columns: 3 Found: 4",
        ),
        (
            'Id,Fecha,Espera\n1,2026-01-05,3\n2,"2026-01-06,4\n',
            "bad.csv:3:1: Value with unterminated quote found.",
        ),
        ("", "bad.csv:1:1: empty file: no header row"),
    ],
)
def test_unreadable_source_is_file_line_and_exit_2(
    folder: Path, content: str, message: str
) -> None:
    write(folder / "bad.csv", content)
    before = (folder / "t.audit.yaml").read_bytes()
    result = invoke("metrics", folder / "t.audit.yaml", folder / "bad.csv")
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert "2026-01-06,4" not in result.output  # DuckDB's echo of the row is not passed on
    assert (folder / "t.audit.yaml").read_bytes() == before


def test_a_mapped_column_missing_from_the_file(folder: Path) -> None:
    write(folder / "calls.csv", "Id,Fecha,Espera\n1,2026-01-05,3\n")
    result = invoke("metrics", folder / "t.audit.yaml", folder / "calls.csv")
    assert result.exit_code == 2
    assert (
        "calls.csv: no column 'Segmento' for `segment` in source 'calls' (columns: Id, Fecha, Espera)"
        in result.output
    )


def test_missing_file_and_unmatched_file(folder: Path) -> None:
    result = invoke("metrics", folder / "t.audit.yaml", folder / "nope.csv")
    assert result.exit_code == 2
    assert "nope.csv: no such file" in result.output
    write(
        folder / "t.metrics.yaml",
        MAPPING
        + '  - name: chats\n    files: ["chat*"]\n    channel: chat\n    columns: {start: Fecha}\n'.replace(
            "- name: calls", "- name: calls"
        ),
    )
    (folder / "t.metrics.yaml").write_text(
        (folder / "t.metrics.yaml")
        .read_text()
        .replace("    channel: phone\n", '    files: ["calls*"]\n    channel: phone\n', 1)
    )
    write(folder / "other.csv", "Id,Fecha\n1,2026-01-01\n")
    result = invoke("metrics", folder / "t.audit.yaml", folder / "other.csv")
    assert result.exit_code == 2
    assert (
        "other.csv: no source of the mapping matches this file's name (sources: calls, chats)"
        in result.output
    )


def test_typed_parquet_columns_blank_or_negative(folder: Path) -> None:
    # Typed columns are never unparseable: a blank start is missing, a negative wait set aside,
    # a blank wait leaves the row used without a wait.
    import duckdb

    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM (VALUES (1, TIMESTAMP '2026-01-05 09:00', 10.0, 'A'), "
        "(2, NULL, 30.0, 'B'), (3, TIMESTAMP '2026-01-06 10:00', -4.0, 'A'), "
        "(4, TIMESTAMP '2026-01-07 10:00', NULL, 'A')) t(Id, Fecha, Espera, Segmento)) "
        f"TO '{folder / 'calls.parquet'}' (FORMAT parquet)"
    )
    write(
        folder / "t.metrics.yaml",
        MAPPING.replace("- name: calls", '- name: calls\n    files: ["*.parquet"]'),
    )
    doc = measure_json(folder)
    source = doc["sources"][0]
    assert source["rows_used"] == 2
    assert source["set_aside"] == {"missing-start": 1, "negative-wait": 1}
    assert doc["channels"]["phone"]["values"]["wait_avg_s"] == 10


def test_only_the_mapped_columns_of_a_csv_are_copied(tmp_path: Path) -> None:
    # An export's other columns (a name, free text) never enter DuckDB; with nothing mapped
    # (--suggest-map) or a mapped column missing, every column does.
    import duckdb

    from omniready.metrics.mapping import Source
    from omniready.metrics.sources import load

    path = write(tmp_path / "calls.csv", "Id,Name,Fecha,Notes\n1,Ana,2026-01-05 09:00,hola\n")
    con = duckdb.connect()

    def columns(index: int, source: Source) -> list[str]:
        loaded = load(con, index, source, [path], tmp_path)
        return [c for c in loaded.types if not c.startswith("__")]

    mapped = Source.model_validate(
        {"name": "calls", "channel": "phone", "columns": {"contact_id": "Id", "start": "Fecha"}}
    )
    assert columns(0, mapped) == ["Id", "Fecha"]
    assert columns(1, Source(name="calls")) == ["Id", "Name", "Fecha", "Notes"]
    missing = Source.model_validate(
        {"name": "calls", "channel": "phone", "columns": {"contact_id": "Id", "start": "Day"}}
    )
    assert columns(2, missing) == ["Id", "Name", "Fecha", "Notes"]
