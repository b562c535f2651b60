"""Text encodings and delimiters of exported CSV files, and their conversion to plain UTF-8."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

from omniready.errors import InputError
from omniready.texts import Message

_CHUNK = 1 << 20
DELIMITERS = ",;\t|"


def detect_encoding(path: Path) -> str:
    """utf-8-sig, utf-16 (by its BOM), utf-8, or cp1252 (Windows Excel) when not UTF-8."""
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; a file with them is latin-1.
            handle.seek(0)
            try:
                codecs.decode(handle.read(), "cp1252")
            except UnicodeDecodeError:
                return "latin-1"
            return "cp1252"
    return "utf-8"


def as_utf8(path: Path, encoding: str, folder: Path) -> Path:
    """`path` itself when it is plain UTF-8, else a UTF-8 copy in `folder` (same lines)."""
    if encoding == "utf-8":
        return path
    target = folder / f"{len(list(folder.iterdir()))}-{path.name}"
    try:
        with (
            open(path, encoding=encoding, newline="") as src,
            open(target, "w", encoding="utf-8", newline="") as dst,
        ):
            while chunk := src.read(_CHUNK):
                dst.write(chunk)
    except UnicodeDecodeError as exc:
        raise InputError.at(
            path, Message("metrics.errors.not-encoding", {"encoding": encoding, "byte": exc.start})
        ) from None
    return target


def header_and_delimiter(path: Path, delimiter: str | None) -> tuple[list[str], str]:
    """The header row and the delimiter (given, by extension for .tsv, or sniffed)."""
    with open(path, encoding="utf-8", newline="") as handle:
        sample = handle.read(1 << 16)
    if not sample.strip():
        raise InputError.at(path, Message("metrics.errors.empty-file"), 1)
    if delimiter is None:
        if path.suffix.lower() in {".tsv", ".tab"}:
            delimiter = "\t"
        else:
            first = sample.splitlines()[0]
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
            except csv.Error:
                delimiter = max(DELIMITERS, key=first.count)
            # The header decides between candidates: Spanish "1,5;2,0" sniffs as ",".
            counts = {d: first.count(d) for d in DELIMITERS}
            if counts.get(delimiter, 0) == 0 or max(counts.values()) > counts[delimiter] * 2:
                delimiter = max(counts, key=lambda d: counts[d])
    header = next(csv.reader([sample.splitlines()[0]], delimiter=delimiter), [])
    return header, delimiter
