"""A short plain-text summary of a strategy and its budget balance (*samenvatting*)."""

from __future__ import annotations

from romstrategy._model._budget import Balance, balances
from romstrategy._model._display import visible
from romstrategy._model._kinds import argument
from romstrategy._model._strategy import Strategy
from romstrategy._model._vocabulary import Lang, check_lang, euros, period, word

__all__ = ["Balance", "budget_balance", "summary"]


def budget_balance(strategy: Strategy) -> tuple[Balance, ...]:
    """The balance of each funding source, in the strategy's order."""
    argument(strategy, Strategy, "budget_balance")
    return balances(strategy.funding_sources, strategy.allocations)


_SENTENCES: dict[str, tuple[str, str]] = {
    "period": ("period {period}, status {status}", "periode {period}, status {status}"),
    "parties": (
        "{roms} ROMs, {provinces} provinces, {principals} principals",
        "{roms} ROM's, {provinces} provincies, {principals} opdrachtgevers",
    ),
    "pillars": ("pillars: {pillars}", "pijlers: {pillars}"),
    "work": (
        "{activities} activities, {allocations} allocations",
        "{activities} activiteiten, {allocations} toewijzingen",
    ),
    "funding": (
        "funding {source}: {amount} {kind}, allocated {allocated}, unallocated {unallocated}",
        "financiering {source}: {amount} {kind}, toegewezen {allocated}, "
        "niet toegewezen {unallocated}",
    ),
    "motion": ("{kind} {title}: {status}{settled}", "{kind} {title}: {status}{settled}"),
    "settled": (" (settled by this strategy)", " (afgedaan met deze strategie)"),
}
"""The summary's sentences in English and Dutch; the words inside come from the vocabulary."""


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
    say = {key: pair[0] if lang == "en" else pair[1] for key, pair in _SENTENCES.items()}
    lines = [
        f"{strategy.title} ({strategy.id})",
        say["period"].format(
            period=period(strategy.period, lang), status=word(strategy.status, lang)
        ),
        say["parties"].format(
            roms=len(strategy.roms),
            provinces=len(strategy.provinces),
            principals=len(strategy.principals),
        ),
        say["pillars"].format(
            pillars=", ".join(f"{p.code} {p.title_nl}" for p in strategy.pillars)
        ),
        say["work"].format(
            activities=len(strategy.activities), allocations=len(strategy.allocations)
        ),
    ]
    kinds = {source.id: source.kind for source in strategy.funding_sources}
    lines += [
        say["funding"].format(
            source=b.source,
            amount=euros(b.amount, lang),
            kind=word(kinds[b.source], lang),
            allocated=euros(b.allocated, lang),
            unallocated=euros(b.unallocated, lang),
        )
        for b in budget_balance(strategy)
    ]
    for motion in strategy.motions:
        settled = say["settled"] if motion.id in strategy.settles else ""
        kind, status = word(motion.kind, lang), word(motion.status, lang)
        lines.append(
            say["motion"].format(kind=kind, title=motion.title, status=status, settled=settled)
        )
    return "\n".join(map(visible, lines))  # for terminals: control characters escaped
