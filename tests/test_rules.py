"""The rules: the engine, every built-in rule, findings, reports of findings and user rules."""

import inspect
import itertools
import json
import pickle
import random
import re
from collections import Counter
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import romstrategy as rs
import romstrategy.testing as rst
from romstrategy import (
    ROM,
    Money,
    MotionKind,
    Period,
    Province,
    Scope,
    Service,
    StrategyStatus,
    YearAmount,
    reference,
)
from romstrategy._rules import _realisation_rules
from romstrategy.rules import (
    RULES,
    Finding,
    Findings,
    Rule,
    Severity,
    StrategyInvalid,
    Violation,
    competing_pairs,
    rule,
    rule_for,
    validate,
)
from romstrategy.rules import validate as run_rules
from tests.helpers import (
    ADOPTED,
    HELD,
    IN_PROGRESS,
    LAPSED,
    REJECTED,
    SETTLED,
    SUBMITTED,
    WITHDRAWN,
    activity,
    allocation,
    commit,
    exactly,
    messy_strategies,
    motion,
    only,
    pay,
    plan,
    python,
    regional,
    shuffled,
    small,
    source,
    step,
    the_one,
)

# === engine ===============================================================================


def finding(code="ACME001", severity=Severity.ERROR, path="activities[a]", subjects=("a",)):
    return Finding(
        code=code,
        severity=severity,
        message=f"{code} in English",
        message_nl=f"{code} in het Nederlands",
        path=path,
        subjects=subjects,
    )


def untitled_check(strategy):
    for item in strategy.activities:
        if not item.title:
            yield finding(path=f"activities[{item.id}].title", subjects=(item.id,))


def _untitled():
    return activity(title="")


UNTITLED = Rule(
    "ACME001", Severity.WARNING, "Untitled", "Every activity has a title.", untitled_check
)


def test_users_can_build_findings_and_severity_strings_are_converted():
    f = Finding(
        code="ACME001",
        severity="warning",
        message="m",
        message_nl="b",
        path="activities[a].title",
        subjects=["a"],
    )
    assert f.severity is Severity.WARNING
    assert f.subjects == ("a",)
    assert str(f) == "ACME001 warning activities[a].title: m"
    assert f.format("nl") == "ACME001 waarschuwing activities[a].title: b"


@pytest.mark.parametrize("code", ["rs001", "RS", "001", "RS-1", ""])
def test_a_finding_refuses_a_code_that_is_not_letters_then_digits(code):
    with pytest.raises(ValueError, match=r"Finding\.code"):
        finding(code=code)


def test_a_finding_refuses_an_unknown_severity_and_an_empty_path():
    with pytest.raises(ValueError, match=r"Finding\.severity"):
        finding(severity="fatal")
    with pytest.raises(ValueError, match=r"Finding\.path"):
        finding(path=" ")


def test_a_report_orders_findings_by_code_then_path_then_subjects():
    b = finding(code="RS2", path="b")
    a2 = finding(code="RS1", path="a", subjects=("z",))
    a1 = finding(code="RS1", path="a", subjects=("y",))
    c = finding(code="RS1", path="c", severity=Severity.WARNING)
    report = Findings([b, c, a2, a1])
    assert report.findings == (a1, a2, c, b)
    assert report.errors == (a1, a2, b)
    assert report.warnings == (c,)
    assert report.infos == ()
    assert not report.ok
    assert report.codes == ("RS1", "RS2")
    assert Findings([c]).ok
    assert Findings().ok


def test_a_report_is_plain_data_for_json_and_readable_text():
    report = Findings([finding(), finding(code="ACME002", severity="info", path="x")])
    data = report.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data == {
        "ok": False,
        "counts": {"error": 1, "warning": 0, "info": 1},
        "findings": [
            {
                "code": "ACME001",
                "severity": "error",
                "message": "ACME001 in English",
                "message_nl": "ACME001 in het Nederlands",
                "path": "activities[a]",
                "subjects": ["a"],
            },
            {
                "code": "ACME002",
                "severity": "info",
                "message": "ACME002 in English",
                "message_nl": "ACME002 in het Nederlands",
                "path": "x",
                "subjects": ["a"],
            },
        ],
    }
    assert report.format("en").splitlines() == [
        "2 findings (1 error, 0 warnings, 1 info)",
        "ACME001 error activities[a]: ACME001 in English",
        "ACME002 info x: ACME002 in English",
    ]
    assert str(report).splitlines() == [
        "activities[a]: ACME001 error ACME001 in English",
        "x: ACME002 info ACME002 in English",
        "1 error, 0 warnings, 1 info",
    ]
    assert (
        report.format("nl").splitlines()[0] == "2 bevindingen (1 fout, 0 waarschuwingen, 1 info)"
    )
    assert str(Findings()) == "0 errors, 0 warnings, 0 info"
    assert Findings().format("en") == "No findings."
    assert Findings().format("nl") == "Geen bevindingen."


def test_raise_for_errors_carries_every_finding_and_lists_them_all():
    warning = finding(code="ACME002", severity=Severity.WARNING)
    error = finding()
    Findings([warning]).raise_for_errors()
    with pytest.raises(StrategyInvalid) as caught:
        Findings([warning, error]).raise_for_errors()
    assert caught.value.findings == (error, warning)
    assert caught.value.errors == (error,)
    assert str(caught.value).splitlines() == [
        "strategy is invalid: 2 findings (1 error, 1 warning, 0 info)",
        "ACME001 error activities[a]: ACME001 in English",
        "ACME002 warning activities[a]: ACME002 in English",
    ]
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.findings == caught.value.findings
    assert str(copy) == str(caught.value)


def test_the_registry_holds_each_rule_by_its_code_in_order_and_cannot_be_changed():
    assert list(RULES) == sorted(RULES)
    assert all(rule.code == code for code, rule in RULES.items())
    with pytest.raises(TypeError):
        RULES["ACME001"] = UNTITLED  # type: ignore[index]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        RULES["RS101"].severity = Severity.INFO  # type: ignore[misc]


def test_user_rules_run_for_one_call_and_never_leak_into_another():
    s = small(activities=(_untitled(),))
    report = validate(s, rules=[UNTITLED])
    assert report.codes == ("ACME001",)
    assert report.findings[0].path == "activities[act-s].title"
    assert validate(s).findings == ()
    assert "ACME001" not in RULES
    with pytest.raises(LookupError):
        rule_for("ACME001")
    assert rule_for("ACME001", rules=[UNTITLED]) is UNTITLED


def test_user_rules_take_part_in_select_and_ignore():
    s = small(activities=(_untitled(),))
    assert validate(s, rules=[UNTITLED], select="ACME").codes == ("ACME001",)
    assert validate(s, rules=[UNTITLED], ignore=["ACME001"]).findings == ()


def test_the_rule_decorator_builds_a_rule_with_the_docstring_as_explanation():
    @rule("ACME002", "info", title="Count activities", title_nl="Tel activiteiten")
    def count(strategy):
        """Says how many activities there are."""
        yield Finding(
            code="ACME002",
            severity=Severity.INFO,
            message=f"{len(strategy.activities)} activities",
            message_nl=f"{len(strategy.activities)} activiteiten",
            path="activities",
        )

    assert isinstance(count, Rule)
    assert (count.code, count.severity, count.title_nl) == (
        "ACME002",
        Severity.INFO,
        "Tel activiteiten",
    )
    assert count.explanation == "Says how many activities there are."
    assert validate(small(), rules=(count,)).infos[0].message == "0 activities"


def test_the_rule_decorator_needs_an_explanation_or_a_docstring():
    with pytest.raises(ValueError, match="explanation or a docstring"):
        rule("ACME003", Severity.ERROR, title="t")(lambda strategy: ())


def test_a_rule_refuses_a_bad_code_an_empty_title_or_a_check_that_is_no_function():
    with pytest.raises(ValueError, match=r"Rule\.code"):
        Rule("acme", Severity.ERROR, "t", "e", untitled_check)
    with pytest.raises(ValueError, match=r"Rule\.title"):
        Rule("ACME1", Severity.ERROR, " ", "e", untitled_check)
    with pytest.raises(TypeError, match=r"Rule\.check"):
        Rule("ACME1", Severity.ERROR, "t", "e", "not callable")


def test_validate_refuses_a_user_rule_with_a_taken_code_or_wrong_findings():
    clash = Rule("RS101", Severity.ERROR, "t", "e", lambda s: ())
    with pytest.raises(ValueError, match="RS101 is already used"):
        validate(small(), rules=[clash])
    with pytest.raises(ValueError, match="already used"):
        validate(small(), rules=[UNTITLED, UNTITLED])
    other_code = Rule("ACME009", Severity.ERROR, "t", "e", lambda s: [finding()])
    with pytest.raises(ValueError, match="carry its own code"):
        validate(small(), rules=[other_code])
    not_a_finding = Rule("ACME009", Severity.ERROR, "t", "e", lambda s: ["oops"])
    with pytest.raises(TypeError, match="expected Finding"):
        validate(small(), rules=[not_a_finding])
    with pytest.raises(TypeError, match="expected Rule"):
        validate(small(), rules=[untitled_check])


def test_select_and_ignore_take_codes_and_prefixes_and_ignore_wins():
    s = reference.strategy_2024()
    assert validate(s, select="RS1").codes == ("RS102",)
    assert validate(s, select=["RS2", "RS4"]).findings == ()
    assert validate(s, ignore="RS102").findings == ()
    assert validate(s, select="RS1", ignore="RS10").findings == ()


def test_select_and_ignore_refuse_a_code_that_matches_no_rule():
    with pytest.raises(ValueError, match="'RS999' matches no rule; known codes: RS001, RS002"):
        validate(small(), ignore=["RS999"])
    with pytest.raises(TypeError, match="expected a code or prefix"):
        validate(small(), select=[101])


def test_validate_refuses_what_is_not_a_strategy():
    with pytest.raises(TypeError, match="expected Strategy"):
        validate({"id": "x"})


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain_gives_each_rule_its_words_and_examples(code):
    found = rule_for(code)
    assert found is RULES[code]
    assert found.code == code
    assert found.title.strip()
    assert found.title_nl.strip()
    assert len(found.explanation) > 40
    assert found.failing_example.strip()
    assert found.passing_example.strip()


def test_explain_rejects_an_unknown_code_clearly():
    with pytest.raises(LookupError, match="no rule has the code 'RS999'; known codes: RS001"):
        rule_for("RS999")
    with pytest.raises(LookupError, match="no rule has the code 'RS2'"):
        rule_for("RS2")


def test_rs102_documents_its_draft_severity():
    assert rule_for("RS102").severity is Severity.ERROR
    assert "warning" in rule_for("RS102").explanation


# === budget rules (RS1xx) =================================================================


def test_rs101_gives_the_excess_of_an_over_allocated_source():
    s = small(
        allocations=(
            allocation(id="al-1", amount=Money("60.00")),
            allocation(id="al-2", amount=Money("40.01")),
        )
    )
    f = the_one(s, "RS101")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS101",
        Severity.ERROR,
        "funding_sources[fund].amount",
        ("fund",),
    )
    assert f.message == (
        "Funding source fund is over-allocated by EUR 0.01: its allocations add up to "
        "EUR 100.01, more than its amount of EUR 100.00."
    )
    assert "€ 0,01" in f.message_nl
    assert "€ 100,01" in f.message_nl


def test_rs101_and_rs102_stay_silent_for_a_budget_balanced_to_the_cent():
    s = small(
        allocations=(
            allocation(id="al-1", amount=Money("33.33")),
            allocation(id="al-2", amount=Money("33.33")),
            allocation(id="al-3", amount=Money("33.34")),
        )
    )
    assert only(s, "RS101") == ()
    assert only(s, "RS102") == ()


def test_rs102_is_an_error_for_a_final_strategy_and_names_the_unallocated_amount():
    s = small(allocations=(allocation(amount=Money("99.99")),))
    f = the_one(s, "RS102")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "funding_sources[fund].amount",
        ("fund",),
    )
    assert f.message == (
        "Funding source fund is under-allocated: EUR 0.01 of its EUR 100.00 is not "
        "allocated (allocated: EUR 99.99)."
    )
    assert f.message_nl == (
        "Financieringsbron fund is niet volledig toegewezen: € 0,01 van de € 100,00 is niet "
        "toegewezen (toegewezen: € 99,99)."
    )


