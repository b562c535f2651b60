"""Readers: each material kind into lines with their numbers, and unreadable files set aside."""

from __future__ import annotations

import json
from pathlib import Path

from omniready.brand.channels import Mapping, load_mapping
from omniready.brand.scan import gather
from omniready.texts import render

from .helpers import docx_file, logo_png, template, templates, tone, write


def one(root: Path, mapping: Mapping | None = None):
    gathered = gather([root], mapping or Mapping())
    assert not gathered.set_aside, gathered.set_aside
    (material,) = gathered.materials
    return material


def texts(material) -> list[tuple[int, str]]:
    return [(line.number, line.text) for unit in material.units for line in unit.lines]


def test_html_visible_text_by_line_with_styles_and_linked_css(tmp_path: Path) -> None:
    root = tmp_path / "m"
    write(
        root / "web" / "site.css",
        "h1 {\n  color: #0A3D62;\n  font-family: 'Acme Sans', Arial, sans-serif;\n}\n",
    )
    write(
        root / "web" / "index.html",
        '<html><head><title>x</title><link rel="stylesheet" href="site.css">\n<script>var hidden = "Hola";</script></head>\n<body bgcolor="#ffffff">\n<h1>Hola, bienvenido</h1>\n<p style="background-color: rgb(255, 0, 0)">Ofertas &amp; más</p>\n</body></html>\n',
    )
    material = one(root)
    assert material.channel == "web" and material.kind == "html"
    assert texts(material) == [(4, "Hola, bienvenido"), (5, "Ofertas & más")]
    assert [(c.value, c.line, c.source) for c in material.colours] == [
        ("#0A3D62", 2, "m/web/site.css"),
        ("#ffffff", 3, "m/web/index.html"),
        ("rgb(255, 0, 0)", 5, "m/web/index.html"),
    ]
    assert [f.value for f in material.fonts] == ["Acme Sans"]  # Arial is a fallback


def test_html_in_a_declared_legacy_charset_is_read(tmp_path: Path) -> None:
    root = tmp_path / "m"
    (root / "web").mkdir(parents=True)
    (root / "web" / "old.html").write_bytes(
        '<meta charset="iso-8859-1"><p>Atención</p>'.encode("latin-1")
    )
    assert texts(one(root)) == [(1, "Atención")]


def test_email_plain_and_html_parts(tmp_path: Path) -> None:
    root = tmp_path / "m"
    write(
        root / "email" / "a.eml",
        "From: a@b.example\nSubject: Bienvenida\nContent-Type: text/plain; charset=utf-8\n\nHola Ana,\nGracias.\n",
    )
    assert texts(one(root)) == [(2, "Bienvenida"), (5, "Hola Ana,"), (6, "Gracias.")]
    html = tmp_path / "h"
    write(
        html / "email" / "b.eml",
        'From: a@b.example\nSubject: Oferta\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n<p style="color:#ff0000">Hola</p>\n',
    )
    material = one(html)
    assert texts(material) == [(2, "Oferta"), (6, "Hola")]
    assert [c.value for c in material.colours] == ["#ff0000"]


def test_whatsapp_templates_are_units_named_by_template(tmp_path: Path) -> None:
    root = tmp_path / "m"
    templates(
        root / "whatsapp" / "t.json",
        template("bienvenida", "Hola {{1}}"),
        template("promo", "Usa VERANO20\nhasta el domingo", footer="Acme"),
    )
    material = one(root)
    assert [u.name for u in material.units] == ["bienvenida (es)", "promo (es)"]
    promo = material.units[1]
    assert [line.text for line in promo.lines] == ["Usa VERANO20", "hasta el domingo", "Acme"]
    raw = (root / "whatsapp" / "t.json").read_text().splitlines()
    assert "VERANO20" in raw[promo.lines[0].number - 1]


