"""What `omniready probe` writes into a tool's `probe:` block (owned by the probe package)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class ProbeRecord(BaseModel):
    """Saved evidence of one probe run; kept open so newer probe fields survive older readers."""

    model_config = ConfigDict(extra="allow")

    probed_at: str | None = None
    status: str | None = None
    error: str | None = None
    api: dict[str, Any] | None = None
    webhooks: dict[str, Any] | None = None