def test_rs102_is_a_warning_for_a_draft():
    s = small(status=StrategyStatus.DRAFT, allocations=())
    f = the_one(s, "RS102")
    assert f.severity is Severity.WARNING
    assert "EUR 100.00 of its EUR 100.00 is not allocated" in f.message


def test_rs102_counts_a_source_with_no_allocations_at_all_and_ignores_other_sources():
    s = small(funding_sources=(source(), source(id="other", amount=Money(0))))
    assert only(s, "RS102") == ()
    s = small(funding_sources=(source(), source(id="other", amount=Money(5))))
    assert the_one(s, "RS102").subjects == ("other",)


def test_budget_rules_skip_a_duplicated_source_id_which_rs002_reports():
    s = small(funding_sources=(source(), source(amount=Money(5))))
    assert only(s, "RS101") == only(s, "RS102") == ()
    assert the_one(s, "RS002").path == "funding_sources[fund]"


def test_rs103_names_both_periods_an_allocation_leaves():
    s = small(
        funding_sources=(source(period=Period.years(2024, 2025)),),
        allocations=(allocation(period=Period("2023-07-01", "2024-06-30")),),
    )
    f = the_one(s, "RS103")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "allocations[al-1].period",
        ("al-1", "fund"),
    )
    assert f.message == (
        "Allocation al-1 runs from 2023-07-01 to 2024-06-30, outside the period of funding "
        "source fund (2024-01-01 to 2025-12-31) and the strategy's period "
        "(2024-01-01 to 2027-12-31)."
    )
    assert f.message_nl == (
        "Toewijzing al-1 loopt van 2023-07-01 t/m 2024-06-30, buiten de periode van "
        "financieringsbron fund (2024-01-01 t/m 2025-12-31) en de periode van de strategie "
        "(2024-01-01 t/m 2027-12-31)."
    )


def test_rs103_names_only_the_source_period_when_only_that_is_left():
    s = small(
        funding_sources=(source(period=Period.years(2024)),),
        allocations=(allocation(period=Period("2024-12-01", "2025-01-31")),),
    )
    f = the_one(s, "RS103")
    assert f.subjects == ("al-1", "fund")
    assert "strategy" not in f.message


def test_rs103_stays_silent_for_an_allocation_on_the_edges_of_both_periods():
    s = small(
        funding_sources=(source(period=Period.years(2024, 2027)),),
        allocations=(
            allocation(id="al-1", amount=Money(50), period=Period("2024-01-01", "2024-01-01")),
            allocation(id="al-2", amount=Money(50), period=Period("2027-12-31", "2027-12-31")),
        ),
    )
    assert only(s, "RS103") == ()


def test_rs103_uses_the_strategy_period_for_a_source_without_one():
    s = small(allocations=(allocation(period=Period("2027-12-31", "2028-01-01")),))
    f = the_one(s, "RS103")
    assert f.subjects == ("al-1",)
    assert f.message.endswith("outside the strategy's period (2024-01-01 to 2027-12-31).")


def test_rs104_fires_when_an_allocation_serves_another_pillar_than_its_activity():
    s = small(
        activities=(activity(id="act-1", pillar="III"),),
        allocations=(allocation(pillar="I", activity="act-1"),),
    )
    f = the_one(s, "RS104")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "allocations[al-1].pillar",
        ("al-1", "act-1"),
    )
    assert "pillar I" in f.message
    assert "pillar III" in f.message
    assert "pijler III" in f.message_nl


def test_rs104_stays_silent_for_the_same_pillar_or_no_activity():
    s = small(
        activities=(activity(id="act-1", pillar="III"),),
        allocations=(
            allocation(id="al-1", amount=Money(50), pillar="III", activity="act-1"),
            allocation(id="al-2", amount=Money(50), pillar="I"),
        ),
    )
    assert only(s, "RS104") == ()


def test_rs105_fires_for_a_negative_allocation_that_hides_an_excess():
    s = small(
        allocations=(
            allocation(id="al-1", amount=Money(150)),
            allocation(id="al-2", amount=Money(-50)),
        )
    )
    f = the_one(s, "RS105")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "allocations[al-2].amount",
        ("al-2",),
    )
    assert f.message == "Allocation al-2 has a negative amount of EUR -50.00."
    assert f.message_nl == "Toewijzing al-2 heeft een negatief bedrag van € -50,00."
    assert only(s, "RS101") == ()


def test_rs105_stays_silent_for_a_zero_allocation():
    s = small(
        allocations=(allocation(id="al-1", amount=Money(100)), allocation(id="al-2", amount=0))
    )
    assert only(s, "RS105") == ()


def test_sums_beyond_the_money_range_are_reported_exactly():
    top = Money(10**12)
    s = small(
        funding_sources=(source(amount=top),),
        allocations=tuple(allocation(id=f"al-{i}", amount=top) for i in range(3)),
    )
    f = the_one(s, "RS101")
    assert "EUR 2,000,000,000,000.00" in f.message
    assert "EUR 3,000,000,000,000.00" in f.message


# === complementarity rules ================================================================


def with_activities(*activities):
    return small(activities=activities)


def test_rs201_fires_for_a_supra_regional_activity_of_one_distinct_rom():
    f = the_one(with_activities(activity(roms=("NOM", "NOM"))), "RS201")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS201",
        Severity.ERROR,
        "activities[act-s].roms",
        ("act-s",),
    )
    assert f.message == (
        "Supra-regional activity act-s involves 1 distinct ROM (NOM); it needs at least two."
    )
    assert "Bovenregionale activiteit act-s" in f.message_nl


def test_rs201_stays_silent_for_two_roms_and_for_regional_work():
    assert only(with_activities(activity(roms=("NOM", "OOST"))), "RS201") == ()
    assert only(with_activities(regional()), "RS201") == ()


def test_rs202_fires_when_the_lead_does_not_take_part():
    f = the_one(with_activities(activity(lead="BOM")), "RS202")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "activities[act-s].lead",
        ("act-s", "BOM"),
    )
    assert (
        f.message == "Activity act-s has lead ROM BOM, which is not among its ROMs (NOM and OOST)."
    )
    assert f.message_nl == (
        "Activiteit act-s heeft penvoerder BOM, die niet bij haar ROM's hoort (NOM en OOST)."
    )


def test_rs202_stays_silent_for_a_lead_among_the_roms():
    assert only(with_activities(activity(lead="OOST")), "RS202") == ()


def test_rs203_names_both_activities_the_rom_and_the_overlap():
    s = with_activities(
        activity(theme=" Energy  transition", period=Period.years(2024)),
        regional(theme="energy transition", period=Period("2024-07-01", "2025-06-30")),
    )
    f = the_one(s, "RS203")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS203",
        Severity.ERROR,
        "activities[act-s].complements",
        ("act-s", "act-r"),
    )
    assert f.message == (
        "Supra-regional activity act-s competes with regional activity act-r of ROM NOM: "
        "same theme 'energy transition' and service ecosystem-development, overlapping from "
        "2024-07-01 to 2024-12-31, and act-s does not list act-r in complements."
    )
    assert "overlappend van 2024-07-01 t/m 2024-12-31" in f.message_nl


def test_rs203_stays_silent_for_periods_that_touch_but_do_not_overlap():
    s = with_activities(
        activity(period=Period("2024-01-01", "2024-12-31")),
        regional(period=Period("2025-01-01", "2025-12-31")),
    )
    assert only(s, "RS203") == ()


def test_rs203_fires_for_periods_that_share_a_single_day():
    s = with_activities(
        activity(period=Period("2024-01-01", "2024-12-31")),
        regional(period=Period("2024-12-31", "2025-12-31")),
    )
    assert "overlapping from 2024-12-31 to 2024-12-31" in the_one(s, "RS203").message


def test_rs203_stays_silent_when_the_regional_activity_is_complemented():
    s = with_activities(activity(complements=("act-r",)), regional())
    assert only(s, "RS203") == ()


def test_rs203_stays_silent_for_another_theme_service_or_rom():
    assert only(with_activities(activity(), regional(theme="energy")), "RS203") == ()
    s = with_activities(activity(), regional(service=Service.FINANCING))
    assert only(s, "RS203") == ()
    s = with_activities(activity(), regional(roms=("LIOF",), lead="LIOF"))
    assert only(s, "RS203") == ()


def test_rs203_names_every_shared_rom():
    s = with_activities(activity(), regional(roms=("OOST", "NOM")))
    f = the_one(s, "RS203")
    assert f.subjects == ("act-s", "act-r")
    assert "of ROM NOM and OOST" in f.message


def test_rs203_gives_one_finding_per_supra_regional_activity_naming_up_to_five_rivals():
    rivals = [regional(id=f"act-r{i}", period=Period.years(2024 + i % 2)) for i in range(7)]
    s = with_activities(activity(period=Period.years(2024, 2025)), *rivals)
    f = the_one(s, "RS203")
    # The first five by start date, then id: the four of 2024, then the first of 2025.
    assert f.subjects == ("act-s", "act-r0", "act-r2", "act-r4", "act-r6", "act-r1")
    assert f.message == (
        "Supra-regional activity act-s competes with 7 regional activities, "
        "act-r0 of ROM NOM (2024-01-01 to 2024-12-31), act-r2 of ROM NOM (2024-01-01 to "
        "2024-12-31), act-r4 of ROM NOM (2024-01-01 to 2024-12-31), act-r6 of ROM NOM "
        "(2024-01-01 to 2024-12-31), act-r1 of ROM NOM (2025-01-01 to 2025-12-31) and 2 more: "
        "same theme 'energy transition' and service ecosystem-development, with overlapping "
        "periods, and act-s lists none of them in complements."
    )
    assert f.message_nl.startswith(
        "Bovenregionale activiteit act-s concurreert met 7 regionale activiteiten, "
        "act-r0 van ROM NOM (2024-01-01 t/m 2024-12-31), "
    )
    assert " en nog 2: zelfde thema 'energy transition'" in f.message_nl


def test_rs203_counts_rivals_per_rom_when_several_roms_compete():
    s = with_activities(
        activity(),
        regional(id="act-r1"),
        regional(id="act-r2", roms=("OOST",), lead="OOST"),
        regional(id="act-r3", roms=("OOST",), lead="OOST"),
    )
    f = the_one(s, "RS203")
    assert f.subjects == ("act-s", "act-r1", "act-r2", "act-r3")
    assert f.message.startswith(
        "Supra-regional activity act-s competes with regional activities of ROM NOM (1) and "
        "OOST (2), such as act-r1 of ROM NOM (2024-01-01 to 2024-12-31), act-r2 of ROM OOST "
    )
    assert "regionale activiteiten van ROM NOM (1) en OOST (2), zoals act-r1" in f.message_nl


def test_rs203_lists_two_rivals_without_more_and_skips_the_complemented_one():
    s = with_activities(
        activity(complements=("act-r2",)),
        regional(id="act-r1"),
        regional(id="act-r2"),
        regional(id="act-r3"),
    )
    f = the_one(s, "RS203")
    assert f.subjects == ("act-s", "act-r1", "act-r3")
    assert "competes with 2 regional activities, act-r1 of ROM NOM" in f.message
    assert "more" not in f.message


def test_rs204_fires_for_a_complements_entry_that_is_not_regional_or_not_ours():
    s = with_activities(
        activity(complements=("other-s", "liof-r")),
        activity(id="other-s"),
        regional(id="liof-r", roms=("LIOF",), lead="LIOF"),
    )
    found = only(s, "RS204")
    assert [(f.path, f.subjects) for f in found] == [
        ("activities[act-s].complements", ("act-s", "liof-r")),
        ("activities[act-s].complements", ("act-s", "other-s")),
    ]
    assert all(f.severity is Severity.ERROR for f in found)
    assert found[0].message == (
        "Activity act-s lists liof-r in complements, but it is run by LIOF, none of which "
        "takes part."
    )
    assert (
        found[1].message == "Activity act-s lists other-s in complements, but it is not regional."
    )
    assert "die is niet regionaal" in found[1].message_nl


