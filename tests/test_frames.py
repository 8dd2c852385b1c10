"""A strategy and a progress result as Arrow tables and pandas and polars frames (issue 28)."""

import datetime
import decimal
import warnings

import pytest
from hypothesis import given

import romstrategy as rs
from romstrategy import tables
from romstrategy._documents._layout import TABLES
from romstrategy.testing import strategies
from tests.helpers import illustrative

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

PLAN = illustrative()
MONEY = pa.decimal128(15, 2)


def test_every_table_of_the_package_in_its_order_with_its_columns():
    arrow = tables.to_arrow(PLAN)
    assert list(arrow) == [table.name for table in TABLES]
    for table in TABLES:
        assert arrow[table.name].column_names == list(table.header)
    assert list(tables.to_pandas(PLAN)) == list(tables.to_polars(PLAN)) == list(arrow)


def test_the_documented_types():
    allocations = tables.to_arrow(PLAN)["allocations"].schema
    assert allocations.field("amount").type == MONEY
    assert allocations.field("period_start").type == pa.date32()
    assert allocations.field("id").type == pa.string()
    transactions = tables.to_arrow(PLAN)["transactions"].schema
    assert transactions.field("kind").type == pa.dictionary(pa.int32(), pa.string())
    roms = tables.to_arrow(PLAN)["roms"].schema
    assert roms.field("provinces").type == pa.list_(pa.string())
    motions = tables.to_arrow(PLAN)["motions"].schema
    assert motions.field("co_submitted").type == pa.bool_()


def test_pandas_sums_money_exactly_and_has_dates():
    frames = tables.to_pandas(PLAN)
    allocations, spent = frames["allocations"], frames["transactions"]
    assert isinstance(allocations["amount"].dtype, pd.ArrowDtype)
    assert allocations["amount"].sum() == sum(a.amount.amount for a in PLAN.allocations)
    assert type(allocations["amount"].sum()) is decimal.Decimal
    assert spent["amount"].sum() == sum(t.amount.amount for t in PLAN.transactions)
    assert list(allocations["period_start"].dt.year) == [
        a.period.start.year for a in PLAN.allocations
    ]
    by_month = spent.groupby(spent["date"].dt.month)["amount"].sum()
    assert by_month.sum() == sum(t.amount.amount for t in PLAN.transactions)


def test_polars_has_decimals_dates_and_categories():
    frames = tables.to_polars(PLAN)
    schema = frames["transactions"].schema
    assert schema["amount"] == pl.Decimal(precision=15, scale=2)
    assert schema["date"] == pl.Date
    assert schema["kind"] == pl.Categorical
    total = frames["transactions"]["amount"].sum()
    assert decimal.Decimal(str(total)) == sum(t.amount.amount for t in PLAN.transactions)


def test_an_absent_value_is_null_and_the_history_names_its_motion():
    history = tables.to_arrow(PLAN)["motion_history"].to_pylist()
    expected = [(m.id, c.status.value, c.on) for m in PLAN.motions for c in m.history]
    assert [(row["motion"], row["status"], row["on"]) for row in history] == [
        (motion, status, None if on is None else datetime.date(on.year, on.month, on.day))
        for motion, status, on in expected
    ]


def test_a_progress_result_is_one_table_its_total_last():
    result = rs.progress(PLAN, by="pillar")
    (table,) = tables.to_arrow(result).values()
    rows = table.to_pylist()
    assert [row["key"] for row in rows] == [row.key for row in result.rows] + [None]
    assert rows[-1]["group"] == "total"
    assert rows[-1]["allocated"] == result.total.allocated.amount
    frame = tables.to_pandas(result)["progress"]
    assert frame["spent"].iloc[:-1].sum() == result.total.spent.amount


def test_an_empty_strategy_gives_empty_tables_with_their_columns():
    empty = rs.Strategy(id="s", title="S", period=PLAN.period)
    arrow = tables.to_arrow(empty)
    assert arrow["allocations"].num_rows == 0
    assert arrow["allocations"].schema.field("amount").type == MONEY


@pytest.mark.parametrize("call", [tables.to_arrow, tables.to_pandas, tables.to_polars])
def test_anything_but_a_strategy_or_a_progress_result_is_refused(call):
    with pytest.raises(TypeError, match="expected a Strategy or a Progress"):
        call({"allocations": []})


@pytest.mark.parametrize(
    ("call", "missing"),
    [(tables.to_arrow, "pyarrow"), (tables.to_pandas, "pandas"), (tables.to_polars, "polars")],
)
def test_a_missing_library_names_the_extra(monkeypatch, call, missing):
    import importlib

    real = importlib.import_module

    def without(name, *args):
        if name == missing:
            raise ImportError(f"No module named {name!r}")
        return real(name, *args)

    monkeypatch.setattr(importlib, "import_module", without)
    with pytest.raises(ImportError, match=rf"needs {missing}: .*romstrategy\[frames\]"):
        call(PLAN)


def test_to_frames_is_the_old_name_of_to_pandas_for_one_release():
    with pytest.warns(DeprecationWarning, match="to_frames is renamed tables.to_pandas"):
        old = rs.to_frames
    assert old is tables.to_pandas
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "to_frames" not in rs.__all__


@given(strategy=strategies(max_allocations=4))
def test_any_strategy_s_money_sums_alike_in_arrow_pandas_and_polars(strategy):
    arrow, frames, polars = (
        call(strategy) for call in (tables.to_arrow, tables.to_pandas, tables.to_polars)
    )
    for name in ("allocations", "transactions", "funding_sources"):
        expected = sum(
            (item.amount.amount for item in getattr(strategy, name)), decimal.Decimal(0)
        )
        assert sum(arrow[name]["amount"].to_pylist(), decimal.Decimal(0)) == expected
        assert decimal.Decimal(frames[name]["amount"].sum()) == expected
        assert decimal.Decimal(str(polars[name]["amount"].sum() or 0)) == expected
        assert arrow[name]["id"].to_pylist() == [item.id for item in getattr(strategy, name)]
