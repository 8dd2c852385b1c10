"""What each of the Kamer's decisions (*besluiten*) means for a motion's history.

A `Besluit` of a motion's `Zaak` has a `BesluitSoort`, which says what was
decided, and a `Status`, which says whether it was decided at all: only a
`Besluit` whose `Status` is `Besluit` (taken) is a step; a proposal
(`Voorstel`, `Concept voorstel`) or one still to be processed is not. Of the
taken ones, a vote's outcome is a step, a vote that has no outcome yet is
counted, and procedure is ignored. "Motions from the Tweede Kamer" in the
documentation has the same table.
"""

from __future__ import annotations

import enum
from types import MappingProxyType

from romstrategy._model._motion import DecisionMethod, MotionStatus

__all__ = ["PENDING", "PROCEDURE_PREFIXES", "STEPS", "TAKEN", "Meaning", "meaning"]

TAKEN = "Besluit"
"""The `Status` of a decision that was taken; any other is not a step."""

_S, _M = MotionStatus, DecisionMethod
STEPS = MappingProxyType(
    {
        "Stemmen - aangenomen": (_S.ADOPTED, _M.BY_VOTE),
        "Stemmen - zonder stemming aannemen": (_S.ADOPTED, _M.WITHOUT_VOTE),
        "Overgenomen": (_S.ADOPTED, _M.TAKEN_OVER),
        "Stemmen - verworpen": (_S.REJECTED, _M.BY_VOTE),
        "Stemmen - niet aangenomen": (_S.REJECTED, _M.BY_VOTE),
        "Stemmen - aangehouden": (_S.HELD, None),
        "Stemmen - aangehouden (al tijdens debat)": (_S.HELD, None),
        "Stemmen - ingetrokken": (_S.WITHDRAWN, None),
        "Stemmen - ingetrokken (al tijdens debat)": (_S.WITHDRAWN, None),
        "Stemmen - vervallen": (_S.LAPSED, None),
    }
)
"""The `BesluitSoort`s that are a step: the status reached, and how it was decided."""

PENDING = frozenset(
    {"Stemmen - uitstellen", "Stemmen - gestaakt", "Stemmen", "Stemmen - vastgesteld"}
)
"""Votes with no outcome yet: postponed, tied (put again at a later sitting), or bare."""

PROCEDURE_PREFIXES = (
    "Aanhouden",
    "Aanmelden",
    "Afleggen",
    "Afvoeren",
    "Agenderen",
    "Behandel",
    "Besluiten overeenkomstig",
    "Betrekken",
    "Betrokken",
    "Controversieel",
    "In handen van",
    "Inbreng",
    "Ingediend",
    "Leveren inbreng",
    "LVIS",
    "Overlaten",
    "Stenogram",
    "Ter bespreking",
    "Ter informatie",
    "Termijn",
    "V.k.a.",
    "Verzoek",
    "Voorstel volgt",
    "Voortouw",
    "Voorzetting",
    "[Vervallen]",
    "[Vrij tekstveld",
)
"""How the procedural `BesluitSoort`s start, as one term's records have them: agenda,
committee and publication steps that say nothing of a motion's outcome."""


class Meaning(enum.Enum):
    """What a `BesluitSoort` is for a motion."""

    STEP = "step"
    PENDING = "pending"
    PROCEDURE = "procedure"
    UNKNOWN = "unknown"


def meaning(soort: str) -> Meaning:
    """Whether a stripped `soort` is a step, a vote with no outcome yet, procedure, or unknown."""
    if soort in STEPS:
        return Meaning.STEP
    if soort in PENDING:
        return Meaning.PENDING
    if soort.startswith(PROCEDURE_PREFIXES):
        return Meaning.PROCEDURE
    return Meaning.UNKNOWN
