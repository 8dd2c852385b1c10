"""One small TOML document per built-in rule that breaks it (*voorbeelden per regel*).

The rules reference page and `tests/test_docs.py` both import `EXAMPLES`, so
the page and the test cannot disagree. Each document is complete: save it as
a file and run `romstrategy check` on it. The documents are illustrative and
invented, not taken from the letter. This module needs only `romstrategy`, so
the test suite can import it without the docs extra.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

import romstrategy

__all__ = ["EXAMPLES", "RuleExample"]


def _head(code: str, status: str = '"draft"', top: str = "") -> str:
    return f"""\
# Illustrative: invented to break {code}; not from the letter.
schema_version = 1
id = "breaks-{code}"
title = "A strategy that breaks {code}"
status = {status}
period = {{ start = "2024-01-01", end = "2027-12-31" }}
{top}"""


_I = '{ code = "I", title_nl = "Rijk & regio", title_en = "Rijk and regions", description = "" }'
_III = '{ code = "III", title_nl = "Transities", title_en = "Transitions", description = "" }'
_PILLAR_I = f"pillars = [{_I}]\n"
_PILLAR_III = f"pillars = [{_III}]\n"

_FUND = """
[[funding_sources]]
id = "fund"
name = "Fund"
amount = "100.00"
kind = "incidental"
"""

_YEAR = 'period = { start = "2024-01-01", end = "2024-12-31" }'


def _allocation(name: str, amount: str, extra: str = "", *, note: str = "", on: str = "") -> str:
    lines = {"id": f'id = "{name}"', "amount": f'amount = "{amount}"'}
    if note:
        lines[on] += f"  # {note}"
    return f"""
[[allocations]]
{lines["id"]}
source = "fund"
{lines["amount"]}
pillar = "I"
{_YEAR}
{extra}"""


def _roms(*codes: str) -> str:
    return "roms = [" + ", ".join(f'{{ code = "{c}", name = "{c}" }}' for c in codes) + "]\n"


def _supra(name: str, roms: str, extra: str = "") -> str:
    return f"""
[[activities]]
id = "{name}"
title = "Energy transition together"
scope = "supra-regional"
pillar = "III"
roms = [{roms}]
lead = "NOM"
theme = "Energy transition"
service = "ecosystem-development"
{_YEAR}
{extra}"""


def _regional(name: str, rom: str, theme: str = "energy  transition") -> str:
    return f"""
[[activities]]
id = "{name}"
title = "Energy transition at home"
scope = "regional"
pillar = "III"
roms = ["{rom}"]
lead = "{rom}"
theme = "{theme}"
service = "ecosystem-development"
{_YEAR}
"""


def _motion(history: str) -> str:
    return f"""
[[motions]]
id = "m-1"
kind = "motion"
title = "Motie Voorbeeld"
submitter = "Voorbeeld"
submitted_on = "2023-07-06"
request = "An invented request."
history = [
{history}
]
"""


@attrs.frozen
class RuleExample:
    """A document that breaks one rule, and where its finding points.

    Attributes:
        code: the rule it breaks, e.g. `"RS101"`.
        toml: a complete TOML strategy document; a `# breaks` comment marks
            the line that breaks the rule.
        path: the path of the finding that `validate` gives.
    """

    code: str
    toml: str
    path: str

    def report(self) -> romstrategy.Report:
        """What `romstrategy.validate` finds in the document."""
        return romstrategy.validate(romstrategy.loads(self.toml, "toml"))


_ALL = (
    RuleExample(
        "RS001",
        _head("RS001", top=_PILLAR_I)
        + """
