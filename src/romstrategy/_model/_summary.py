"""A short plain-text summary of a strategy and its budget balance (*samenvatting*)."""

from __future__ import annotations

from romstrategy._model._budget import Balance, balances
from romstrategy._model._display import visible
from romstrategy._model._kinds import argument
from romstrategy._model._strategy import Strategy

__all__ = ["Balance", "budget_balance", "summary"]


def budget_balance(strategy: Strategy) -> tuple[Balance, ...]:
    """The balance of each funding source, in the strategy's order."""
    argument(strategy, Strategy, "budget_balance")
    return balances(strategy.funding_sources, strategy.allocations)


def summary(strategy: Strategy) -> str:
    r"""Return a few lines that say what the strategy holds and where its money stands.

    Control characters in the strategy's text are shown as escapes such as
    `\x1b`, so that printing the summary cannot change a terminal.
    """
    argument(strategy, Strategy, "summary")
    lines = [
        f"{strategy.title} ({strategy.id})",
        f"period {strategy.period}, status {strategy.status.value}",
        f"{len(strategy.roms)} ROMs, {len(strategy.provinces)} provinces, "
        f"{len(strategy.principals)} principals",
        "pillars: " + ", ".join(f"{p.code} {p.title_nl}" for p in strategy.pillars),
        f"{len(strategy.activities)} activities, {len(strategy.allocations)} allocations",
    ]
    kinds = {source.id: source.kind.value for source in strategy.funding_sources}
    lines += [
        f"funding {b.source}: {b.amount} {kinds[b.source]}, "
        f"allocated {b.allocated}, unallocated {b.unallocated}"
        for b in budget_balance(strategy)
    ]
    for motion in strategy.motions:
        settled = " (settled by this strategy)" if motion.id in strategy.settles else ""
        lines.append(f"{motion.kind.value} {motion.title}: {motion.status.value}{settled}")
    return "\n".join(map(visible, lines))  # for terminals: control characters escaped
