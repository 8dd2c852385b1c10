"""Rules about coverage: every province is served by a ROM (*dekking*).

RS401.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from romstrategy._model._parties import Province
from romstrategy._model._strategy import Strategy
from romstrategy._rules._findings import Severity, Violation
from romstrategy._rules._index import unique_by
from romstrategy._rules._rule import rule
from romstrategy._rules._text import path

__all__ = ["province_without_rom"]


def _a_province_no_rom_serves(strategy: Strategy) -> Strategy:
    """The strategy covers a province, NL-XX, that no ROM lists."""
    nowhere = Province(code="NL-XX", name="Nowhere")
    return attrs.evolve(strategy, provinces=(*strategy.provinces, nowhere))


def _a_province_the_first_rom_serves(strategy: Strategy) -> Strategy:
    """The first ROM lists NL-XX too; one ROM may serve several provinces."""
    first = strategy.roms[0]
    serving = attrs.evolve(first, provinces=(*first.provinces, "NL-XX"))
    changed = _a_province_no_rom_serves(strategy)
    return attrs.evolve(changed, roms=(serving, *strategy.roms[1:]))


@rule(
    "RS401",
    Severity.ERROR,
    title="A province is served by no ROM",
    title_nl="Een provincie wordt door geen enkele ROM bediend",
    breaks=_a_province_no_rom_serves,
    keeps=_a_province_the_first_rom_serves,
)
def province_without_rom(strategy: Strategy) -> Iterator[Violation]:
    """Each province of the strategy is served by at least one ROM.

    Several ROMs may serve one province: 't Gooi, in Noord-Holland, is served
    from Utrecht. The path is `provinces[code]`; the subject the province's
    code.
    """
    served = {code for rom in strategy.roms for code in rom.provinces}
    provinces = unique_by(strategy.provinces, lambda p: p.code)
    for code in sorted({p.code for p in strategy.provinces} - served):
        province = provinces.get(code)
        name = f"{code} ({province.name})" if province is not None and province.name else code
        yield Violation(
            message=f"Province {name} is served by no ROM.",
            message_nl=f"Provincie {name} wordt door geen enkele ROM bediend.",
            path=path("provinces", code),
            subjects=(code,),
        )
