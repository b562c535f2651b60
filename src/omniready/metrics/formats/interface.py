"""What every output format of `omniready metrics` is: one method from a measurement to text."""

from __future__ import annotations

from abc import ABC, abstractmethod

from omniready.metrics.model import Measurement


class MetricsFormat(ABC):
    """An output format."""

    @abstractmethod
    def format(self, measurement: Measurement, lang: str) -> str:
        """The whole output as text, ending in a newline."""