def test_rs204_leaves_a_missing_entry_to_rs001_and_accepts_a_regional_one_of_ours():
    s = with_activities(activity(complements=("act-r", "ghost")), regional())
    assert only(s, "RS204") == ()
    assert the_one(s, "RS001").subjects == ("act-s", "ghost")


def test_rs205_fires_for_a_regional_activity_of_no_rom_or_two():
    s = with_activities(
        regional(id="r-0", roms=()),
        regional(id="r-2", roms=("NOM", "OOST")),
    )
    found = only(s, "RS205")
    assert [(f.path, f.subjects) for f in found] == [
        ("activities[r-0].roms", ("r-0",)),
        ("activities[r-2].roms", ("r-2",)),
    ]
    assert found[0].message == (
        "Regional activity r-0 is run by 0 ROMs (none); it must be run by exactly one."
    )
    assert "(NOM and OOST)" in found[1].message


def test_rs205_stays_silent_for_exactly_one_rom_even_if_listed_twice():
    assert only(with_activities(regional(roms=("NOM", "NOM"))), "RS205") == ()


# The sweep against the obvious all-pairs check, on small random portfolios.

ROMS = ("NOM", "OOST", "LIOF")
THEMES = ("energy", " Energy ", "ENERGY  transition", "energy transition", "food")


@st.composite
def portfolios(draw):
    count = draw(st.integers(min_value=0, max_value=12))
    items = []
    for index in range(count):
        start = draw(st.integers(min_value=0, max_value=40))
        length = draw(st.integers(min_value=0, max_value=15))
        scope = draw(st.sampled_from(Scope))
        roms = tuple(draw(st.lists(st.sampled_from(ROMS), min_size=1, max_size=3)))
        period = Period.years(2024)
        begin = period.start.add(days=start)
        items.append(
            activity(
                id=f"a-{index}",
                scope=scope,
                roms=roms,
                lead=roms[0],
                theme=draw(st.sampled_from(THEMES)),
                service=draw(st.sampled_from([Service.FINANCING, Service.KNOWLEDGE_SHARING])),
                period=Period(begin, begin.add(days=length)),
            )
        )
    ids = [a.id for a in items]
    for index, item in enumerate(items):
        if item.scope is Scope.SUPRA_REGIONAL and ids:
            chosen = draw(st.lists(st.sampled_from(ids), max_size=2))
            items[index] = activity(**{**_fields(item), "complements": tuple(chosen)})
    return tuple(items)


def _fields(item):
    return {
        "id": item.id,
        "scope": item.scope,
        "roms": item.roms,
        "lead": item.lead,
        "theme": item.theme,
        "service": item.service,
        "period": item.period,
    }


def all_pairs(activities):
    found = set()
    for s, r in itertools.permutations(activities, 2):
        if s.scope is not Scope.SUPRA_REGIONAL or r.scope is not Scope.REGIONAL:
            continue
        shared = set(s.roms) & set(r.roms)
        same = " ".join(s.theme.casefold().split()) == " ".join(r.theme.casefold().split())
        overlap = s.period.overlaps(r.period)
        if shared and same and s.service is r.service and overlap and r.id not in s.complements:
            found.add((s.id, r.id))
    return found


@given(portfolios())
def test_rs203_finds_exactly_the_pairs_an_all_pairs_check_finds(activities):
    pairs = [(supra.id, regional.id) for supra, regional in competing_pairs(activities)]
    assert sorted(pairs) == sorted(all_pairs(activities))
    findings = validate(small(activities=activities), select="RS203").findings
    assert len(findings) == len({supra for supra, _ in all_pairs(activities)})
    for finding in findings:
        rivals = sorted(
            (a for a in activities if (finding.subjects[0], a.id) in all_pairs(activities)),
            key=lambda a: (a.period.start, a.id),
        )
        assert list(finding.subjects[1:]) == [a.id for a in rivals[:5]]


@given(portfolios(), st.randoms())
def test_rs2_findings_do_not_depend_on_the_order_of_activities(activities, rnd):
    shuffled = list(activities)
    rnd.shuffle(shuffled)
    assert (
        validate(small(activities=activities), select="RS2").findings
        == validate(small(activities=tuple(shuffled)), select="RS2").findings
    )


def test_rs203_counts_every_competing_pair_in_a_larger_portfolio():
    rnd = random.Random(3)
    items = []
    for index in range(2000):
        rom = rnd.choice(ROMS)
        items.append(regional(id=f"r-{index}", roms=(rom,), lead=rom, theme=f"t{index % 50}"))
    items.append(activity(id="s", roms=ROMS, theme="t1"))
    (finding,) = only(small(activities=tuple(items)), "RS203")
    assert len(finding.subjects) == 6  # the supra-regional activity and five rivals
    pairs = list(competing_pairs(items))
    assert len(pairs) == sum(1 for a in items if a.theme == "t1" and a.id != "s")
    assert [rival.id for _, rival in pairs[:5]] == list(finding.subjects[1:])


# === coverage rules =======================================================================


def test_rs401_fires_for_a_province_no_rom_serves():
    roms = tuple(r for r in reference.ROMS if r.code != "IMPULS")
    f = the_one(small(roms=roms), "RS401")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS401",
        Severity.ERROR,
        "provinces[NL-ZE]",
        ("NL-ZE",),
    )
    assert f.message == "Province NL-ZE (Zeeland) is served by no ROM."
    assert f.message_nl == "Provincie NL-ZE (Zeeland) wordt door geen enkele ROM bediend."


def test_rs401_allows_several_roms_for_one_province():
    # 't Gooi: ROM Utrecht Region serves part of Noord-Holland, beside ROM InWest.
    assert only(small(), "RS401") == ()
    inwest_gone = tuple(r for r in reference.ROMS if r.code != "INWEST")
    assert only(small(roms=inwest_gone), "RS401") == ()
    utr = next(r for r in reference.ROMS if r.code == "UTR")
    only_gooi = tuple(
        attrs.evolve(r, provinces=("NL-UT",)) if r is utr else r for r in inwest_gone
    )
    assert the_one(small(roms=only_gooi), "RS401").subjects == ("NL-NH",)


# === motion rules =========================================================================


def with_motions(*motions, settles=()):
    return small(motions=motions, settles=settles)


@pytest.mark.parametrize(
    "history",
    [
        (),
        (step(SUBMITTED),),
        (step(SUBMITTED), step(REJECTED)),
        (step(SUBMITTED), step(WITHDRAWN)),
        (step(SUBMITTED), step(HELD), step(WITHDRAWN)),
        (step(SUBMITTED), step(HELD), step(REJECTED)),
        (step(SUBMITTED), step(HELD), step(ADOPTED), step(SETTLED, document="letter")),
        (
            step(SUBMITTED, "2023-07-06"),
            step(ADOPTED, "2023-07-11"),
            step(IN_PROGRESS),
            step(SETTLED, "2023-07-11", "letter"),
        ),
        (step(SUBMITTED, "2023-07-06"), step(ADOPTED), step(SETTLED, "2023-07-06", "letter")),
        (step(SUBMITTED), step(LAPSED)),
        (step(SUBMITTED, "2023-07-06"), step(HELD, "2023-07-11"), step(LAPSED, "2024-05-01")),
    ],
)
def test_rs301_accepts_valid_lifecycles_with_unknown_dates(history):
    assert only(with_motions(motion(*history)), "RS301") == ()


def test_rs301_fires_for_a_history_that_does_not_start_at_submitted():
    f = the_one(with_motions(motion(step(ADOPTED))), "RS301")
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS301",
        Severity.ERROR,
        "motions[m-1].history[0]",
        ("m-1",),
    )
    assert (
        f.message
        == "Motion m-1, step 0 (adopted): the history starts at adopted, not at submitted."
    )
    assert f.message_nl == (
        "Motie m-1, stap 0 (aangenomen): de geschiedenis begint bij aangenomen, niet bij ingediend."
    )


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ((SUBMITTED,), SETTLED),
        ((SUBMITTED,), IN_PROGRESS),
        ((SUBMITTED, HELD), HELD),
        ((SUBMITTED, HELD), SETTLED),
        ((SUBMITTED, ADOPTED), REJECTED),
        ((SUBMITTED, REJECTED), ADOPTED),
        ((SUBMITTED, WITHDRAWN), SUBMITTED),
        ((SUBMITTED, ADOPTED, SETTLED), IN_PROGRESS),
        ((SUBMITTED, ADOPTED, IN_PROGRESS), ADOPTED),
        # Lapsed (issue 27) closes a motion without a decision: nothing follows it ...
        ((SUBMITTED, LAPSED), ADOPTED),
        ((SUBMITTED, LAPSED), REJECTED),
        ((SUBMITTED, LAPSED), HELD),
        ((SUBMITTED, LAPSED), LAPSED),
        ((SUBMITTED, LAPSED), SUBMITTED),
        ((SUBMITTED, HELD, LAPSED), SETTLED),
        # ... and it follows only submitted and held, never a decision.
        ((SUBMITTED, ADOPTED), LAPSED),
        ((SUBMITTED, REJECTED), LAPSED),
        ((SUBMITTED, WITHDRAWN), LAPSED),
        ((SUBMITTED, ADOPTED, IN_PROGRESS), LAPSED),
        ((SUBMITTED, ADOPTED, SETTLED), LAPSED),
    ],
)
def test_rs301_fires_for_a_step_that_is_not_allowed(before, after):
    history = [step(status, document="letter") for status in (*before, after)]
    found = only(with_motions(motion(*history)), "RS301")
    assert [f.path for f in found] == [f"motions[m-1].history[{len(before)}]"]
    assert f"{before[-1].value} cannot be followed by {after.value}" in found[0].message


def test_rs301_fires_for_a_date_that_goes_backwards_and_names_both_dates():
    m = motion(
        step(SUBMITTED, "2023-07-06"),
        step(ADOPTED, "2023-07-11"),
        step(SETTLED, None, "letter"),
    )
    assert only(with_motions(m), "RS301") == ()
    m = motion(
        step(SUBMITTED, "2023-07-06"),
        step(ADOPTED, "2023-07-11"),
        step(IN_PROGRESS),
        step(SETTLED, "2023-07-10", "letter"),
    )
    f = the_one(with_motions(m), "RS301")
    assert f.path == "motions[m-1].history[3]"
    assert f.message == (
        "Motion m-1, step 3 (settled): its date 2023-07-10 is before the earlier step's "
        "2023-07-11."
    )


def test_rs301_fires_for_a_date_before_the_motion_was_submitted():
    m = motion(step(SUBMITTED), step(ADOPTED, "2023-07-05"))
    f = the_one(with_motions(m), "RS301")
    assert f.path == "motions[m-1].history[1]"
    assert f.message == (
        "Motion m-1, step 1 (adopted): its date 2023-07-05 is before the motion was "
        "submitted on 2023-07-06."
    )
    assert "ligt voor de indiening op 2023-07-06" in f.message_nl


def test_rs301_fires_for_an_amendment_that_is_settled_or_in_progress():
    m = motion(
        step(SUBMITTED),
        step(ADOPTED),
        step(IN_PROGRESS),
        step(SETTLED, document="letter"),
        kind=MotionKind.AMENDMENT,
    )
    found = only(with_motions(m), "RS301")
    assert [f.path for f in found] == ["motions[m-1].history[2]", "motions[m-1].history[3]"]
    assert (
        found[0].message
        == "Amendment m-1, step 2 (in-progress): an amendment is never in-progress."
    )
    assert (
        found[1].message_nl
        == "Amendement m-1, stap 3 (afgedaan): een amendement is nooit afgedaan."
    )


def test_rs301_says_lapsed_in_both_languages_and_lets_an_amendment_lapse():
    m = motion(step(SUBMITTED), step(LAPSED), step(ADOPTED))
    f = the_one(with_motions(m), "RS301")
    assert (f.path, f.subjects) == ("motions[m-1].history[2]", ("m-1",))
    assert f.message == "Motion m-1, step 2 (adopted): lapsed cannot be followed by adopted."
    assert (
        f.message_nl == "Motie m-1, stap 2 (aangenomen): op vervallen kan geen aangenomen volgen."
    )
    history = (step(SUBMITTED), step(HELD), step(LAPSED))
    assert only(with_motions(motion(*history, kind=MotionKind.AMENDMENT)), "RS301") == ()
    first = the_one(with_motions(motion(step(LAPSED))), "RS301")
    assert first.message_nl.endswith("de geschiedenis begint bij vervallen, niet bij ingediend.")


