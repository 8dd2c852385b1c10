"""A strategy as tables: a Frictionless data package of CSV files (*open data*).

`write_datapackage(strategy, folder)` writes one CSV file per collection and a
`datapackage.json` that describes them by the Frictionless Data Package
standard; `read_datapackage(path)` reads such a package back into an equal
`Strategy`, as strictly as `romstrategy.load` reads a document. An Excel
workbook, one sheet per table, is a document like the others:
`romstrategy.load("plan.xlsx")` and `romstrategy.dump(strategy, "plan.xlsx")`,
with the extra `romstrategy[xlsx]`. `to_arrow`, `to_pandas` and `to_polars` give
the same tables, typed, as Arrow tables and pandas or polars frames (the extra
`romstrategy[frames]`). The layout of the tables is in "Spreadsheets and open
data" in the documentation.
"""

from __future__ import annotations

from romstrategy._documents._datapackage import read_datapackage, write_datapackage
from romstrategy._reports._frames import to_arrow, to_pandas, to_polars

__all__ = ["read_datapackage", "to_arrow", "to_pandas", "to_polars", "write_datapackage"]