def test_text_markdown_split_at_separators_and_csv_rows(tmp_path: Path) -> None:
    root = tmp_path / "m"
    write(root / "sms" / "a.md", "Hola\n\n---\nChao\n")
    material = one(root)
    assert [[(ln.number, ln.text) for ln in u.lines] for u in material.units] == [
        [(1, "Hola")],
        [(4, "Chao")],
    ]
    csv_root = tmp_path / "c"
    write(
        csv_root / "social" / "posts.csv",
        'fecha,texto\n2026-01-01,"Hola\nmundo"\n2026-01-02,Adiós\n',
    )
    material = one(csv_root)
    assert material.channel == "social"
    assert [(u.name, [(ln.number, ln.text) for ln in u.lines]) for u in material.units] == [
        ("row 1", [(2, "Hola"), (3, "mundo")]),
        ("row 2", [(4, "Adiós")]),
    ]


def test_docx_paragraphs_are_numbered(tmp_path: Path) -> None:
    root = tmp_path / "m"
    docx_file(root / "ivr" / "guion.docx", ["Bienvenido a Acme.", "", "Marque uno."])
    material = one(root)
    assert material.channel == "ivr"
    assert texts(material) == [(1, "Bienvenido a Acme."), (3, "Marque uno.")]


def test_audio_prompt_is_measured(tmp_path: Path) -> None:
    root = tmp_path / "m"
    tone(root / "ivr" / "hola.wav", seconds=1.0, amplitude=0.5, lead=0.5)
    stats = one(root).audio
    assert stats is not None
    assert stats.duration_s == 1.5
    assert -7.0 < stats.peak_dbfs < -5.0  # 0.5 of full scale is -6 dBFS
    assert stats.lufs is not None and -12 < stats.lufs < -6
    assert 0.45 < stats.lead_silence_s <= 0.5 and stats.tail_silence_s < 0.01
    assert stats.clipped_samples == 0


def test_logo_images_are_hashed_and_other_images_are_not(tmp_path: Path) -> None:
    root = tmp_path / "m"
    logo_png(root / "whatsapp" / "perfil.png")
    logo_png(root / "whatsapp" / "banner.png")
    gathered = gather([root], Mapping())
    logos = [logo for m in gathered.materials for logo in m.logos]
    assert [logo.source for logo in logos] == ["m/whatsapp/perfil.png"]
    assert len(logos[0].phash) == 16


def test_mapping_file_names_channels_by_pattern(tmp_path: Path) -> None:
    root = tmp_path / "m"
    write(root / "ventas" / "a.txt", "Hola")
    write(root / "b.txt", "Hola")
    mapping_file = write(tmp_path / "canales.yaml", "ventas: WhatsApp\nb.txt: correo\n")
    gathered = gather([root], load_mapping(mapping_file))
    assert sorted(m.channel for m in gathered.materials) == ["email", "whatsapp"]


def test_unreadable_files_are_set_aside_and_the_rest_still_read(tmp_path: Path) -> None:
    root = tmp_path / "m"
    write(root / "web" / "ok.html", "<p>Hola</p>")
    (root / "web" / "latin.html").write_bytes("<p>Atención</p>".encode("latin-1"))
    (root / "ivr").mkdir()
    (root / "ivr" / "guion.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (root / "ivr" / "roto.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk")
    write(root / "whatsapp" / "t.json", '{"data": [\n  {"name": "x",,}]}')
    write(root / "social" / "posts.csv", "fecha,autor\n1,2\n")
    write(root / "web" / "notes.pdf", "not a material kind")
    gathered = gather([root], Mapping())
    assert [m.path for m in gathered.materials] == ["m/web/ok.html"]
    # Reasons are catalogue texts, rendered in the run's language (English in tests).
    reasons = {s.path: render(s.reason) for s in gathered.set_aside}
    assert set(reasons) == {
        "m/web/latin.html",
        "m/ivr/guion.docx",
        "m/ivr/roto.wav",
        "m/whatsapp/t.json",
        "m/social/posts.csv",
    }
    assert "not UTF-8" in reasons["m/web/latin.html"]
    assert "docx" in reasons["m/ivr/guion.docx"]
    assert "audio cannot be decoded" in reasons["m/ivr/roto.wav"]
    assert reasons["m/whatsapp/t.json"].startswith("line 2 column")
    assert "no text column" in reasons["m/social/posts.csv"]
    assert gathered.ignored == 1
    assert json.dumps(reasons)  # plain strings, ready for the record
    spanish = render(
        next(s.reason for s in gathered.set_aside if s.path == "m/web/latin.html"), "es"
    )
    assert spanish.startswith("no es UTF-8")
