import json
import pickle
from types import MappingProxyType

import attrs
import pytest

from romstrategy import reference
from romstrategy.rules import (
    RULES,
    Finding,
    Report,
    Rule,
    Severity,
    StrategyInvalid,
    explain,
    rule,
    validate,
)
from tests.rules_helpers import activity, small

CODES = (
    "RS001",
    "RS002",
    "RS101",
    "RS102",
    "RS103",
    "RS104",
    "RS105",
    "RS201",
    "RS202",
    "RS203",
    "RS204",
    "RS205",
    "RS301",
    "RS302",
    "RS303",
    "RS401",
)


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
    report = Report([b, c, a2, a1])
    assert report.findings == (a1, a2, c, b)
    assert report.errors == (a1, a2, b)
    assert report.warnings == (c,)
    assert report.infos == ()
    assert not report.ok
    assert report.codes == ("RS1", "RS2")
    assert Report([c]).ok
    assert Report().ok


def test_a_report_is_plain_data_for_json_and_readable_text():
    report = Report([finding(), finding(code="ACME002", severity="info", path="x")])
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
    assert str(report).splitlines() == [
        "2 findings (1 error, 0 warnings, 1 info)",
        "ACME001 error activities[a]: ACME001 in English",
        "ACME002 info x: ACME002 in English",
    ]
    assert (
        report.format("nl").splitlines()[0] == "2 bevindingen (1 fout, 0 waarschuwingen, 1 info)"
    )
    assert str(Report()) == "No findings."
    assert Report().format("nl") == "Geen bevindingen."


def test_raise_for_errors_carries_every_finding_and_lists_them_all():
    warning = finding(code="ACME002", severity=Severity.WARNING)
    error = finding()
    Report([warning]).raise_for_errors()
    with pytest.raises(StrategyInvalid) as caught:
        Report([warning, error]).raise_for_errors()
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


def test_the_registry_holds_the_public_codes_and_is_read_only():
    assert isinstance(RULES, MappingProxyType)
    assert tuple(RULES) == CODES
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
        explain("ACME001")
    assert explain("ACME001", rules=[UNTITLED]) is UNTITLED


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


@pytest.mark.parametrize("code", CODES)
def test_explain_gives_each_rule_its_words_and_examples(code):
    found = explain(code)
    assert found is RULES[code]
    assert found.code == code
    assert found.title.strip()
    assert found.title_nl.strip()
    assert len(found.explanation) > 40
    assert found.failing_example.strip()
    assert found.passing_example.strip()


def test_explain_rejects_an_unknown_code_clearly():
    with pytest.raises(LookupError, match="no rule has the code 'RS999'; known codes: RS001"):
        explain("RS999")
    with pytest.raises(LookupError, match="no rule has the code 'RS2'"):
        explain("RS2")


def test_rs102_documents_its_draft_severity():
    assert explain("RS102").severity is Severity.ERROR
    assert "warning" in explain("RS102").explanation
