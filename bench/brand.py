"""Speed of `omniready brand` on a large folder of materials, as a ratio to only reading and
decoding the same files.

Builds 5,000 mixed materials in a temporary folder (web pages with a linked stylesheet,
e-mails, WhatsApp template exports, SMS texts, CSV posts, Word scripts and 200 short audio
prompts of 1-3 s), then prints the wall time of the whole scan (read every file with its
reader, run the ten checks, render the table; no write) per file, and its ratio to the floor:
read every file's bytes and decode them (UTF-8 text, the audio samples with soundfile, the
Word document's XML out of its zip). Target: at most 3.

    python bench/brand.py [--files N] [--audio N] [--repeat R]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import soundfile

from omniready.brand.channels import Mapping
from omniready.brand.checks import Facts, run_all
from omniready.brand.choices import Format
from omniready.brand.formats import render
from omniready.brand.readers import kind_of
from omniready.brand.record import build_record
from omniready.brand.scan import gather

FORMS = [
    "Hola {n}, escríbenos si necesitas ayuda con tu pedido de Acme Retail.",
    "Estimado cliente: escríbanos si usted necesita ayuda con su pedido de ACME Retail.",
    "Hola, llamanos al +56 2 2345 6789 si tenés dudas sobre tu compra en Acme.",
    "Hi {n}, write to us at hola@acme.example if you need help with your Acme order.",
]
PROMO = (
    "Usa el código VERANO{p} y obtén {p}% de descuento hasta el 31 de enero"
    " en compras sobre $20.000."
)
FACTS = Facts(
    names=("Acme Retail", "Acme"),
    palette=(("#0a3d62", "azul"), ("#f5b700", "amarillo")),
    fonts=("Acme Sans",),
    address="tu",
    promotions=(
        {"id": "verano", "code": "VERANO20", "percent": 20.0, "channels": ["web", "email"]},
    ),
    contacts={"phones": ["+56 2 2345 6789"], "emails": [], "urls": [], "return_days": 30},
)


def text_of(i: int) -> str:
    """One message: a form of address, a promotion, arrival lines and the return period."""
    lines = [FORMS[i % len(FORMS)].format(n=i), PROMO.format(p=20 if i % 9 else 15)]
    arrival = f"Tu pedido {i} llega el {1 + i % 28} de marzo. Horario de 9:00 a 18:00 h."
    lines += [arrival] * 3
    lines.append("Tienes 30 días para cambios y devoluciones. Saludos, el equipo de Acme Retail")
    return "\n".join(lines)


PAGE = (
    '<html><head><link rel="stylesheet" href="site.css"></head><body style="color:#333333">\n'
    "<h1>Acme Retail</h1>\n{body}</body></html>\n"
)
MAIL = (
    "From: hola@acme.example\nSubject: Pedido {i}\n"
    "Content-Type: text/plain; charset=utf-8\n\n{text}\n"
)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def build(root: Path, files: int, audio: int) -> None:
    """Write the materials: `audio` prompts, the rest spread over the text kinds."""
    import docx

    write(
        root / "web" / "site.css",
        "h1{color:#0a3d62;font-family:'Acme Sans',Arial}\n.cta{background:#f5b800}\n",
    )
    rng = np.random.default_rng(7)
    rate = 16000
    (root / "ivr").mkdir(parents=True)
    for i in range(audio):
        t = np.arange(int(rate * (1 + i % 3))) / rate
        samples = (0.05 + 0.2 * rng.random()) * np.sin(2 * np.pi * 440 * t)
        soundfile.write(root / "ivr" / f"prompt{i:04d}.wav", samples, rate)
    kinds = ["html", "eml", "json", "txt", "csv"]
    for i in range(files - audio):
        # Word scripts are few in a real collection (IVR and store scripts): one in fifty.
        kind = "docx" if i % 50 == 49 else kinds[i % len(kinds)]
        text = text_of(i)
        if kind == "html":
            body = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
            write(root / "web" / f"page{i:05d}.html", PAGE.format(body=body))
        elif kind == "eml":
            write(root / "email" / f"mail{i:05d}.eml", MAIL.format(i=i, text=text))
        elif kind == "json":
            parts = [{"type": "BODY", "text": text}]
            data = {"data": [{"name": f"t{i}_{k}", "language": "es", "components": parts}
                             for k in range(3)]}  # fmt: skip
            write(root / "whatsapp" / f"templates{i:05d}.json", json.dumps(data, indent=1))
        elif kind == "txt":
            write(root / "sms" / f"sms{i:05d}.txt", text.replace("\n", "\n---\n"))
        elif kind == "csv":
            numbered = enumerate(text.splitlines(), 1)
            rows = "".join(f'2026-01-{k:02d},"{line}"\n' for k, line in numbered)
            write(root / "social" / f"posts{i:05d}.csv", "fecha,texto\n" + rows)
        else:
            document = docx.Document()
            for line in text.splitlines():
                document.add_paragraph(line)
            (root / "store").mkdir(exist_ok=True)
            document.save(str(root / "store" / f"guion{i:05d}.docx"))


def each_material(root: Path) -> Iterator[tuple[str, bytes]]:
    """(kind, bytes) of every material under root, in the scan's order."""
    for path in sorted(root.rglob("*")):
        kind = kind_of(path)
        if kind is not None and path.is_file():
            yield kind, path.read_bytes()


