"""Which channel a material belongs to: a mapping file's patterns first, else its folder name."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from omniready.brand.errors import BrandError
from omniready.texts import Message

# Folder names the consultants use that are not in the channel vocabulary; kept as is.
EXTRA = ("ivr", "social", "chatbot")


@dataclass(frozen=True)
class Mapping:
    """Glob patterns (on paths relative to the scanned folder) → channel, first match wins."""

    rules: tuple[tuple[str, str], ...] = ()

    def channel(self, relative: PurePosixPath, folder: Path) -> str:
        """The channel of a file at `relative` inside `folder`."""
        from omniready.channels import canonical

        text = relative.as_posix()
        for pattern, channel in self.rules:
            if fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(text, f"{pattern}/*"):
                return channel
        name = relative.parts[0] if len(relative.parts) > 1 else folder.resolve().name
        return name.lower() if name.lower() in EXTRA else canonical(name)


def load_mapping(path: Path | None) -> Mapping:
    """Read a mapping file: YAML `pattern: channel` lines (`ventas/*.txt: sms`)."""
    if path is None:
        return Mapping()
    from omniready.audit import yamlio
    from omniready.channels import canonical

    text = yamlio.read_text(path)
    raw = yamlio.parse(text, path)
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in raw.items()
    ):
        raise BrandError(Message("brand.errors.bad-mapping", {"path": path}))
    return Mapping(tuple((k.strip("/"), canonical(v)) for k, v in raw.items()))
