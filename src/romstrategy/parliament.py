"""Parliament's own records: motions from the Tweede Kamer's open data (*open data*).

`from_odata(data)` reads `Zaak` records saved from the Tweede Kamer's OData
API, with `$expand=Besluit,ZaakActor,Kamerstukdossier`, from one answer,
many, or a folder of them, into `Motion`s, and counts what it left out
(`OdataCounts`); it never touches the network. `merge(strategy, motions)` updates a strategy's
motions from them: it fills in what they lack (the *Kamerstuk*, the
co-signers) and adds the Kamer's votes, and never marks a motion settled
(*afgedaan*), which only the government does; `merge_with_notes` also says which of the
Kamer's steps it left out, and why. "Motions from the Tweede
Kamer" in the documentation gives the query to save and the mapping.
"""

from __future__ import annotations

from romstrategy._model._renamed import renamed
from romstrategy._parliament._counts import OdataCounts
from romstrategy._parliament._merge import merge, merge_with_notes
from romstrategy._parliament._odata import OdataImport, from_odata

__all__ = ["OdataCounts", "OdataImport", "from_odata", "merge", "merge_with_notes"]

__getattr__ = renamed(__name__, {"merged": "merge_with_notes"}, globals().__getitem__)