def floor(root: Path) -> int:
    """Read and decode every material as plainly as possible: the least a scan must do."""
    count = 0
    for kind, data in each_material(root):
        if kind == "audio":
            soundfile.read(io.BytesIO(data), dtype="float32")
        elif kind == "docx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                archive.read("word/document.xml").decode("utf-8")
        else:
            data.decode("utf-8")
        count += 1
    return count


def parse_floor(root: Path) -> int:
    """Read every material and parse it with the libraries the readers use, nothing more:
    html.parser, the email package, json, csv, python-docx, soundfile."""
    import csv
    import email
    import email.policy
    from html.parser import HTMLParser

    import docx

    count = 0
    for kind, data in each_material(root):
        if kind == "audio":
            soundfile.read(io.BytesIO(data), dtype="float32")
        elif kind == "docx":
            docx.Document(io.BytesIO(data))
        elif kind == "html":
            HTMLParser().feed(data.decode("utf-8"))
        elif kind == "email":
            message = email.message_from_bytes(data, policy=email.policy.default)
            message.get_body().get_content()  # type: ignore[attr-defined,union-attr]
        elif kind == "whatsapp":
            json.loads(data)
        elif kind == "csv":
            list(csv.reader(io.StringIO(data.decode("utf-8"))))
        else:
            data.decode("utf-8")
        count += 1
    return count


def scan(root: Path) -> int:
    """The whole scan without the write: read with each reader, run the checks, render.
    The word caches start empty, as in a fresh `omniready brand` process."""
    import datetime as dt

    from omniready.brand.checks import address
    from omniready.brand.text import plain_word, syllables

    for cached in (plain_word, syllables, address._word_forms):
        cached.cache_clear()

    gathered = gather([root], Mapping())
    outcomes = run_all(gathered.materials, FACTS)
    record = build_record(gathered, outcomes, [root], dt.datetime(2026, 1, 1), "bench")
    render(record, Format.table, "es")
    return len(gathered.materials)


def timed(fn: Callable[[Path], int], root: Path, repeat: int) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = fn(root)
        times.append(time.perf_counter() - start)
    return statistics.median(times), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--audio", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "materiales"
        build(root, args.files, args.audio)
        scan(root)  # warm: imports, pyloudnorm's filters, the syllable caches stay as in a real run
        floor(root)
        floor_s, n_floor = timed(floor, root, args.repeat)
        parse_s, _ = timed(parse_floor, root, args.repeat)
        scan_s, n_scan = timed(scan, root, args.repeat)
    per = 1000 / n_floor
    print(f"materials: {n_scan} read by the scan, {n_floor} by the floors ({args.audio} audio)")
    print(f"floor, read + decode bytes: {floor_s:.2f} s, {floor_s * per:.2f} ms/file")
    print(f"floor, read + parse each format: {parse_s:.2f} s, {parse_s * per:.2f} ms/file")
    print(f"scan (read, check, render): {scan_s:.2f} s, {1000 * scan_s / n_scan:.2f} ms/file")
    print(f"ratio scan / decode floor: {scan_s / floor_s:.2f} (target <= 3)")
    print(f"ratio scan / parse floor: {scan_s / parse_s:.2f}")


if __name__ == "__main__":
    main()