def test_rs302_fires_for_settling_a_lapsed_motion_and_rs303_stays_silent_for_it():
    s = with_motions(motion(step(SUBMITTED), step(LAPSED)), settles=("m-1",))
    f = the_one(s, "RS302")
    assert f.message == (
        f"Strategy {s.id} settles motion m-1, but it was never adopted and its history ends in "
        "lapsed, not in settled."
    )
    assert "de geschiedenis eindigt bij vervallen, niet bij afgedaan" in f.message_nl
    assert only(s, "RS303") == ()  # a lapsed step names no document, and needs none
    assert only(with_motions(motion(step(SUBMITTED), step(LAPSED))), "RS302") == ()


def test_rs301_lists_every_problem_of_one_step_in_one_finding():
    m = motion(step(SETTLED, "2020-01-01"), kind=MotionKind.AMENDMENT)
    f = the_one(with_motions(m), "RS301")
    assert f.message == (
        "Amendment m-1, step 0 (settled): the history starts at settled, not at submitted, "
        "an amendment is never settled and its date 2020-01-01 is before the motion was "
        "submitted on 2023-07-06."
    )


def test_rs302_fires_for_a_settled_motion_that_was_never_adopted_or_not_settled():
    s = with_motions(
        motion(step(SUBMITTED), step(REJECTED), id="m-1"),
        motion(step(SUBMITTED), step(ADOPTED), id="m-2"),
        settles=("m-2", "m-1"),
    )
    found = only(s, "RS302")
    assert [(f.severity, f.path, f.subjects) for f in found] == [
        (Severity.ERROR, "settles[m-1]", ("m-1",)),
        (Severity.ERROR, "settles[m-2]", ("m-2",)),
    ]
    assert found[0].message == (
        f"Strategy {s.id} settles motion m-1, but it was never adopted and its history ends in "
        "rejected, not in settled."
    )
    assert found[1].message == (
        f"Strategy {s.id} settles motion m-2, but its history ends in adopted, not in settled."
    )
    assert "die is nooit aangenomen" in found[0].message_nl


def test_rs302_stays_silent_for_an_adopted_and_settled_motion_with_unknown_dates():
    s = with_motions(
        motion(step(SUBMITTED), step(ADOPTED), step(SETTLED, document="letter")),
        settles=("m-1",),
    )
    assert only(s, "RS302") == ()


def test_rs303_warns_for_a_settled_step_without_a_document():
    s = with_motions(motion(step(SUBMITTED), step(ADOPTED), step(SETTLED, "2024-06-28")))
    f = the_one(s, "RS303")
    assert (f.severity, f.path, f.subjects) == (
        Severity.WARNING,
        "motions[m-1].history[2].document",
        ("m-1",),
    )
    assert f.message == (
        "Motion m-1 is settled at step 2 without naming the document that settles it."
    )


def test_rs303_stays_silent_for_a_named_document_and_an_unknown_date():
    assert only(reference.strategy_2024(), "RS303") == ()
    s = with_motions(motion(step(SUBMITTED), step(ADOPTED), step(SETTLED, document="letter")))
    assert only(s, "RS303") == ()


# === realisation rules (RS5xx) ============================================================


def realised(*transactions, **changes):
    """The small strategy (al-1: EUR 100.00 in 2024) with these transactions."""
    return small(transactions=transactions, **changes)


def findings_of(strategy, prefix="RS5"):
    return [(f.code, f.path, f.subjects) for f in validate(strategy, select=prefix).findings]


def test_rs001_fires_for_a_transaction_on_no_allocation_and_nothing_else_does():
    ghost = commit("t-1", "0.00", "2030-01-01", allocation="ghost")  # zero and outside: no matter
    s = realised(ghost, pay("t-2", "500.00", "2019-01-01", allocation="ghost"))
    report = validate(s)
    assert [(f.code, f.path, f.subjects) for f in report.findings] == [
        ("RS001", "transactions[t-1].allocation", ("t-1", "ghost")),
        ("RS001", "transactions[t-2].allocation", ("t-2", "ghost")),
    ]
    assert report.findings[0].message == (
        "Transaction t-1 refers in allocation to allocation 'ghost', which does not exist in "
        "the strategy."
    )
    assert report.findings[0].message_nl == (
        "Transactie t-1 verwijst in allocation naar toewijzing 'ghost', die niet in de "
        "strategie voorkomt."
    )


def test_rs001_stays_silent_for_a_transaction_on_an_allocation_that_exists():
    assert validate(realised(commit("t-1", "10.00", "2024-03-01"))).findings == ()


def test_rs002_fires_for_two_transactions_with_one_id_and_not_for_an_id_of_another_kind():
    s = realised(commit("t-1", "10.00", "2024-03-01"), pay("t-1", "5.00", "2024-04-01"))
    f = the_one(s, "RS002")
    assert (f.severity, f.path, f.subjects) == (Severity.ERROR, "transactions[t-1]", ("t-1",))
    assert f.message == "The id 't-1' is used by 2 transactions; each must be used once."
    assert f.message_nl == (
        "Het id 't-1' wordt door 2 transacties gebruikt; elk mag maar één keer voorkomen."
    )
    assert only(realised(commit("al-1", "10.00", "2024-03-01")), "RS002") == ()


def test_on_an_allocation_id_used_twice_only_what_needs_no_allocation_is_checked():
    twice = (allocation(amount=Money(50)), allocation(amount=Money(50)))
    breaking = (
        commit("t-1", "500.00", "2023-01-01"),  # RS501 and RS503 on one allocation
        pay("t-2", "900.00", "2030-01-01"),  # RS502 and RS504, after the strategy's end
        commit("t-3", "-1000.00", "2024-06-01"),  # RS505
        pay("t-4", "0.00", "2024-06-01"),  # RS506
        pay("t-5", "1.00", "2023-06-01"),  # before the allocation: RS504 on one allocation
    )
    # Which al-1 is meant is unknown: its amount and period say nothing, the strategy's
    # end and a zero amount still do.
    assert findings_of(realised(*breaking, allocations=twice)) == [
        ("RS504", "transactions[t-2].date", ("al-1", "t-2")),
        ("RS506", "transactions[t-4].amount", ("t-4",)),
    ]
    message = the_one(realised(*breaking, allocations=twice), "RS504").message
    assert message == (
        "Expenditure t-2 (EUR 900.00 on 2030-01-01) on allocation al-1 is dated after the "
        "strategy's period ends on 2027-12-31."
    )
    assert the_one(realised(*breaking, allocations=twice), "RS002").path == "allocations[al-1]"
    assert {code for code, _, _ in findings_of(realised(*breaking))} == {
        "RS501",
        "RS502",
        "RS503",
        "RS504",
        "RS505",
        "RS506",
    }


# --- RS501 ---------------------------------------------------------------------------------


def test_rs501_fires_at_the_commitment_that_takes_them_beyond_the_amount():
    s = realised(commit("t-2", "40.01", "2024-04-01"), commit("t-1", "60.00", "2024-03-01"))
    f = the_one(s, "RS501")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "transactions[t-2].amount",
        ("al-1", "t-2"),
    )
    assert f.message == (
        "Allocation al-1 is over-committed by EUR 0.01 at commitment t-2 (EUR 40.01 on "
        "2024-04-01): its commitments add up to EUR 100.01 by then, more than its amount of "
        "EUR 100.00."
    )
    assert f.message_nl == (
        "Op toewijzing al-1 is bij verplichting t-2 (€ 40,01 op 2024-04-01) € 0,01 te veel "
        "verplicht: de verplichtingen tellen dan op tot € 100,01, meer dan het bedrag van "
        "€ 100,00."
    )


def test_rs501_stays_silent_for_commitments_that_reach_the_amount_exactly():
    s = realised(commit("t-1", "60.00", "2024-03-01"), commit("t-2", "40.00", "2024-04-01"))
    assert only(s, "RS501") == ()


def test_rs501_does_not_count_spending_as_commitments():
    s = realised(commit("t-1", "100.00", "2024-03-01"), pay("t-2", "100.00", "2024-04-01"))
    assert only(s, "RS501") == ()


def test_rs501_fires_once_at_the_first_excess_even_after_a_release_brings_it_back():
    s = realised(
        commit("t-1", "100.01", "2024-03-01"),
        commit("t-2", "-0.01", "2024-03-02"),  # vrijval: back to EUR 100.00
        commit("t-3", "5.00", "2024-03-03"),  # beyond again
    )
    f = the_one(s, "RS501")
    assert f.path == "transactions[t-1].amount"
    assert "over-committed by EUR 0.01" in f.message


def test_rs501_takes_a_release_before_a_commitment_dated_later_even_if_listed_first():
    s = realised(
        commit("t-3", "50.00", "2024-03-03"),
        commit("t-1", "100.00", "2024-03-01"),
        commit("t-2", "-50.00", "2024-03-02"),
    )
    assert only(s, "RS501") == ()


def test_rs501_takes_commitments_of_one_day_by_id():
    # "a" comes first (EUR 50.00), then "b" takes the total to EUR 110.00.
    s = realised(commit("b", "60.00", "2024-03-01"), commit("a", "50.00", "2024-03-01"))
    assert the_one(s, "RS501").subjects == ("al-1", "b")
    s = realised(commit("a", "60.00", "2024-03-01"), commit("b", "50.00", "2024-03-01"))
    assert the_one(s, "RS501").subjects == ("al-1", "b")


def test_rs501_takes_one_id_used_twice_on_one_day_by_amount():
    s = realised(commit("t", "70.00", "2024-03-01"), commit("t", "-40.00", "2024-03-01"))
    assert only(s, "RS501") == ()  # EUR -40.00 first: the total never passes EUR 30.00
    assert the_one(s, "RS505").subjects == ("al-1", "t")


def test_rs501_says_totals_beyond_the_range_of_one_amount_exactly():
    top = Money(10**12)
    s = realised(
        commit("t-1", top, "2024-03-01"),
        commit("t-2", top, "2024-03-02"),
        allocations=(allocation(amount=top),),
        funding_sources=(source(amount=top),),
    )
    f = the_one(s, "RS501")
    assert "over-committed by EUR 1,000,000,000,000.00" in f.message
    assert "add up to EUR 2,000,000,000,000.00 by then" in f.message


# --- RS502 ---------------------------------------------------------------------------------


def test_rs502_fires_at_a_payment_before_its_commitment():
    s = realised(pay("t-1", "10.00", "2024-03-01"), commit("t-2", "10.00", "2024-03-02"))
    f = the_one(s, "RS502")
    assert (f.severity, f.path, f.subjects) == (
        Severity.ERROR,
        "transactions[t-1].amount",
        ("al-1", "t-1"),
    )
    assert f.message == (
        "Allocation al-1 has spent more than it has committed at expenditure t-1 (EUR 10.00 "
        "on 2024-03-01): EUR 10.00 spent against EUR 0.00 committed by then, EUR 10.00 "
        "without a commitment."
    )
    assert f.message_nl == (
        "Op toewijzing al-1 is bij uitgave t-1 (€ 10,00 op 2024-03-01) meer uitgegeven dan "
        "verplicht: tot dan € 10,00 uitgegeven tegen € 0,00 verplicht, € 10,00 zonder "
        "verplichting."
    )


def test_rs502_stays_silent_for_a_commitment_and_its_payment_on_one_day_whatever_the_ids():
    # The payment's id sorts first, but within a day commitments come first.
    s = realised(pay("a", "10.00", "2024-03-01"), commit("z", "10.00", "2024-03-01"))
    assert findings_of(s) == []


