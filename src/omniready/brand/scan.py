"""Walk the material folders, read each file with its reader, and keep what could not be read."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from omniready import numbers
from omniready.brand.channels import Mapping
from omniready.brand.errors import BrandError, Unreadable
from omniready.brand.model import Material, SetAside
from omniready.brand.readers import kind_of, reader_for
from omniready.brand.text import language
from omniready.texts import Message, run_lang

EXTRA_HINT = "pip install 'omniready[brand]'"
MAX_FILE = 50_000_000  # bytes; a material larger than this is set aside, not read into memory


@dataclass(frozen=True)
class Gathered:
    """Every material read, the files set aside (with why) and how many files were not materials."""

    materials: tuple[Material, ...]
    set_aside: tuple[SetAside, ...]
    ignored: int


def files_of(folders: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(folder, file) for every visible file under each folder, in a stable order."""
    found: list[tuple[Path, Path]] = []
    for folder in folders:
        if not folder.is_dir():
            what = "no-such-folder" if not folder.exists() else "not-a-folder"
            raise BrandError(Message(f"brand.errors.{what}", {"path": folder}))
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder)
            if any(part.startswith(".") for part in relative.parts) or not path.is_file():
                continue
            found.append((folder, path))
    return found


def shown_name(folder: Path, path: Path) -> str:
    """A file's name for people: the scanned folder's own name, then the path inside it."""
    relative = path.relative_to(folder).as_posix()
    return f"{folder.resolve().name}/{relative}"


def read_one(folder: Path, path: Path, mapping: Mapping) -> Material | SetAside | None:
    """Read one file: a Material, a SetAside with the reason, or None when it is no material."""
    kind = kind_of(path)
    shown = shown_name(folder, path)
    if kind is None:
        return None
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            limit = numbers.number(MAX_FILE, run_lang(), 0)
            return SetAside(shown, Message("brand.unreadable.too-large", {"limit": limit}))
        data = path.read_bytes()
    except OSError as exc:
        why = exc.strerror or str(exc)
        return SetAside(shown, Message("brand.unreadable.os", {"why": why}))
    try:
        parts = reader_for(kind)(path, data, shown)
    except Unreadable as exc:
        return SetAside(shown, exc.message)
    except ImportError as exc:  # Word, audio and image readers need the brand extra
        params = {"hint": EXTRA_HINT, "kind": kind, "missing": exc.name}
        return SetAside(shown, Message("brand.unreadable.needs-extra", params))
    except RecursionError:
        return SetAside(shown, Message("brand.unreadable.too-deep"))
    except Exception as exc:  # noqa: BLE001 - a library's surprise on one file sets that file aside
        why = f"{type(exc).__name__}: {exc}"
        return SetAside(shown, Message("brand.unreadable.other", {"why": why}))
    return Material(
        path=shown,
        channel=mapping.channel(PurePosixPath(path.relative_to(folder).as_posix()), folder),
        kind=kind,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        units=tuple(replace(u, lang=language(u.text)) for u in parts.units),
        colours=parts.colours,
        fonts=parts.fonts,
        logos=parts.logos,
        audio=parts.audio,
    )


def gather(
    folders: Iterable[Path],
    mapping: Mapping,
    progress: Callable[[int, int], None] | None = None,
) -> Gathered:
    """Read every material under the folders; a file that cannot be read is set aside."""
    files = files_of(folders)
    materials: list[Material] = []
    set_aside: list[SetAside] = []
    ignored = 0
    for index, (folder, path) in enumerate(files, 1):
        result = read_one(folder, path, mapping)
        if result is None:
            ignored += 1
        elif isinstance(result, SetAside):
            set_aside.append(result)
        else:
            materials.append(result)
        if progress is not None:
            progress(index, len(files))
    return Gathered(tuple(materials), tuple(set_aside), ignored)
