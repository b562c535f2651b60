"""Audio prompts (WAV, FLAC, MP3, OGG) through soundfile (libsndfile); loudness by pyloudnorm
(ITU-R BS.1770 integrated loudness), peaks, clipped samples and silence at both ends."""

from __future__ import annotations

import io
import math
from pathlib import Path

from omniready.brand.errors import Unreadable
from omniready.brand.model import AudioStats
from omniready.brand.readers import Parts
from omniready.texts import Message

SILENCE_DBFS = -50.0  # below this a sample counts as silence at the ends
CLIP_LEVEL = 0.999  # a sample at or above this share of full scale is clipped
MIN_GATED_S = 0.4  # BS.1770 gates 400 ms blocks: a shorter prompt has no integrated loudness


def measure(samples: object, rate: int) -> AudioStats:
    """Loudness, peak, clipping and silences of samples (frames × channels, floats in -1..1)."""
    import numpy as np

    data = np.asarray(samples, dtype=np.float64)
    if data.ndim == 1:
        data = data[:, None]
    frames = data.shape[0]
    if frames == 0:
        raise Unreadable(Message("brand.unreadable.no-audio"))
    level = np.abs(data).max(axis=1)
    peak = float(level.max())
    loud = np.flatnonzero(level > 10 ** (SILENCE_DBFS / 20))
    lead = (loud[0] if loud.size else frames) / rate
    tail = (frames - 1 - loud[-1] if loud.size else frames) / rate
    lufs: float | None = None
    if frames / rate >= MIN_GATED_S:
        import pyloudnorm

        value = float(pyloudnorm.Meter(rate).integrated_loudness(data))
        lufs = round(value, 1) if math.isfinite(value) else None
    return AudioStats(
        duration_s=round(frames / rate, 3),
        sample_rate=rate,
        lufs=lufs,
        peak_dbfs=round(20 * math.log10(peak), 1) if peak > 0 else -120.0,
        clipped_samples=int((level >= CLIP_LEVEL).sum()),
        lead_silence_s=round(float(lead), 3),
        tail_silence_s=round(float(tail), 3),
    )


def read(path: Path, data: bytes, shown: str) -> Parts:
    """An audio file libsndfile decodes."""
    import soundfile

    try:
        samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        raise Unreadable(Message("brand.unreadable.audio", {"why": str(exc)})) from None
    return Parts(audio=measure(samples, int(rate)))