def test_rs502_fires_at_a_release_of_money_already_spent():
    s = realised(
        commit("t-1", "100.00", "2024-03-01"),
        pay("t-2", "80.00", "2024-04-01"),
        commit("t-3", "-30.00", "2024-05-01"),  # vrijval of EUR 30.00, but only 20.00 is open
    )
    f = the_one(s, "RS502")
    assert f.path == "transactions[t-3].amount"
    assert f.message == (
        "Allocation al-1 has spent more than it has committed at commitment t-3 (EUR -30.00 "
        "on 2024-05-01): EUR 80.00 spent against EUR 70.00 committed by then, EUR 10.00 "
        "without a commitment."
    )
    near = realised(
        commit("t-1", "100.00", "2024-03-01"),
        pay("t-2", "80.00", "2024-04-01"),
        commit("t-3", "-20.00", "2024-05-01"),
    )
    assert findings_of(near) == []


def test_rs502_fires_once_per_allocation_at_the_first_uncovered_payment():
    s = realised(
        pay("t-1", "10.00", "2024-03-01"),
        pay("t-2", "10.00", "2024-03-02"),
        commit("t-3", "20.00", "2024-03-03"),
        pay("t-4", "30.00", "2024-03-04"),
    )
    assert the_one(s, "RS502").path == "transactions[t-1].amount"


def test_rs502_fires_where_a_release_takes_commitments_below_what_is_spent_even_zero():
    # Releasing what was never committed leaves EUR 0.00 spent against EUR -10.00 committed:
    # RS505 and RS502 both.
    s = realised(commit("t-1", "-10.00", "2024-03-01"))
    assert findings_of(s) == [
        ("RS502", "transactions[t-1].amount", ("al-1", "t-1")),
        ("RS505", "transactions[t-1].amount", ("al-1", "t-1")),
    ]


# --- RS503 ---------------------------------------------------------------------------------


def test_rs503_fires_for_each_commitment_dated_outside_the_allocation_s_period():
    s = realised(
        commit("t-1", "10.00", "2023-12-31"),
        commit("t-2", "-5.00", "2025-01-01"),  # a correction too
        pay("t-3", "5.00", "2025-06-01"),  # an expenditure after the period: RS504's concern
    )
    found = only(s, "RS503")
    assert [(f.severity, f.path, f.subjects) for f in found] == [
        (Severity.ERROR, "transactions[t-1].date", ("al-1", "t-1")),
        (Severity.ERROR, "transactions[t-2].date", ("al-1", "t-2")),
    ]
    assert found[0].message == (
        "Commitment t-1 (EUR 10.00 on 2023-12-31) on allocation al-1 is dated outside the "
        "allocation's period (2024-01-01 to 2024-12-31)."
    )
    assert found[0].message_nl == (
        "Verplichting t-1 (€ 10,00 op 2023-12-31) op toewijzing al-1 valt buiten de periode "
        "van de toewijzing (2024-01-01 t/m 2024-12-31)."
    )


def test_rs503_stays_silent_for_commitments_on_the_first_and_last_day():
    s = realised(commit("t-1", "10.00", "2024-01-01"), commit("t-2", "10.00", "2024-12-31"))
    assert findings_of(s) == []


# --- RS504 ---------------------------------------------------------------------------------


def test_rs504_fires_for_a_payment_before_the_allocation_starts_or_after_the_strategy_ends():
    s = realised(
        commit("t-1", "50.00", "2024-01-01"),
        pay("t-2", "10.00", "2028-01-01"),
        pay("t-3", "-1.00", "2023-12-31"),  # a correction too
    )
    found = only(s, "RS504")
    assert [(f.severity, f.path, f.subjects) for f in found] == [
        (Severity.ERROR, "transactions[t-2].date", ("al-1", "t-2")),
        (Severity.ERROR, "transactions[t-3].date", ("al-1", "t-3")),
    ]
    assert found[0].message == (
        "Expenditure t-2 (EUR 10.00 on 2028-01-01) on allocation al-1 is dated after the "
        "strategy's period ends on 2027-12-31."
    )
    assert found[0].message_nl == (
        "Uitgave t-2 (€ 10,00 op 2028-01-01) op toewijzing al-1 valt na het einde van de "
        "periode van de strategie op 2027-12-31."
    )
    assert found[1].message == (
        "Expenditure t-3 (EUR -1.00 on 2023-12-31) on allocation al-1 is dated before the "
        "allocation's period starts on 2024-01-01."
    )
    assert found[1].message_nl == (
        "Uitgave t-3 (€ -1,00 op 2023-12-31) op toewijzing al-1 valt voor het begin van de "
        "periode van de toewijzing op 2024-01-01."
    )


def test_rs504_names_both_limits_when_the_allocation_starts_after_the_strategy_ends():
    late = allocation(period=Period.years(2029))
    s = realised(pay("t-1", "1.00", "2028-06-01"), allocations=(late,))
    assert the_one(s, "RS504").message.endswith(
        "is dated before the allocation's period starts on 2029-01-01 and after the "
        "strategy's period ends on 2027-12-31."
    )
    assert " en na het einde van de periode" in the_one(s, "RS504").message_nl


def test_rs504_allows_payments_from_the_allocation_s_first_day_to_the_strategy_s_last():
    s = realised(
        commit("t-1", "50.00", "2024-01-01"),
        pay("t-2", "10.00", "2024-01-01"),
        pay("t-3", "40.00", "2027-12-31"),  # after the allocation's own period: allowed
    )
    assert findings_of(s) == []


# --- RS505 ---------------------------------------------------------------------------------


def test_rs505_fires_once_per_allocation_and_kind_at_the_first_correction_below_zero():
    s = realised(
        commit("t-1", "20.00", "2024-03-01"),
        pay("t-2", "20.00", "2024-03-02"),
        pay("t-3", "-20.01", "2024-03-03"),  # refunds more than was spent
        pay("t-4", "-5.00", "2024-03-04"),  # below zero still: no second finding
        commit("t-5", "-20.00", "2024-03-05"),  # releases all: EUR 0.00, not below
        commit("t-6", "-0.01", "2024-03-06"),  # now below zero
    )
    found = only(s, "RS505")
    assert [(f.severity, f.path, f.subjects) for f in found] == [
        (Severity.ERROR, "transactions[t-3].amount", ("al-1", "t-3")),
        (Severity.ERROR, "transactions[t-6].amount", ("al-1", "t-6")),
    ]
    assert found[0].message == (
        "The spending on allocation al-1 falls below zero at expenditure t-3 (EUR -20.01 on "
        "2024-03-03): it adds up to EUR -0.01 by then; a correction cannot take back more "
        "than was spent."
    )
    assert found[0].message_nl == (
        "De uitgaven op toewijzing al-1 komen onder nul bij uitgave t-3 (€ -20,01 op "
        "2024-03-03): ze tellen dan op tot € -0,01; er kan niet meer worden teruggeboekt dan "
        "er is uitgegeven."
    )
    assert found[1].message == (
        "The commitments on allocation al-1 fall below zero at commitment t-6 (EUR -0.01 on "
        "2024-03-06): they add up to EUR -0.01 by then; a correction cannot release more "
        "than was committed."
    )
    assert found[1].message_nl == (
        "De verplichtingen op toewijzing al-1 komen onder nul bij verplichting t-6 (€ -0,01 op "
        "2024-03-06): ze tellen dan op tot € -0,01; er kan niet meer vrijvallen dan er "
        "verplicht is."
    )


def test_rs505_stays_silent_for_corrections_that_take_back_exactly_what_was_booked():
    s = realised(
        commit("t-1", "20.00", "2024-03-01"),
        pay("t-2", "20.00", "2024-03-02"),
        pay("t-3", "-20.00", "2024-03-03"),
        commit("t-4", "-20.00", "2024-03-04"),
    )
    assert findings_of(s) == []


# --- RS506 ---------------------------------------------------------------------------------


def test_rs506_warns_for_a_transaction_of_zero():
    s = realised(pay("t-1", "0.00", "2024-03-01"))
    f = the_one(s, "RS506")
    assert (f.severity, f.path, f.subjects) == (
        Severity.WARNING,
        "transactions[t-1].amount",
        ("t-1",),
    )
    assert f.message == (
        "Expenditure t-1 (EUR 0.00 on 2024-03-01) on allocation al-1 has an amount of zero."
    )
    assert f.message_nl == (
        "Uitgave t-1 (€ 0,00 op 2024-03-01) op toewijzing al-1 heeft een bedrag van nul."
    )
    assert validate(s).ok


def test_rs506_stays_silent_for_one_cent_either_way():
    s = realised(
        commit("t-1", "0.01", "2024-03-01"),
        pay("t-2", "0.01", "2024-03-01"),
        pay("t-3", "-0.01", "2024-03-02"),
    )
    assert findings_of(s) == []


# --- the realisation rules together ------------------------------------------------------------


def test_the_realisation_examples_break_only_their_own_rule_in_a_plan_without_transactions():
    for code in [code for code in RULES if code.startswith("RS5")]:
        base = plan()
        assert base.transactions == ()
        assert validate(RULES[code].breaks(base)).codes == (code,), code
        assert validate(RULES[code].keeps(base)).findings == (), code


def test_the_realisation_examples_break_only_their_own_rule_in_the_illustrative_plan():
    base = rs.load(PLAN_examples)
    assert len(base.transactions) == 13
    for code in [code for code in RULES if code.startswith("RS5")]:
        assert validate(RULES[code].breaks(base)).codes == (code,), code
        assert validate(RULES[code].keeps(base)).findings == (), code


@st.composite
def passing_ledgers(draw):
    """The small strategy with transactions crowded on al-1's first days, breaking no rule.

    Drawn transactions are taken in the rules' order, and each that would
    break a rule is left out.
    """
    drawn = draw(
        st.lists(
            st.builds(
                lambda name, kind, euros, day: rs.Transaction(
                    id=name,
                    allocation="al-1",
                    kind=kind,
                    amount=Money(euros),
                    date=Period.years(2024).start.add(days=day),
                ),
                st.sampled_from(("a", "example-q", "f", "z")),
                st.sampled_from(rs.TransactionKind),
                st.sampled_from((-20, -10, 10, 20, 30, 50)),
                st.integers(min_value=0, max_value=2),
            ),
            max_size=6,
            unique_by=lambda t: t.id,
        )
    )
    kept, committed, spent = [], 0, 0
    for t in sorted(drawn, key=lambda t: (t.date, t.kind.value, t.id)):
        c = committed + (t.amount.cents if t.kind.value == "commitment" else 0)
        p = spent + (t.amount.cents if t.kind.value == "expenditure" else 0)
        if 0 <= p <= c <= 100_00:
            kept.append(t)
            committed, spent = c, p
    strategy = small(transactions=tuple(reversed(kept)))
    assert validate(strategy).findings == ()
    return strategy


@pytest.mark.parametrize("code", sorted(code for code in RULES if code.startswith("RS5")))
@given(strategy=passing_ledgers())
def test_the_realisation_examples_hold_on_a_crowded_first_day(code, strategy):
    assert code in validate(RULES[code].breaks(strategy)).codes
    assert code not in validate(RULES[code].keeps(strategy)).codes


@st.composite
def ledgers(draw):
    """The small strategy with up to 12 transactions on two allocations and a ghost.

    Few ids, days and amounts, so that ties, ids used twice and every rule occur.
    """
    allocations = (
        allocation(id="al-1", amount=Money(60)),
        allocation(id="al-2", amount=Money(40), period=Period("2024-03-01", "2024-03-04")),
    )
    transactions = draw(
        st.lists(
            st.builds(
                lambda name, on, kind, cents, day: rs.Transaction(
                    id=name,
                    allocation=on,
                    kind=kind,
                    amount=Money.from_cents(cents),
                    date=Period.years(2024).start.add(months=2, days=day),
                ),
                st.sampled_from(("a", "b", "c", "d")),
                st.sampled_from(("al-1", "al-2", "ghost")),
                st.sampled_from(rs.TransactionKind),
                st.sampled_from((-2_000, -1, 0, 1, 1_000, 2_000, 3_000, 4_000)),
                st.integers(min_value=-1, max_value=4),
            ),
            max_size=12,
        )
    )
    return small(allocations=allocations, transactions=tuple(transactions))


