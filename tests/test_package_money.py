"""Money in a data package: amounts typed `number`, summed by frictionless, pandas and DuckDB.

The descriptor types every amount as a Table Schema `number` (`bareNumber`,
`currency: EUR`, within ±10^12 euros), so that tools read numbers; the CSV holds
each amount as plain text with two decimals, and reading it back goes through
that text, never a float, so it is exact to the cent.
"""

import csv
import io
import json
import pathlib
import tempfile
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings

from romstrategy import DocumentError, Money, reference
from romstrategy._model._display import shown
from romstrategy.tables import read_datapackage, write_datapackage
from romstrategy.testing import strategies
from tests.helpers import allocation, illustrative, small, transaction

AMOUNTS = ("motions", "funding_sources", "allocations", "transactions")
"""The tables with an `amount` column."""

EDGES = ("0.01", "999999999999.99", "-5.10", "0.00", "1000000000000.00", "-1000000000000.00")


def cents_total(strategy, table):
    """The exact sum of a table's amounts, as a `Decimal` of euros."""
    return sum(
        (r.amount.amount for r in getattr(strategy, table) if r.amount is not None),
        Decimal("0.00"),
    )


def edges():
    """A small strategy whose allocations and transactions have the edge amounts."""
    return small(
        allocations=tuple(allocation(id=f"al-{i}", amount=Money(a)) for i, a in enumerate(EDGES)),
        transactions=tuple(
            transaction(id=f"t-{i}", allocation="al-0", amount=Money(a))
            for i, a in enumerate(EDGES)
        ),
    )


MAKERS = [illustrative, reference.strategy_2024, edges]


def amount_cells(folder, table):
    text = (folder / f"{table}.csv").read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    column = rows[0].index("amount")
    return [row[column] for row in rows[1:]]


# --- the descriptor --------------------------------------------------------------------


@pytest.mark.parametrize("table", AMOUNTS)
def test_every_amount_is_a_bare_number_in_euros(tmp_path, table):
    write_datapackage(illustrative(), tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == table)
    field = next(f for f in resource["schema"]["fields"] if f["name"] == "amount")
    assert field["type"] == "number"
    assert field["bareNumber"] is True
    assert field["currency"] == "EUR"
    assert "two decimals" in field["description"]
    constraints = field["constraints"]
    assert (constraints["minimum"], constraints["maximum"]) == (-(10**12), 10**12)
    assert "pattern" not in constraints  # frictionless refuses `pattern` on a number
    assert constraints.get("required", False) is (table != "motions")


@pytest.mark.parametrize("make", MAKERS)
def test_frictionless_validates_the_package(tmp_path, make):
    import frictionless

    report = frictionless.validate(str(write_datapackage(make(), tmp_path)))
    assert report.valid, report.flatten(["type", "note"])


@pytest.mark.parametrize("cell", ["1000000000000.01", "-1000000000000.01", "twelve"])
def test_frictionless_refuses_an_amount_the_reader_refuses(tmp_path, cell):
    import frictionless

    write_datapackage(edges(), tmp_path)
    path = tmp_path / "allocations.csv"
    path.write_bytes(path.read_bytes().replace(b",0.01,", f",{cell},".encode(), 1))
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert {e[0] for e in report.flatten(["type"])} <= {"constraint-error", "type-error"}
    assert not report.valid
    with pytest.raises(DocumentError, match=r"allocations\.csv, line 2, column amount: "):
        read_datapackage(tmp_path)


# --- summed by the tools people have ---------------------------------------------------


@pytest.mark.parametrize("table", ["funding_sources", "allocations", "transactions"])
@pytest.mark.parametrize("make", [illustrative, edges])  # the reference has no allocations
def test_frictionless_to_pandas_sums_to_the_strategy_s_total(tmp_path, make, table):
    import frictionless
    import pandas as pd

    strategy = make()
    package = frictionless.Package(str(write_datapackage(strategy, tmp_path)))
    frame = package.get_resource(table).to_pandas()
    assert pd.api.types.is_numeric_dtype(frame["amount"])
    total = Decimal(f"{frame['amount'].sum():.2f}")
    assert total == cents_total(strategy, table)


@pytest.mark.parametrize("table", ["funding_sources", "allocations", "transactions"])
@pytest.mark.parametrize("make", [illustrative, edges])  # a table without rows has no type
def test_pandas_read_csv_sums_to_the_strategy_s_total(tmp_path, make, table):
    import pandas as pd

    strategy = make()
    write_datapackage(strategy, tmp_path)
    frame = pd.read_csv(tmp_path / f"{table}.csv")
    assert pd.api.types.is_numeric_dtype(frame["amount"])
    assert Decimal(f"{frame['amount'].sum():.2f}") == cents_total(strategy, table)


