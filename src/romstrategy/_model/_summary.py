"""A short plain-text summary of a strategy and its budget balance (*samenvatting*)."""

from __future__ import annotations

from romstrategy._model._budget import Balance, balances
from romstrategy._model._display import visible
from romstrategy._model._kinds import argument
from romstrategy._model._strategy import Strategy
from romstrategy._model._vocabulary import Lang, check_lang, money, period, sentence, word

__all__ = ["Balance", "budget_balance", "summary"]


def budget_balance(strategy: Strategy) -> tuple[Balance, ...]:
    """The balance of each funding source, in the strategy's order."""
    argument(strategy, Strategy, "budget_balance")
    return balances(strategy.funding_sources, strategy.allocations)


def summary(strategy: Strategy, lang: Lang = "en") -> str:
    r"""Return a few lines that say what the strategy holds and where its money stands.

    `lang` is `"en"` (the default) or `"nl"`. Control characters in the
    strategy's text are shown as escapes such as `\x1b`, so that printing the
    summary cannot change a terminal.

    Raises:
        TypeError: for anything but a strategy.
        ValueError: for a language other than `"en"` or `"nl"`.
    """
    argument(strategy, Strategy, "summary")
    check_lang(lang, "summary")
    lines = [
        f"{strategy.title} ({strategy.id})",
        sentence("period", lang).format(
            period=period(strategy.period, lang), status=word(strategy.status, lang)
        ),
        sentence("parties", lang).format(
            roms=len(strategy.roms),
            provinces=len(strategy.provinces),
            principals=len(strategy.principals),
        ),
        sentence("pillars", lang).format(
            pillars=", ".join(f"{p.code} {p.title_nl}" for p in strategy.pillars)
        ),
        sentence("work", lang).format(
            activities=len(strategy.activities), allocations=len(strategy.allocations)
        ),
    ]
    kinds = {source.id: source.kind for source in strategy.funding_sources}
    lines += [
        sentence("funding", lang).format(
            source=b.source,
            amount=money(b.amount, lang),
            kind=word(kinds[b.source], lang),
            allocated=money(b.allocated, lang),
            unallocated=money(b.unallocated, lang),
        )
        for b in budget_balance(strategy)
    ]
    for motion in strategy.motions:
        settled = sentence("settled", lang) if motion.id in strategy.settles else ""
        kind, status = word(motion.kind, lang), word(motion.status, lang)
        lines.append(
            sentence("motion", lang).format(
                kind=kind, title=motion.title, status=status, settled=settled
            )
        )
    return "\n".join(map(visible, lines))  # for terminals: control characters escaped