def first_findings_by_hand(strategy):
    """(code, allocation, transaction) of each first finding of RS501, RS502 and RS505."""
    firsts = {}
    for each in strategy.allocations:
        mine = sorted(
            (t for t in strategy.transactions if t.allocation == each.id),
            key=lambda t: (t.date, t.kind.value != "commitment", t.id, t.amount.cents),
        )
        committed = spent = 0
        for t in mine:
            if t.kind.value == "commitment":
                committed += t.amount.cents
            else:
                spent += t.amount.cents
            happened = {
                ("RS501", ""): committed > each.amount.cents,
                ("RS502", ""): spent > committed,
                ("RS505", "commitment"): committed < 0,
                ("RS505", "expenditure"): spent < 0,
            }
            for (code, kind), now in happened.items():
                if now:
                    firsts.setdefault((code, each.id, kind), t.id)
    return {(code, name, first) for (code, name, _), first in firsts.items()}


@given(ledgers())
def test_the_running_totals_agree_with_a_walk_by_hand(strategy):
    found = {
        (f.code, *f.subjects)
        for f in validate(strategy, select=["RS501", "RS502", "RS505"]).findings
    }
    assert found == first_findings_by_hand(strategy)


@given(ledgers())
def test_dates_and_zeros_agree_with_a_check_by_hand(strategy):
    periods = {a.id: a.period for a in strategy.allocations}
    outside, early_or_late, zero = set(), set(), set()
    for t in strategy.transactions:
        if t.allocation not in periods:
            continue
        span = periods[t.allocation]
        if t.kind.value == "commitment" and not span.start <= t.date <= span.end:
            outside.add((t.allocation, t.id))
        if t.kind.value == "expenditure" and not (span.start <= t.date <= strategy.period.end):
            early_or_late.add((t.allocation, t.id))
        if t.amount.cents == 0:
            zero.add((t.id,))
    assert {f.subjects for f in only(strategy, "RS503")} == outside
    assert {f.subjects for f in only(strategy, "RS504")} == early_or_late
    assert {f.subjects for f in only(strategy, "RS506")} == zero


@given(ledgers(), st.data())
def test_the_realisation_findings_do_not_depend_on_the_order_of_the_transactions(strategy, data):
    mixed = data.draw(st.permutations(strategy.transactions))
    assert validate(attrs.evolve(strategy, transactions=tuple(mixed))).findings == (
        validate(strategy).findings
    )


def test_validate_makes_the_realisation_ledger_once_per_call(monkeypatch):
    made = []
    read = _realisation_rules._read

    def counted(strategy):
        made.append(strategy)
        return read(strategy)

    monkeypatch.setattr(_realisation_rules, "_read", counted)
    s = realised(pay("t-1", "10.00", "2024-03-01"), commit("t-2", "-1.00", "2024-03-02"))
    first = validate(s)
    assert len(made) == 1
    assert validate(s) == first  # a second call makes its own, with the same findings
    assert len(made) == 2
    assert RULES["RS502"].run(s) == RULES["RS502"].run(s)
    assert len(made) == 4  # a rule run twice never reads an old ledger
    assert [f.code for f in first.findings] == ["RS502", "RS505"]


# === properties of the rules ==============================================================

PREFIXES = sorted({code[:n] for code in RULES for n in range(3, 6)})


@st.composite
def balanced_strategies(draw):
    """Strategies whose funding sources are each allocated exactly, to the cent."""
    sources, allocations = [], []
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        amount = Money.from_cents(draw(st.integers(min_value=1, max_value=10**12)))
        sources.append(source(id=f"fund-{index}", amount=amount))
        ratios = draw(st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=6))
        for part, cents in enumerate(amount.allocate(ratios)):
            allocations.append(
                allocation(id=f"al-{index}-{part}", source=f"fund-{index}", amount=cents)
            )
    status = draw(st.sampled_from(StrategyStatus))
    return small(status=status, funding_sources=tuple(sources), allocations=tuple(allocations))


@given(balanced_strategies())
def test_a_strategy_built_to_balance_has_no_rs101_or_rs102(strategy):
    assert validate(strategy, select=["RS101", "RS102"]).findings == ()


@given(balanced_strategies(), st.data())
def test_one_more_cent_anywhere_gives_exactly_one_rs101(strategy, data):
    allocations = list(strategy.allocations)
    index = data.draw(st.integers(min_value=0, max_value=len(allocations)), label="where")
    if index == len(allocations):
        target = data.draw(st.sampled_from(strategy.funding_sources)).id
        allocations.append(allocation(id="one-cent", source=target, amount=Money("0.01")))
    else:
        chosen = allocations[index]
        target = chosen.source
        allocations[index] = attrs.evolve(chosen, amount=chosen.amount + Money("0.01"))
    report = validate(attrs.evolve(strategy, allocations=tuple(allocations)))
    assert [f.code for f in report.findings] == ["RS101"]
    assert report.findings[0].subjects == (target,)
    assert "over-allocated by EUR 0.01" in report.findings[0].message


@given(messy_strategies(), st.lists(st.sampled_from(PREFIXES), min_size=1, max_size=3))
def test_select_and_ignore_partition_the_findings(strategy, prefixes):
    everything = validate(strategy).findings
    chosen = validate(strategy, select=prefixes).findings
    rest = validate(strategy, ignore=prefixes).findings
    assert Findings(chosen + rest).findings == everything
    assert not set(chosen) & set(rest)
    assert all(f.code.startswith(tuple(prefixes)) for f in chosen)


@given(messy_strategies(), st.randoms(use_true_random=False))
def test_the_findings_do_not_depend_on_the_order_of_the_input(strategy, rnd):
    assert validate(shuffled(strategy, rnd)).findings == validate(strategy).findings


@given(messy_strategies())
def test_findings_are_sorted_by_code_then_path_and_carry_ids_not_positions(strategy):
    findings = validate(strategy).findings
    keys = [(f.code, f.path) for f in findings]
    assert keys == sorted(keys)
    for f in findings:
        assert f.code in RULES
        assert f.message
        assert f.message_nl
        assert f.message != f.message_nl


# === the rules on the reference strategy ==================================================


def test_the_reference_strategy_gives_exactly_one_finding_rs102_as_a_warning():
    report = validate(reference.strategy_2024())
    assert len(report.findings) == 1
    (f,) = report.findings
    assert (f.code, f.severity, f.path, f.subjects) == (
        "RS102",
        Severity.WARNING,
        "funding_sources[van-strien-funds].amount",
        ("van-strien-funds",),
    )
    assert "EUR 4,000,000.00 of its EUR 4,000,000.00 is not allocated" in f.message
    assert "€ 4.000.000,00" in f.message_nl
    assert report.ok
    report.raise_for_errors()


def test_the_reference_strategy_made_final_fails_on_its_unallocated_money():
    final = attrs.evolve(reference.strategy_2024(), status=StrategyStatus.FINAL)
    report = validate(final)
    assert [(f.code, f.severity) for f in report.findings] == [("RS102", Severity.ERROR)]
    assert not report.ok


def test_a_complete_plan_that_follows_the_letter_has_no_findings():
    assert validate(plan()).findings == ()


def breaks_every_rule_once():
    """The plan, changed so that each rule is broken exactly once."""
    base = plan()
    # RS401: without Impuls Zeeland no ROM serves Zeeland.
    roms = tuple(r for r in base.roms if r.code != "IMPULS")
    activities = (
        *base.activities,
        # RS201 (one distinct ROM) and RS202 (lead not among the ROMs).
        activity(id="solo", roms=("LIOF", "LIOF"), lead="BOM", theme="solo", pillar="II"),
        # RS203: competes with NOM's regional act-nom-food.
        activity(
            id="food-together",
            theme="Food",
            period=Period("2024-06-01", "2025-05-31"),
            complements=("rijk-regio",),
        ),
        regional(id="act-nom-food", theme=" food ", period=Period.years(2025)),
        # RS205: regional, but run by two ROMs.
        regional(id="two-roms", roms=("BOM", "LIOF"), lead="BOM", theme="mbo"),
        # RS001: a complements entry that points to nothing.
        activity(
            id="lost", roms=("BOM", "LIOF"), lead="BOM", theme="lost", complements=("nowhere",)
        ),
    )
    van_strien = base.funding_sources[0]
    extra = source(id="extra", amount=Money("10.00"), period=Period.years(2024))
    allocations = (
        # RS101: one cent too much from the Van Strien funds.
        attrs.evolve(base.allocations[0], amount=base.allocations[0].amount + Money("0.01")),
        base.allocations[1],
        base.allocations[2],
        # RS102: EUR 10.00 of extra left, given only EUR 0.00; RS103: outside 2024.
        allocation(
            id="al-late",
            source="extra",
            amount=Money(0),
            pillar="II",
            period=Period("2024-12-01", "2025-01-31"),
        ),
        # RS104: pillar I for an activity under pillar III.
        allocation(
            id="al-pillar", source="extra", amount=Money(0), pillar="I", activity="energy-together"
        ),
        # RS105: a negative amount (which RS101 then does not see).
        allocation(id="al-negative", source="extra", amount=Money(-5), pillar="II"),
        # RS106: a schedule a cent more than the amount.
        allocation(
            id="al-positive",
            source="extra",
            amount=Money(5),
            pillar="II",
            schedule=(YearAmount(year=2024, amount=Money("5.01")),),
        ),
    )
    motions = (
        *base.motions,
        # RS301: settled without ever being adopted.
        motion(step(SUBMITTED), step(SETTLED, document="letter"), id="jumps"),
        # RS302: settled by the strategy, but rejected.
        motion(step(SUBMITTED), step(REJECTED), id="rejected"),
        # RS303: settled without a document.
        motion(
            step(SUBMITTED),
            step(ADOPTED),
            step(IN_PROGRESS),
            step(SETTLED, "2024-06-28"),
            id="no-document",
        ),
        # RS002: the id of an amendment used again.
        motion(step(SUBMITTED), id="van-strien-2023", kind=MotionKind.AMENDMENT),
        # RS304: a co-signer named, but not marked as co-submitted.
        motion(step(SUBMITTED), id="unmarked", co_submitters=("Example Two",)),
    )
    al_2 = base.allocations[1]
    transactions = (
        # RS501: one cent more than al-2 holds is committed.
        commit("tx-over", al_2.amount + Money("0.01"), "2024-02-01", allocation="al-2"),
        # RS505: a refund of money al-2 never spent.
        pay("tx-refund", "-5.00", "2024-03-01", allocation="al-2"),
        # RS506: a commitment of nothing.
        commit("tx-zero", "0.00", "2024-04-01", allocation="al-2"),
        # RS502: al-3 pays before anything is committed.
        pay("tx-early", "10.00", "2024-07-01", allocation="al-3"),
        # RS503: a commitment after al-3's period ends (2025-12-31).
        commit("tx-late-commitment", "20.00", "2026-01-01", allocation="al-3"),
        # RS504: a payment after the strategy ends (2027-12-31).
        pay("tx-late-payment", "10.00", "2028-01-01", allocation="al-3"),
    )
    return attrs.evolve(
        base,
        roms=roms,
        activities=activities,
        funding_sources=(van_strien, extra),
        allocations=allocations,
        transactions=transactions,
        motions=motions,
        settles=(*base.settles, "rejected"),
    )


def test_a_strategy_that_breaks_each_rule_once_reports_each_code_once():
    report = validate(breaks_every_rule_once())
    built_for = "RS001 RS002 RS101 RS102 RS103 RS104 RS105 RS106 RS201 RS202 RS203 RS204 RS205 RS301 RS302 RS303 RS304 RS401 RS501 RS502 RS503 RS504 RS505 RS506"
    assert [f.code for f in report.findings] == built_for.split()
    assert report.codes == tuple(built_for.split()) == tuple(RULES)
    assert not report.ok
    # RS102 is an error in a final strategy; RS303 and RS506 are the only warnings.
    assert [f.code for f in report.warnings] == ["RS303", "RS506"]
    assert [f.subjects for f in report.findings if f.code == "RS401"] == [("NL-ZE",)]
    assert [f.subjects for f in report.findings if f.code.startswith("RS5")] == [
        ("al-2", "tx-over"),
        ("al-3", "tx-early"),
        ("al-3", "tx-late-commitment"),
        ("al-3", "tx-late-payment"),
        ("al-2", "tx-refund"),
        ("tx-zero",),
    ]


