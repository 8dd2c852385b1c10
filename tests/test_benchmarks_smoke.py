"""The benchmark harness at N = 1,000, so that it cannot rot. No timing is asserted."""

import attrs
import pytest

pytest.importorskip("pydantic")
msgspec = pytest.importorskip("msgspec")

from benchmarks import generate, msgspec_model, pydantic_model, run  # noqa: E402  # after the skips
from benchmarks.normal import normal  # noqa: E402  # after the skips

import romstrategy as rs  # noqa: E402  # after the skips
from romstrategy.parliament import from_odata  # noqa: E402  # after the skips

N = 1000


@pytest.fixture(scope="module")
def document():
    return generate.document(N)


@pytest.fixture(scope="module")
def loaded(document):
    return rs.loads(document, "json")


def test_generator_is_deterministic_for_a_seed(document):
    assert generate.document(N) == document
    assert generate.document(N, seed=7) != document


def test_generated_strategy_has_the_shape_asked_for(loaded):
    assert len(loaded.allocations) == N
    assert len(loaded.activities) == N // 10
    assert [rom.code for rom in loaded.roms] == [rom.code for rom in rs.reference.ROMS]
    assert [p.code for p in loaded.pillars] == ["I", "II", "III"]
    assert {a.scope for a in loaded.activities} == set(rs.Scope)
    supra = [a for a in loaded.activities if a.scope is rs.Scope.SUPRA_REGIONAL]
    assert supra
    assert all(a.complements for a in supra)
    assert loaded.status is rs.StrategyStatus.FINAL


def test_generated_strategy_is_balanced_to_the_cent(loaded):
    spent: dict[str, int] = {}
    for allocation in loaded.allocations:
        spent[allocation.source] = spent.get(allocation.source, 0) + allocation.amount.cents
    assert spent == {source.id: source.amount.cents for source in loaded.funding_sources}


def test_generated_strategy_follows_every_rule(loaded):
    validate = run.rules_validate()
    if validate is None:
        pytest.skip("romstrategy.rules.validate is not available")
    assert [str(finding) for finding in validate(loaded).findings] == []


def test_generated_transactions_follow_every_rule(loaded):
    strategy = generate.with_transactions(loaded)
    assert len(strategy.transactions) == 3 * N
    assert generate.with_transactions(loaded) == strategy
    assert [str(finding) for finding in rs.validate(strategy).findings] == []
    total = rs.progress(strategy).total
    assert 0 < total.spent.cents < total.committed.cents <= total.allocated.cents


def test_library_loads_what_pydantic_and_msgspec_load(document, loaded):
    mine = normal(loaded)
    assert mine == normal(pydantic_model.load(document))
    assert mine == normal(msgspec_model.load(document))
    assert len(mine["allocations"]) == N


def test_every_dump_reads_back_the_same_everywhere(document, loaded):
    ours = rs.dumps(loaded, "json").encode("utf-8")
    assert ours == document
    expected = normal(loaded)
    assert normal(pydantic_model.load(ours)) == expected
    assert normal(rs.loads(pydantic_model.dump(pydantic_model.load(document)), "json")) == expected
    assert normal(rs.loads(msgspec_model.dump(msgspec_model.load(document)), "json")) == expected


def _allocation_change(document, **changes):
    import json

    tree = json.loads(document)
    tree["allocations"][0].update(changes)
    return json.dumps(tree).encode("utf-8")


@pytest.mark.parametrize(
    "changes",
    [
        {"amount": "1.005"},
        {"amount": 10.5},
        {"id": ""},
        {"colour": "blue"},
        {"period": {"start": "2025-01-01", "end": "2024-01-01"}},
        {"period": {"start": "2025-02-30", "end": "2025-03-01"}},
    ],
    ids=["finer-than-a-cent", "float", "empty-id", "extra-key", "end-before-start", "no-date"],
)
def test_library_and_peers_refuse_the_same_bad_values(document, changes):
    data = _allocation_change(document, **changes)
    with pytest.raises(rs.DocumentError) as caught:
        rs.loads(data, "json")
    assert [p.path.split(".")[1] for p in caught.value.problems] == ["allocations[0]"]
    with pytest.raises(ValueError, match="validation error"):
        pydantic_model.load(data)
    with pytest.raises(msgspec.ValidationError):
        msgspec_model.load(data)


@pytest.mark.slow  # every workload of the harness at N = 1,000: about 20 s
def test_harness_prints_every_table_at_1000(capsys):
    run.main(["--sizes", "1000", "--repeat", "5"])
    out = capsys.readouterr().out
    titles = ("## load", "## dump", "## rules", "## realisation", "## motions", "## import")
    for title in (*titles, "## memory"):
        assert title in out
    assert "| 1,000" in out


def test_harness_says_when_rules_are_not_available(capsys, monkeypatch, document):
    monkeypatch.setattr(run, "rules_validate", lambda: None)
    run.bench_rules({N: document}, repeat=5)
    assert "rules: not available" in capsys.readouterr().out


def test_reference_models_have_the_librarys_fields():
    for model, cls in [
        (pydantic_model.Allocation, rs.Allocation),
        (pydantic_model.Activity, rs.Activity),
        (pydantic_model.Motion, rs.Motion),
        (pydantic_model.ROM, rs.ROM),
        (pydantic_model.Transaction, rs.Transaction),
    ]:
        names = [field.name for field in attrs.fields(cls)]
        assert sorted(model.model_fields) == sorted(names)
        assert sorted(getattr(msgspec_model, cls.__name__).__struct_fields__) == sorted(names)
    strategy = ["schema_version", *(field.name for field in attrs.fields(rs.Strategy))]
    assert sorted(pydantic_model.Strategy.model_fields) == sorted(strategy)
    assert sorted(msgspec_model.Strategy.__struct_fields__) == sorted(strategy)


def test_the_term_harness_reads_what_it_writes(tmp_path, capsys):
    from benchmarks import kamer_term

    written = generate.term_pages(600, tmp_path)
    files = sorted(path.name for path in tmp_path.iterdir())
    assert files == ["zaak_page_1.json", "zaak_page_2.json", "zaak_page_3.json"]
    assert written == sum(path.stat().st_size for path in tmp_path.iterdir())
    motions, records, _, _, _ = kamer_term.measure(tmp_path)
    assert records == 600
    assert 100 < motions < 250  # 26 in 100 are motions and amendments
    found = from_odata(tmp_path)
    other = sum(found.counts.other_kinds.values())
    # the pages follow on, every value and every Kamerstuk is known: other Soorten alone
    assert [w.split(":")[0] for w in found.warnings] == [
        f"{other} records of another Soort than 'Motie' or 'Amendement' are not read"
    ]
    kamer_term.main(["--records", "300", "--repeat", "1"])
    assert "| 300 | 2 |" in capsys.readouterr().out
