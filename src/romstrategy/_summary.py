"""A short plain-text summary of a strategy (*samenvatting*)."""

from __future__ import annotations

from romstrategy._money import Money
from romstrategy._strategy import Strategy

__all__ = ["summary"]


def summary(strategy: Strategy) -> str:
    """Return a few lines that say what the strategy holds and where its money stands."""
    allocated: dict[str, int] = {}
    for allocation in strategy.allocations:
        allocated[allocation.source] = (
            allocated.get(allocation.source, 0) + allocation.amount.cents
        )
    lines = [
        f"{strategy.title} ({strategy.id})",
        f"period {strategy.period}, status {strategy.status.value}",
        f"{len(strategy.roms)} ROMs, {len(strategy.provinces)} provinces, "
        f"{len(strategy.principals)} principals",
        "pillars: " + ", ".join(f"{p.code} {p.title_nl}" for p in strategy.pillars),
        f"{len(strategy.activities)} activities, {len(strategy.allocations)} allocations",
    ]
    for source in strategy.funding_sources:
        spent = Money.from_cents(allocated.get(source.id, 0))
        lines.append(
            f"funding {source.id}: {source.amount} {source.kind.value}, "
            f"allocated {spent}, unallocated {source.amount - spent}"
        )
    for motion in strategy.motions:
        settled = " (settled by this strategy)" if motion.id in strategy.settles else ""
        lines.append(f"{motion.kind.value} {motion.title}: {motion.status.value}{settled}")
    return "\n".join(lines)