# === reference rules (dangling ids) =======================================================


def test_rs001_fires_once_per_missing_id_with_the_referring_field_as_path():
    s = small(
        funding_sources=(source(origin="ghost-amendment"),),
        activities=(
            activity(
                id="act-1",
                pillar="IV",
                roms=("NOM", "XYZ", "XYZ"),
                lead="ABC",
                complements=("nowhere",),
            ),
        ),
        allocations=(allocation(source="elsewhere", pillar="V", activity="act-9"),),
        roms=(*reference.ROMS, ROM(code="NEW", name="New", provinces=("NL-XX",))),
        settles=("unknown-motion",),
    )
    found = only(s, "RS001")
    assert [(f.path, f.subjects) for f in found] == [
        ("activities[act-1].complements", ("act-1", "nowhere")),
        ("activities[act-1].lead", ("act-1", "ABC")),
        ("activities[act-1].pillar", ("act-1", "IV")),
        ("activities[act-1].roms", ("act-1", "XYZ")),
        ("allocations[al-1].activity", ("al-1", "act-9")),
        ("allocations[al-1].pillar", ("al-1", "V")),
        ("allocations[al-1].source", ("al-1", "elsewhere")),
        ("funding_sources[fund].origin", ("fund", "ghost-amendment")),
        ("roms[NEW].provinces", ("NEW", "NL-XX")),
        ("settles[unknown-motion]", (s.id, "unknown-motion")),
    ]
    assert all(f.severity is Severity.ERROR for f in found)
    assert found[6].message == (
        "Allocation al-1 refers in source to funding source 'elsewhere', which does not "
        "exist in the strategy."
    )
    assert found[6].message_nl == (
        "Toewijzing al-1 verwijst in source naar financieringsbron 'elsewhere', die niet in "
        "de strategie voorkomt."
    )
    assert found[9].message == (
        f"Strategy {s.id} settles motion 'unknown-motion', which does not exist in the strategy."
    )


def test_rs001_stays_silent_when_every_reference_resolves():
    s = small(
        motions=(motion(id="m-1"),),
        funding_sources=(source(origin="m-1"),),
        activities=(activity(id="act-1", complements=("act-r",)), activity(id="act-r")),
        allocations=(allocation(pillar="III", activity="act-1"),),
    )
    assert only(s, "RS001") == ()
    assert only(reference.strategy_2024(), "RS001") == ()


def test_rs002_fires_once_per_duplicated_id_within_a_kind():
    s = small(
        allocations=(
            allocation(id="x", amount=Money(50)),
            allocation(id="x", amount=Money(25)),
            allocation(id="x", amount=Money(25)),
        ),
        provinces=(*reference.PROVINCES, Province(code="NL-UT", name="Utrecht")),
    )
    found = only(s, "RS002")
    assert [(f.severity, f.path, f.subjects) for f in found] == [
        (Severity.ERROR, "allocations[x]", ("x",)),
        (Severity.ERROR, "provinces[NL-UT]", ("NL-UT",)),
    ]
    assert found[0].message == "The id 'x' is used by 3 allocations; each must be used once."
    assert found[1].message == "The code 'NL-UT' is used by 2 provinces; each must be used once."
    assert found[1].message_nl.startswith("De code 'NL-UT' wordt door 2 provincies gebruikt")


def test_rs002_stays_silent_for_the_same_id_in_different_kinds():
    s = small(activities=(activity(id="fund"),), allocations=(allocation(id="fund"),))
    assert only(s, "RS002") == ()


def test_rules_that_need_an_object_skip_an_ambiguous_duplicated_id():
    s = small(
        activities=(activity(id="a", pillar="I"), activity(id="a", pillar="II")),
        allocations=(allocation(pillar="III", activity="a"),),
    )
    assert only(s, "RS104") == ()
    assert the_one(s, "RS002").subjects == ("a",)


# === exact findings, messages and user rules ==============================================


def finding_exact(
    code="RS101", severity=Severity.ERROR, path="funding_sources[fund].amount", **extra
):
    fields = {
        "code": code,
        "severity": severity,
        "message": f"{code} in English.",
        "message_nl": f"{code} in het Nederlands.",
        "path": path,
        "subjects": ("fund",),
    }
    return Finding(**(fields | extra))


def _none(strategy):
    return ()


# --- findings and reports --------------------------------------------------------------------


def test_a_finding_formats_one_line_in_each_language():
    one = finding_exact(severity=Severity.WARNING)
    assert one.format() == "RS101 warning funding_sources[fund].amount: RS101 in English."
    assert one.format("en") == str(one)
    assert one.format("nl") == (
        "RS101 waarschuwing funding_sources[fund].amount: RS101 in het Nederlands."
    )
    assert finding_exact(severity=Severity.ERROR).format("nl").startswith("RS101 fout ")
    assert finding_exact(severity=Severity.INFO).format("nl").startswith("RS101 info ")


def test_a_finding_and_a_report_take_the_language_as_lang_and_locale_is_no_keyword():
    report = validate(small(pillars=()))
    assert report.format(lang="nl") == report.format("nl") != report.format()
    assert report.findings[0].format(lang="nl") == report.findings[0].format("nl")
    for formatted in (report, report.findings[0]):
        with pytest.raises(TypeError, match=r"\(\) got an unexpected keyword argument 'locale'"):
            formatted.format(locale="nl")
        with pytest.raises(ValueError, match=r"format: got lang None, expected 'en' or 'nl'"):
            formatted.format(None)


def test_a_finding_and_a_report_refuse_another_language_by_name():
    with pytest.raises(
        ValueError, match=exactly("Finding.format: got lang 'de', expected 'en' or 'nl'")
    ):
        finding_exact().format("de")
    with pytest.raises(
        ValueError, match=exactly("Findings.format: got lang 'de', expected 'en' or 'nl'")
    ):
        Findings([finding_exact()]).format("de")


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (
            "rs101",
            "Finding.code: got 'rs101', expected capital letters then digits, such as 'RS203'",
        ),
        ("RS", "Finding.code: got 'RS', expected capital letters then digits, such as 'RS203'"),
        ("101", "Finding.code: got '101', expected capital letters then digits, such as 'RS203'"),
        (
            "RS101 ",
            "Finding.code: got 'RS101 ', expected capital letters then digits, such as 'RS203'",
        ),
    ],
)
def test_a_finding_refuses_a_code_that_is_not_letters_then_digits_exact(code, message):
    with pytest.raises(ValueError, match=exactly(message)):
        finding_exact(code=code)


def test_a_finding_refuses_a_code_that_is_not_a_str():
    with pytest.raises(
        TypeError, match=exactly("Finding.code: got 101, expected a rule code such as 'RS203'")
    ):
        finding_exact(code=101)


@pytest.mark.parametrize(
    ("severities", "en", "nl"),
    [
        (
            (Severity.ERROR,),
            "1 finding (1 error, 0 warnings, 0 info)",
            "1 bevinding (1 fout, 0 waarschuwingen, 0 info)",
        ),
        (
            (Severity.WARNING,),
            "1 finding (0 errors, 1 warning, 0 info)",
            "1 bevinding (0 fouten, 1 waarschuwing, 0 info)",
        ),
        (
            (Severity.INFO,),
            "1 finding (0 errors, 0 warnings, 1 info)",
            "1 bevinding (0 fouten, 0 waarschuwingen, 1 info)",
        ),
        (
            (
                Severity.ERROR,
                Severity.ERROR,
                Severity.WARNING,
                Severity.WARNING,
                Severity.INFO,
                Severity.INFO,
            ),
            "6 findings (2 errors, 2 warnings, 2 info)",
            "6 bevindingen (2 fouten, 2 waarschuwingen, 2 info)",
        ),
    ],
)
def test_the_headline_counts_each_severity_with_singular_and_plural(severities, en, nl):
    findings = [
        finding_exact(path=f"funding_sources[f{index}].amount", severity=severity)
        for index, severity in enumerate(severities)
    ]
    report = Findings(findings)
    assert report.format("en").splitlines()[0] == en
    assert report.format("nl").splitlines()[0] == nl
    assert len(report.format("en").splitlines()) == 1 + len(findings)
    assert report.to_dict()["counts"] == {
        "error": severities.count(Severity.ERROR),
        "warning": severities.count(Severity.WARNING),
        "info": severities.count(Severity.INFO),
    }


def test_an_empty_report_says_so_in_each_language():
    assert Findings().format() == "No findings."
    assert Findings().format("nl") == "Geen bevindingen."
    assert str(Findings()) == "0 errors, 0 warnings, 0 info"
    assert Findings().format("en") == "No findings."


def test_strategy_invalid_lists_the_headline_and_every_finding_in_english():
    error = finding_exact(code="RS102", path="b")
    warning = finding_exact(code="RS101", path="a", severity=Severity.WARNING)
    raised = StrategyInvalid([error, warning])
    assert str(raised) == (
        "strategy is invalid: 2 findings (1 error, 1 warning, 0 info)\n"
        "RS101 warning a: RS101 in English.\n"
        "RS102 error b: RS102 in English."
    )
    assert raised.findings == (warning, error)
    assert raised.errors == (error,)
    copy = pickle.loads(pickle.dumps(raised))
    assert str(copy) == str(raised)
    assert copy.findings == raised.findings


def test_raise_for_errors_raises_only_for_errors():
    Findings(
        [finding_exact(severity=Severity.WARNING), finding_exact(path="x", severity=Severity.INFO)]
    ).raise_for_errors()
    with pytest.raises(StrategyInvalid, match=r"\Astrategy is invalid: 1 finding \(1 error"):
        Findings([finding_exact()]).raise_for_errors()


# --- rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "explanation"])
def test_a_rule_refuses_title_and_explanation_that_are_not_text(field):
    fields = {"title": "T", "explanation": "E"} | {field: 5}
    with pytest.raises(TypeError, match=exactly(f"Rule.{field}: got 5, expected a str")):
        Rule("XX1", Severity.ERROR, fields["title"], fields["explanation"], _none)


@pytest.mark.parametrize("field", ["title_nl", "failing_example", "passing_example"])
def test_a_rule_refuses_optional_words_that_are_not_text(field):
    with pytest.raises(TypeError, match=exactly(f"Rule.{field}: got 5, expected a str")):
        Rule("XX1", Severity.ERROR, "T", "E", _none, **{field: 5})


def test_a_rule_refuses_blank_words_and_a_check_that_is_no_function():
    with pytest.raises(ValueError, match=exactly("Rule.title: got '  ', every rule needs one")):
        Rule("XX1", Severity.ERROR, "  ", "E", _none)
    with pytest.raises(
        TypeError,
        match=exactly("Rule.check: got 'not callable', expected a function of a Strategy"),
    ):
        Rule("XX1", Severity.ERROR, "T", "E", "not callable")
    with pytest.raises(
        ValueError,
        match=exactly(
            "Rule.code: got 'xx1', expected capital letters then digits, such as 'RS203'"
        ),
    ):
        Rule("xx1", Severity.ERROR, "T", "E", _none)


def test_a_rules_optional_words_are_keyword_only_and_default_to_empty():
    built = Rule("XX1", Severity.ERROR, "T", "E", _none)
    assert (built.title_nl, built.failing_example, built.passing_example) == ("", "", "")
    with pytest.raises(TypeError):
        Rule("XX1", Severity.ERROR, "T", "E", _none, "titel")
    assert "check" not in repr(built)
    assert "title='T'" in repr(built)


def test_the_decorator_keeps_every_field_it_is_given():
    @rule(
        "XX2",
        "warning",
        title="T",
        explanation="Given.",
        title_nl="Titel",
        failing_example="Fails.",
        passing_example="Passes.",
    )
    def check(strategy):
        """The docstring, which the explanation overrides."""
        return ()

    assert check.code == "XX2"
    assert check.severity is Severity.WARNING
    assert check.explanation == "Given."
    assert (check.title_nl, check.failing_example, check.passing_example) == (
        "Titel",
        "Fails.",
        "Passes.",
    )