@pytest.mark.parametrize("typed", [False, True])
@pytest.mark.parametrize("table", ["funding_sources", "allocations", "transactions"])
@pytest.mark.parametrize("make", [illustrative, edges])
def test_duckdb_sums_the_csv_to_the_strategy_s_total(tmp_path, make, table, typed):
    duckdb = pytest.importorskip("duckdb")
    strategy = make()
    write_datapackage(strategy, tmp_path)
    types = ", types = {'amount': 'DECIMAL(18,2)'}" if typed else ""
    query = f"SELECT CAST(sum(amount) AS DECIMAL(18,2)) FROM read_csv(?, header = true{types})"
    with duckdb.connect() as connection:
        (total,) = connection.execute(query, [str(tmp_path / f"{table}.csv")]).fetchone()
    assert (total or Decimal("0.00")) == cents_total(strategy, table)


# --- exact both ways -------------------------------------------------------------------


def test_the_edge_amounts_are_written_as_plain_text_and_read_back_exactly(tmp_path):
    strategy = edges()
    write_datapackage(strategy, tmp_path)
    assert amount_cells(tmp_path, "allocations") == list(EDGES)
    assert amount_cells(tmp_path, "transactions") == list(EDGES)
    assert read_datapackage(tmp_path) == strategy


@given(strategies())
@settings(max_examples=40, deadline=None)
def test_any_strategy_s_amounts_survive_the_package_exactly(strategy):
    with tempfile.TemporaryDirectory() as folder:
        write_datapackage(strategy, folder)
        back = read_datapackage(folder)
        for table in AMOUNTS:
            written = amount_cells(pathlib.Path(folder), table)
            amounts = [r.amount for r in getattr(strategy, table)]
            assert written == [a.to_text() if a is not None else "" for a in amounts]
            assert [Decimal(c) for c in written if c] == [
                a.amount for a in amounts if a is not None
            ]
    assert back == strategy


# --- what reading refuses --------------------------------------------------------------

FINER = "an amount finer than a cent"
NOT_EUROS = "expected euros such as '1250000.00'"
REFUSED = {
    "12.345": FINER,
    "0.001": FINER,
    "-5.100": FINER,
    "1e3": NOT_EUROS,  # an exponent
    "1E+3": NOT_EUROS,
    "1.5e2": NOT_EUROS,
    "1,000.00": NOT_EUROS,  # thousands separators
    "1.000,00": NOT_EUROS,
    "1_000": NOT_EUROS,
    "12,50": NOT_EUROS,  # a decimal comma
    " 12.00": NOT_EUROS,  # spaces
    "12.00 ": NOT_EUROS,
    "1 000": NOT_EUROS,
    "1\u00a0000": NOT_EUROS,
    "+5": NOT_EUROS,
    "NaN": NOT_EUROS,
    "Infinity": NOT_EUROS,
    "0x10": NOT_EUROS,
    "EUR 5": NOT_EUROS,  # bareNumber: no currency in the cell
    "\u20ac5": NOT_EUROS,
    "5%": NOT_EUROS,
    "\u0661\u0662": NOT_EUROS,  # digits, but not ASCII ones
}


@pytest.mark.parametrize(("cell", "why"), REFUSED.items())
def test_reading_refuses_an_amount_that_is_not_plain_euros_at_its_cell(tmp_path, cell, why):
    plan = illustrative()
    write_datapackage(plan, tmp_path)
    path = tmp_path / "allocations.csv"
    text = path.read_bytes().decode("utf-8")
    first = plan.allocations[0].amount.to_text()
    quoted = f'"{cell}"' if "," in cell else cell
    path.write_bytes(text.replace(f",{first},", f",{quoted},", 1).encode("utf-8"))
    with pytest.raises(DocumentError) as caught:
        read_datapackage(tmp_path)
    (problem,) = caught.value.problems
    assert problem.path == "$.allocations[0].amount"
    assert problem.message == f"allocations.csv, line 2, column amount: got {shown(cell)}, {why}"


def test_an_amount_with_leading_zeros_or_one_decimal_is_still_read_exactly(tmp_path):
    plan = illustrative()
    write_datapackage(plan, tmp_path)
    path = tmp_path / "allocations.csv"
    first = plan.allocations[0].amount.to_text()
    text = path.read_bytes().decode("utf-8").replace(f",{first},", ",007.5,", 1)
    path.write_bytes(text.encode("utf-8"))
    changed = attrs.evolve(plan.allocations[0], amount=Money("7.50"))
    assert read_datapackage(tmp_path).allocations == (changed, *plan.allocations[1:])
