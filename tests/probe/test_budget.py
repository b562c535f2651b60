"""The parse budget: weighted, first come first served, one parse always allowed, and a
cancelled wait gives nothing away."""

from __future__ import annotations

import asyncio

from omniready.probe.budget import ParseBudget


def test_parses_wait_until_their_cost_fits() -> None:
    async def scenario() -> list[str]:
        budget, order = ParseBudget(100), []

        async def parse(name: str, cost: int, seconds: float) -> None:
            await budget.acquire(cost)
            order.append(f"{name}+")
            await asyncio.sleep(seconds)
            order.append(f"{name}-")
            budget.release(cost)

        await asyncio.gather(
            parse("a", 60, 0.05),
            parse("huge", 500, 0.01),  # over the whole budget: runs alone
            parse("b", 30, 0.01),  # would fit beside a, but waits its turn (first come)
        )
        assert (budget.used, budget.running) == (0, 0)
        return order

    assert asyncio.run(scenario()) == ["a+", "a-", "huge+", "huge-", "b+", "b-"]


def test_a_cancelled_wait_leaves_the_budget_as_it_was() -> None:
    async def scenario() -> None:
        budget = ParseBudget(100)
        await budget.acquire(80)
        waiting = asyncio.ensure_future(budget.acquire(50))
        await asyncio.sleep(0)
        waiting.cancel()
        await asyncio.gather(waiting, return_exceptions=True)
        budget.release(80)
        await asyncio.wait_for(budget.acquire(100), 1)
        assert (budget.used, budget.running) == (100, 1)

    asyncio.run(scenario())
