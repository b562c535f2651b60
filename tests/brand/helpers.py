"""Fixture materials the tests build: real files in tmp_path, audio generated with numpy."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from omniready.brand.channels import Mapping
from omniready.brand.checks import Facts, run_check
from omniready.brand.scan import gather


def tone(
    path: Path,
    *,
    seconds: float = 1.0,
    amplitude: float = 0.1,
    lead: float = 0.0,
    rate: int = 16000,
) -> Path:
    """A 440 Hz sine prompt written as WAV (or FLAC by suffix), with `lead` seconds of silence."""
    import soundfile

    t = np.arange(int(seconds * rate)) / rate
    samples = amplitude * np.sin(2 * np.pi * 440 * t)
    samples = np.concatenate([np.zeros(int(lead * rate)), samples])
    path.parent.mkdir(parents=True, exist_ok=True)
    soundfile.write(path, samples, rate)
    return path


def docx_file(path: Path, paragraphs: list[str]) -> Path:
    """A Word document with one paragraph per text."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def logo_png(path: Path, *, variant: int = 0) -> Path:
    """A 64×64 logo: a dark square with a light bar; variant 1 is a different mark."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (64, 64), (10, 61, 98))
    draw = ImageDraw.Draw(image)
    if variant == 0:
        draw.rectangle((8, 24, 56, 40), fill=(250, 200, 0))
    else:
        draw.ellipse((4, 4, 30, 60), fill=(255, 255, 255))
        draw.rectangle((40, 0, 64, 20), fill=(200, 0, 0))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def template(name: str, body: str, *, language: str = "es", footer: str | None = None) -> dict:
    components: list[dict] = [{"type": "BODY", "text": body}]
    if footer:
        components.append({"type": "FOOTER", "text": footer})
    return {"name": name, "language": language, "category": "MARKETING", "components": components}


def templates(path: Path, *items: dict) -> Path:
    return write(path, json.dumps({"data": list(items)}, ensure_ascii=False, indent=2))


def run(root: Path, check: str, facts: Facts | None = None):
    """Read a folder and run one check on it."""
    gathered = gather([root], Mapping())
    assert not gathered.set_aside, gathered.set_aside
    return run_check(check, gathered.materials, facts or Facts())


def folder(tmp_path: Path, texts: dict[str, str]) -> Path:
    """A materials folder `m` with each text at its relative path (its folder is the channel)."""
    root = tmp_path / "m"
    for rel, text in texts.items():
        write(root / rel, text)
    return root


def codes(outcome) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.code, f.channels) for f in outcome.findings]
