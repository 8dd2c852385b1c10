"""The cabinet's appraisal of a motion or amendment (*kabinetsappreciatie*)."""

from __future__ import annotations

import enum

__all__ = ["Appraisal"]


class Appraisal(enum.Enum):
    """The cabinet's appraisal of a motion or amendment (*kabinetsappreciatie*).

    Each value is the Tweede Kamer's own text, e.g. `"Ontraden"` (discouraged) or
    `"Oordeel Kamer"` (left to the house). A `Motion` keeps an appraisal the
    library does not know as its text.
    """

    NOT_AVAILABLE_BEFORE_APRIL_2019 = (
        "Niet beschikbaar bij moties en/of amendementen vóór 1 april 2019"
    )
    DISCOURAGED = "Ontraden"
    LEFT_TO_THE_HOUSE = "Oordeel Kamer"
    NOT_AVAILABLE_WHEN_AMENDED = "Niet beschikbaar bij gewijzigde moties en/of amendementen"
    NOT_YET_KNOWN = "Nog niet bekend"
    ASKED_TO_HOLD = "Verzocht motie aan te houden"
    NO_EXPLICIT_APPRAISAL = "Geen (expliciete) appreciatie"
    PREMATURE = "Ontijdig"
    DISCOURAGED_UNLESS_AMENDED = "Ontraden, tenzij gewijzigd"
    SUPERFLUOUS = "Overbodig"
    TAKEN_OVER = "Overgenomen"
    TO_BE_RECEIVED = "Nog te ontvangen"
