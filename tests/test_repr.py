"""`repr()` of the domain objects: short, keyword-style, and evaluable while it is short."""

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

import romstrategy as rs
from romstrategy import reference as ref
from romstrategy import testing
from romstrategy._model._display import LONGEST_REPR

NAMESPACE = {**{name: getattr(rs, name) for name in rs.__all__}, "Date": pendulum.Date}


def records(strategy):
    """The strategy and every record it holds, nested ones included."""
    waiting = [strategy]
    while waiting:
        record = waiting.pop()
        yield record
        for field in attrs.fields(type(record)):
            value = getattr(record, field.name)
            items = value if isinstance(value, tuple) else (value,)
            waiting += [item for item in items if attrs.has(type(item))]


def test_every_record_of_the_reference_strategy_has_a_repr_of_at_most_200_characters():
    seen = list(records(ref.strategy_2024()))
    assert len(seen) > 40
    assert max(len(repr(record)) for record in seen) <= LONGEST_REPR


def test_a_strategy_of_10_000_allocations_has_a_short_repr():
    strategy = ref.strategy_2024()
    source = strategy.funding_sources[0]
    allocation = rs.Allocation(
        id="a", source=source.id, amount=rs.Money("1.00"), pillar="I", period=strategy.period
    )
    many = tuple(attrs.evolve(allocation, id=f"a-{n}") for n in range(10_000))
    text = repr(attrs.evolve(strategy, allocations=many))
    assert text == (
        "Strategy('meerjarenstrategie-2024', 3 pillars, 9 ROMs, 1 funding source, "
        "10000 allocations)"
    )


def test_a_strategy_counts_its_transactions_only_when_it_has_some():
    strategy = rs.Strategy(id="s 1", title="T", period=rs.Period.years(2024))
    assert repr(strategy) == (
        "Strategy('s 1', 0 pillars, 0 ROMs, 0 funding sources, 0 allocations)"
    )


def test_a_list_of_records_is_counted_and_a_default_left_out():
    period = rs.Period.years(2024)
    pillar = rs.Pillar(code="I", title_nl="Een", title_en="One", description="D")
    assert repr(pillar) == "Pillar(code='I', title_nl='Een', title_en='One', description='D')"
    assert repr(period) == "Period(start=Date(2024, 1, 1), end=Date(2024, 12, 31))"
    rom = rs.ROM(code="NOM", name="N", provinces=("NL-GR",))
    assert repr(rom) == "ROM(code='NOM', name='N', provinces=('NL-GR',))"  # defaults left out
    activity = rs.Activity(
        id="a", title="T", scope="regional", pillar="I", roms=("NOM",), lead="NOM",
        theme="t", service="financing", period=period,
    )  # fmt: skip
    assert "complements" not in repr(activity)
    motion = rs.Motion(
        id="m", kind="motion", title="T", submitter="S", submitted_on="2024-01-01",
        request="R", history=(rs.StatusChange(status="submitted"), rs.StatusChange(status="adopted")),
    )  # fmt: skip
    assert "history=<2 StatusChange>" in repr(motion)


def test_a_long_text_is_cut_and_control_characters_are_escaped():
    pillar = rs.Pillar(code="I", title_nl="x" * 500, title_en="\x1b[2J", description="")
    text = repr(pillar)
    assert "x" * 38 not in text
    assert "'\\x1b[2J'" in text
    assert len(text) < 120


@given(
    st.one_of(testing.allocations(), testing.activities(), testing.motions(), testing.periods())
)
def test_a_short_repr_reads_back_as_an_equal_record(record):
    text = repr(record)
    assert len(text) <= LONGEST_REPR
    if "..." not in text and "<" not in text:
        assert eval(text, NAMESPACE) == record  # our own repr, in a test
