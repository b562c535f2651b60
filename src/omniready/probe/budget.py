"""How much memory the descriptions being parsed may take at once, across every tool of a run:
a parse waits until its estimated cost fits the budget (one parse always runs, whatever its
cost), so 32 vendors' large descriptions never parse all at once."""

from __future__ import annotations

import asyncio
from collections import deque

# A parse holds about this many times the body in memory at its peak: json.loads builds ~8x
# (the text, then the objects); the YAML outline holds less. A safe upper estimate.
PARSE_COST = 10
# Estimated bytes of parsing in flight: with the bodies waiting their turn, a run of 32 tools
# with 5 MB descriptions stays under 1 GB.
PARSE_BUDGET = 300_000_000


class ParseBudget:
    """A weighted semaphore in bytes, first come first served."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = PARSE_BUDGET if limit is None else limit
        self.used = 0
        self.running = 0
        self._waiting: deque[tuple[asyncio.Future[None], int]] = deque()

    def _fits(self, cost: int) -> bool:
        return self.running == 0 or self.used + cost <= self.limit

    async def acquire(self, cost: int) -> None:
        """Wait until `cost` bytes fit (or nothing else runs), then hold them."""
        if not self._waiting and self._fits(cost):
            self._take(cost)
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((turn, cost))
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self.release(cost)  # granted just as it was cancelled: give it back
            else:
                self._waiting.remove((turn, cost))
                self._wake()
            raise

    def _take(self, cost: int) -> None:
        self.used += cost
        self.running += 1

    def release(self, cost: int) -> None:
        """Give `cost` bytes back (from the event loop's thread) and let waiters in."""
        self.used -= cost
        self.running -= 1
        self._wake()

    def _wake(self) -> None:
        while self._waiting:
            turn, cost = self._waiting[0]
            if turn.cancelled():
                self._waiting.popleft()
                continue
            if not self._fits(cost):
                return
            self._waiting.popleft()
            self._take(cost)
            turn.set_result(None)