[[allocations]]
id = "al-1"
source = "fund-x"  # breaks RS001: the strategy has no funding source fund-x
amount = "100.00"
pillar = "I"
"""
        + _YEAR
        + "\n",
        "allocations[al-1].source",
    ),
    RuleExample(
        "RS002",
        _head("RS002", top=_PILLAR_I)
        + _FUND
        + _allocation("al-1", "60.00")
        + _allocation("al-1", "40.00", note="breaks RS002: a second al-1", on="id"),
        "allocations[al-1]",
    ),
    RuleExample(
        "RS101",
        _head("RS101", top=_PILLAR_I)
        + _FUND
        + _allocation("al-1", "60.00")
        + _allocation("al-2", "40.01", note="breaks RS101: 60.00 + 40.01 > 100.00", on="amount"),
        "funding_sources[fund].amount",
    ),
    RuleExample(
        "RS102",
        _head("RS102", '"final"  # breaks RS102: final, yet EUR 0.01 is not allocated', _PILLAR_I)
        + _FUND
        + _allocation("al-1", "99.99"),
        "funding_sources[fund].amount",
    ),
    RuleExample(
        "RS103",
        _head("RS103", top=_PILLAR_I)
        + _FUND
        + _allocation("al-1", "100.00").replace(
            _YEAR,
            'period = { start = "2023-07-01", end = "2024-06-30" }'
            "  # breaks RS103: starts before 2024",
        ),
        "allocations[al-1].period",
    ),
    RuleExample(
        "RS104",
        _head("RS104", top=f"pillars = [\n    {_I},\n    {_III},\n]\n" + _roms("NOM", "OOST"))
        + _FUND
        + _supra("act-1", '"NOM", "OOST"')
        + _allocation(
            "al-1", "100.00", 'activity = "act-1"  # breaks RS104: act-1 is pillar III\n'
        ),
        "allocations[al-1].pillar",
    ),
    RuleExample(
        "RS105",
        _head("RS105", top=_PILLAR_I)
        + _FUND
        + _allocation("al-1", "150.00")
        + _allocation(
            "al-2", "-50.00", note="breaks RS105: negative, hides the excess", on="amount"
        ),
        "allocations[al-2].amount",
    ),
    RuleExample(
        "RS201",
        _head("RS201", top=_PILLAR_III + _roms("NOM"))
        + _supra("act-1", '"NOM", "NOM"', "# breaks RS201: only one distinct ROM, NOM\n"),
        "activities[act-1].roms",
    ),
    RuleExample(
        "RS202",
        _head("RS202", top=_PILLAR_III + _roms("NOM", "OOST", "BOM"))
        + _supra("act-1", '"NOM", "OOST"').replace(
            'lead = "NOM"', 'lead = "BOM"  # breaks RS202: BOM does not take part'
        ),
        "activities[act-1].lead",
    ),
    RuleExample(
        "RS203",
        _head("RS203", top=_PILLAR_III + _roms("NOM", "OOST"))
        + _supra(
            "act-s",
            '"NOM", "OOST"',
            "complements = []  # breaks RS203: overlaps NOM's act-r, does not complement it\n",
        )
        + _regional("act-r", "NOM"),
        "activities[act-s].complements",
    ),
    RuleExample(
        "RS204",
        _head("RS204", top=_PILLAR_III + _roms("NOM", "OOST", "LIOF"))
        + _supra(
            "act-s",
            '"NOM", "OOST"',
            'complements = ["act-r"]  # breaks RS204: act-r is LIOF\'s, and LIOF is no partner\n',
        )
        + _regional("act-r", "LIOF", "regional growth"),
        "activities[act-s].complements",
    ),
    RuleExample(
        "RS205",
        _head("RS205", top=_PILLAR_III + _roms("NOM", "OOST"))
        + _regional("act-r", "NOM").replace(
            'roms = ["NOM"]', 'roms = ["NOM", "OOST"]  # breaks RS205: regional work has one ROM'
        ),
        "activities[act-r].roms",
    ),
    RuleExample(
        "RS301",
        _head("RS301")
        + _motion(
            '    { status = "submitted", on = "2023-07-06" },\n'
            '    { status = "settled", document = "Kamerbrief" },  # breaks RS301: not adopted'
        ),
        "motions[m-1].history[1]",
    ),
    RuleExample(
        "RS302",
        _head("RS302", top='settles = ["m-1"]  # breaks RS302: m-1 was rejected\n')
        + _motion(
            '    { status = "submitted", on = "2023-07-06" },\n    { status = "rejected" },'
        ),
        "settles[m-1]",
    ),
    RuleExample(
        "RS303",
        _head("RS303")
        + _motion(
            '    { status = "submitted", on = "2023-07-06" },\n'
            '    { status = "adopted" },\n'
            '    { status = "settled" },  # breaks RS303: no document (vindplaats)'
        ),
        "motions[m-1].history[2].document",
    ),
    RuleExample(
        "RS401",
        _head("RS401")
        + 'roms = [{ code = "LIOF", name = "LIOF", provinces = ["NL-LI"] }]\n'
        + """
[[provinces]]
code = "NL-LI"
name = "Limburg"

[[provinces]]
code = "NL-ZE"  # breaks RS401: no ROM serves Zeeland
name = "Zeeland"
""",
        "provinces[NL-ZE]",
    ),
)

EXAMPLES: Mapping[str, RuleExample] = MappingProxyType({e.code: e for e in _ALL})
"""The example for each rule, by code; read-only."""