def test_the_decorator_takes_the_docstring_and_defaults_the_rest_to_empty():
    @rule("XX3", Severity.INFO, title="T")
    def check(strategy):
        """From the docstring."""
        return ()

    assert check.explanation == "From the docstring."
    assert (check.title_nl, check.failing_example, check.passing_example) == ("", "", "")


def test_the_decorator_names_the_bad_severity_and_the_missing_explanation():
    with pytest.raises(
        ValueError,
        match=exactly("rule.severity: got 'fatal', expected one of 'error', 'warning', 'info'"),
    ):
        rule("XX4", "fatal", title="T", explanation="E")(_none)
    with pytest.raises(
        ValueError,
        match=exactly("rule XX4: give an explanation or a docstring; every rule needs one"),
    ):
        rule("XX4", "error", title="T")(_none)


def test_a_rule_run_refuses_what_is_not_its_own_finding():
    wrong_type = Rule("XX5", Severity.ERROR, "T", "E", lambda s: ["text"])
    with pytest.raises(TypeError, match=exactly("rule XX5 yielded str 'text', expected Finding")):
        wrong_type.run(small())
    wrong_code = Rule("XX5", Severity.ERROR, "T", "E", lambda s: [finding_exact(code="XX6")])
    with pytest.raises(
        ValueError,
        match=exactly(
            "rule XX5 yielded a finding with code 'XX6'; a rule's findings carry its own code"
        ),
    ):
        wrong_code.run(small())


# --- validate and explain --------------------------------------------------------------------


def test_explain_refuses_a_code_it_cannot_look_up_listing_the_known_codes():
    known = ", ".join(RULES)
    for code in ("RS999", ["RS001"], None):
        with pytest.raises(
            LookupError,
            match=exactly(f"rule_for: no rule has the code {code!r}; known codes: {known}"),
        ):
            rule_for(code)


def test_explain_and_validate_see_user_rules_for_one_call_only():
    extra = Rule("XX7", Severity.INFO, "T", "E", lambda s: [finding_exact(code="XX7")])
    assert rule_for("XX7", rules=[extra]) is extra
    with pytest.raises(LookupError):
        rule_for("XX7")
    assert run_rules(small(), select="XX", rules=[extra]).codes == ("XX7",)
    assert "XX7" not in run_rules(small()).codes


def test_validate_refuses_a_user_rule_that_takes_a_built_in_code():
    taken = Rule("RS101", Severity.INFO, "T", "E", _none)
    with pytest.raises(
        ValueError,
        match=exactly(
            "validate(rules=...): the code RS101 is already used by rule "
            "'A funding source is over-allocated'; give each rule its own code"
        ),
    ):
        run_rules(small(), rules=[taken])
    with pytest.raises(
        TypeError, match=exactly("validate(rules=...): got 'RS101', expected Rule")
    ):
        run_rules(small(), rules=["RS101"])


def test_validate_refuses_bad_prefixes_naming_the_argument():
    with pytest.raises(
        ValueError,
        match=r"\A"
        + re.escape(
            "validate(ignore=...): 'RS9' matches no rule; known codes: RS001, RS002, RS101"
        ),
    ):
        run_rules(small(), ignore=["RS9"])
    for bad in ("", 5):
        with pytest.raises(
            TypeError,
            match=exactly(f"validate(select=...): got {bad!r}, expected a code or prefix"),
        ):
            run_rules(small(), select=[bad])
    with pytest.raises(TypeError, match=exactly("validate: got str, expected Strategy")):
        run_rules("not a strategy")


def test_rs204_gives_every_reason_in_english_and_dutch():
    strategy = attrs.evolve(
        small(),
        activities=(
            activity(complements=("other-s", "liof-s")),
            activity(id="other-s"),
            activity(id="liof-s", roms=("LIOF",), lead="LIOF"),
        ),
    )
    assert [(f.subjects, f.message, f.message_nl) for f in only(strategy, "RS204")] == [
        (
            ("act-s", "liof-s"),
            "Activity act-s lists liof-s in complements, but it is not regional and it is "
            "run by LIOF, none of which takes part.",
            "Activiteit act-s noemt liof-s bij complements, maar die is niet regionaal en die "
            "wordt uitgevoerd door LIOF, die geen van alle deelnemen.",
        ),
        (
            ("act-s", "other-s"),
            "Activity act-s lists other-s in complements, but it is not regional.",
            "Activiteit act-s noemt other-s bij complements, maar die is niet regionaal.",
        ),
    ]


def test_rs205_names_a_regional_activity_of_no_rom_in_both_languages():
    strategy = attrs.evolve(small(), activities=(regional(id="r-0", roms=()),))
    (found,) = only(strategy, "RS205")
    assert found.message == (
        "Regional activity r-0 is run by 0 ROMs (none); it must be run by exactly one."
    )
    assert found.message_nl == (
        "Regionale activiteit r-0 wordt door 0 ROM's uitgevoerd (geen); "
        "dat moet er precies één zijn."
    )


# === hostile input ========================================================================


# --- many competing activities ------------------------------------------------------------


def test_competing_activities_give_one_finding_per_supra_regional_activity():
    def activity(scope, index, roms):
        return rs.Activity(
            id=f"{scope[0]}{index}",
            title="t",
            scope=scope,
            pillar="III",
            roms=roms,
            lead=roms[0],
            theme="energy",
            service="financing",
            period=Period.years(2024),
        )

    supra = [activity("supra-regional", i, ("NOM", "OOST")) for i in range(300)]
    regional = [activity("regional", i, ("NOM",)) for i in range(300)]
    strategy = attrs.evolve(rs.reference.strategy_2024(), activities=(*supra, *regional))
    findings = rs.validate(strategy, select="RS203").findings
    assert len(findings) == 300
    assert all(len(f.subjects) == 6 for f in findings)  # the activity and five rivals
    assert all(len(f.message) < 600 for f in findings)
    assert sum(1 for _ in rs.rules.competing_pairs(strategy.activities)) == 300 * 300
    assert findings[0].message.endswith(
        "and 295 more: same theme 'energy' and service financing, with overlapping periods, "
        "and s0 lists none of them in complements."
    )


# --- found by the second review -----------------------------------------------------------


def test_rs203_stays_quick_when_a_complemented_id_is_used_thousands_of_times():
    result = python(
        """
        import attrs, romstrategy as rs
        def act(id, scope, roms, complements=()):
            return rs.Activity(id=id, title="t", scope=scope, pillar="III", roms=roms,
                               lead=roms[0], theme="e", service="financing",
                               period=rs.Period.years(2024), complements=complements)
        n = 5000
        acts = [act("r", "regional", ("NOM",)) for _ in range(n)] + [act("z", "regional", ("NOM",))]
        acts += [act(f"s{i}", "supra-regional", ("NOM", "OOST"), ("r",)) for i in range(n)]
        s = attrs.evolve(rs.reference.strategy_2024(), activities=tuple(acts))
        findings = rs.validate(s, select="RS203").findings
        print(len(findings), findings[0].subjects, findings[0].message.split(":")[0])
        """,
        timeout=60,
    )
    # 5,000 complemented activities hide z's name; the count still says it is there.
    assert result.stdout.split("\n")[0] == (
        "5000 ('s0',) Supra-regional activity s0 competes with regional activities of ROM NOM (1)"
    )


# === properties checked against naive oracles =============================================


# --- slow oracles ------------------------------------------------------------------------


def _normal(theme):
    return " ".join(theme.casefold().split())


def competing_pairs_by_all_pairs(strategy):
    """RS203 by comparing every supra-regional activity with every regional one."""
    found = set()
    for supra in strategy.activities:
        if supra.scope is not Scope.SUPRA_REGIONAL:
            continue
        for other in strategy.activities:
            if other.scope is not Scope.REGIONAL or other.id in supra.complements:
                continue
            shared = sorted(set(supra.roms) & set(other.roms))
            same = _normal(supra.theme) == _normal(other.theme) and supra.service is other.service
            if shared and same and supra.period.overlaps(other.period):
                found.add((supra.id, other.id))
    return found


@st.composite
def crowded_strategies(draw):
    """Valid strategies with extra activities that declare no complements."""
    base = draw(rst.strategies(max_allocations=4))
    extra = draw(st.lists(rst.activities(), max_size=25))
    extra = [attrs.evolve(a, id=f"extra-{i}", complements=()) for i, a in enumerate(extra)]
    return attrs.evolve(base, activities=(*base.activities, *extra))


@given(crowded_strategies())
def test_rs203_sweep_agrees_with_all_pairs(strategy):
    findings = rs.validate(strategy, select=["RS203"]).findings
    pairs = [(s.id, r.id) for s, r in rs.rules.competing_pairs(strategy.activities)]
    assert sorted(pairs) == sorted(competing_pairs_by_all_pairs(strategy))
    assert sorted(f.subjects[0] for f in findings) == sorted({s for s, _ in pairs})


def over_and_under(strategy):
    """RS101 and RS102 by summing each source's allocations one by one."""
    over, under = set(), set()
    for fund in strategy.funding_sources:
        total = 0
        for each in strategy.allocations:
            if each.source == fund.id:
                total += each.amount.cents
        if total > fund.amount.cents:
            over.add(fund.id)
        elif total < fund.amount.cents:
            under.add(fund.id)
    return over, under


@given(rst.strategies(max_allocations=6), st.data())
def test_budget_rules_agree_with_naive_sums(strategy, data):
    moved = [
        attrs.evolve(
            a, amount=rs.Money.from_cents(max(0, a.amount.cents + data.draw(st.integers(-3, 3))))
        )
        for a in strategy.allocations
    ]
    strategy = attrs.evolve(strategy, allocations=tuple(moved))
    report = rs.validate(strategy, select=["RS101", "RS102"])
    over, under = over_and_under(strategy)
    assert {f.subjects[0] for f in report.findings if f.code == "RS101"} == over
    assert {f.subjects[0] for f in report.findings if f.code == "RS102"} == under


@given(rst.strategies(max_allocations=4), st.data())
def test_duplicate_ids_agree_with_counting(strategy, data):
    copies = data.draw(st.lists(st.sampled_from(strategy.allocations), max_size=3))
    strategy = attrs.evolve(strategy, allocations=(*strategy.allocations, *copies))
    counts = Counter(a.id for a in strategy.allocations)
    twice = {key for key, count in counts.items() if count > 1}
    findings = rs.validate(strategy, select=["RS002"]).findings
    assert {f.path for f in findings} == {f"allocations[{key}]" for key in twice}


# === the rules' own examples ================================================================

PLAN_examples = Path(__file__).parent.parent / "examples" / "illustrative_plan.toml"


@pytest.mark.parametrize("code", sorted(RULES))
def test_each_rule_s_own_example_breaks_it_and_its_near_miss_keeps_it(code):
    rule, plan = RULES[code], rs.load(PLAN_examples)
    assert code not in validate(plan).codes
    assert code in validate(rule.breaks(plan)).codes
    assert code not in validate(rule.keeps(plan)).codes


@pytest.mark.parametrize("code", sorted(RULES))
@settings(max_examples=10)
@given(data=st.data())
def test_the_near_miss_keeps_the_rule_in_any_strategy_that_passes(code, data):
    strategy = data.draw(
        rst.strategies(status=StrategyStatus.FINAL, max_allocations=6).filter(
            lambda s: len(s.allocations) >= 2 and any(a.activity for a in s.allocations)
        )
    )
    assert code not in validate(RULES[code].keeps(strategy)).codes


@pytest.mark.parametrize("code", sorted(RULES))
def test_explain_describes_each_example_by_its_own_docstring(code):
    rule = RULES[code]
    assert rule.failing_example == " ".join(inspect.getdoc(rule.breaks).split())
    assert rule.passing_example == " ".join(inspect.getdoc(rule.keeps).split())


def test_a_violation_refuses_a_bad_value_naming_its_own_field():
    with pytest.raises(ValueError, match=exactly("Violation.message: got 1, expected a str")):
        Violation(message=1, message_nl="x", path="p")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"\AViolation\.path: got ' ', an id must not be empty"):
        Violation(message="m", message_nl="x", path=" ")
    assert Violation(message="m", message_nl="x", path="p", subjects=["a"]).subjects == ("a",)
