"""The commented starter document that `romstrategy init` writes."""

from __future__ import annotations

__all__ = ["STARTER_TOML"]

STARTER_TOML = """\
# A starter strategy document for romstrategy (schema version 2).
# Check it with:  romstrategy check THIS_FILE
# Every amount is a string of euros with at most two decimals, never a float.
# Every date is YYYY-MM-DD. Replace the example values with your own.

schema_version = 2
id = "my-plan"
title = "My supra-regional plan"
# "draft" (concept) or "final" (definitief). A draft may leave money unallocated.
status = "draft"
# The motions this strategy settles (afdoet), by id; see [[motions]].
settles = []

[period]
start = "2024-01-01"
end = "2027-12-31"

# Who commissions the work (opdrachtgevers): a ministry or provinces.
[[principals]]
id = "EZK"
name = "Ministerie van Economische Zaken en Klimaat"
kind = "ministry"

[[principals]]
id = "NL-GR"
name = "Provincie Groningen"
kind = "province"

# The provinces covered. Every province must be served by at least one ROM.
[[provinces]]
code = "NL-GR"
name = "Groningen"

# The ROMs that carry the work out (uitvoerders).
[[roms]]
code = "NOM"
name = "Noordelijke Ontwikkelingsmaatschappij"
provinces = ["NL-GR"]

[[roms]]
code = "OOST"
name = "Oost NL"
provinces = []

# The pillars (pijlers) of the letter.
[[pillars]]
code = "I"
title_nl = "Betere verbinding tussen Rijk & regio"
title_en = "A better link between national government and the regions"
description = "Coordinate projects in which national policy is carried out regionally."

[[pillars]]
code = "II"
title_nl = "Versterken van de basis"
title_en = "Strengthening the base"
description = "The knowledge and competencies of the ROMs as a whole."

[[pillars]]
code = "III"
title_nl = "Thematische inzet op relevante transities en maatschappelijke uitdagingen"
title_en = "Thematic work on relevant transitions and societal challenges"
description = "Transitions and societal challenges that cross regional borders."

# Money available: "incidental" (one-off) or "structural". Example amount only.
[[funding_sources]]
id = "example-funds"
name = "Example one-off funds"
amount = "100000.00"
kind = "incidental"

# Work by the ROMs: "regional" (one ROM) or "supra-regional" (several, with a lead).
# A supra-regional activity lists the regional activities it complements (aanvult).
[[activities]]
id = "act-1"
title = "Example regional activity"
scope = "regional"
pillar = "III"
roms = ["NOM"]
lead = "NOM"
theme = "energy transition"
service = "ecosystem-development"
period = { start = "2024-01-01", end = "2025-12-31" }

[[activities]]
id = "act-2"
title = "Example joint activity"
scope = "supra-regional"
pillar = "III"
roms = ["NOM", "OOST"]
lead = "NOM"
theme = "energy transition"
service = "ecosystem-development"
period = { start = "2024-01-01", end = "2025-12-31" }
complements = ["act-1"]

# Money from a funding source to a pillar or an activity (toewijzing).
# This draft allocates EUR 40,000 of 100,000, so `check` warns (RS102).
[[allocations]]
id = "al-1"
source = "example-funds"
amount = "40000.00"
pillar = "III"
activity = "act-2"
period = { start = "2024-01-01", end = "2024-12-31" }
# Its schedule (kasritme): the money per calendar year, adding up to the amount (RS106).
# Leave it out when nobody planned the years; money is never spread by days.
schedule = [{ year = 2024, amount = "40000.00" }]
"""
