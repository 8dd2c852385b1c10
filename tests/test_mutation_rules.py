"""The rules engine's wording, counts and refusals, exactly (kills mutmut survivors)."""

import pickle

import attrs
import pytest

from romstrategy.rules import Finding, Report, Rule, Severity, StrategyInvalid, explain, rule
from romstrategy.rules import validate as run_rules
from tests.rules_helpers import activity, only, regional, small


def finding(code="RS101", severity=Severity.ERROR, path="funding_sources[fund].amount", **extra):
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
    one = finding(severity=Severity.WARNING)
    assert one.format() == "RS101 warning funding_sources[fund].amount: RS101 in English."
    assert one.format("en") == str(one)
    assert one.format("nl") == (
        "RS101 waarschuwing funding_sources[fund].amount: RS101 in het Nederlands."
    )
    assert finding(severity=Severity.ERROR).format("nl").startswith("RS101 fout ")
    assert finding(severity=Severity.INFO).format("nl").startswith("RS101 info ")


def test_a_finding_and_a_report_refuse_another_locale_by_name():
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        finding().format("de")
    assert str(caught.value) == "Finding.format: got locale 'de', expected 'en' or 'nl'"
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        Report([finding()]).format("de")
    assert str(caught.value) == "Report.format: got locale 'de', expected 'en' or 'nl'"


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
def test_a_finding_refuses_a_code_that_is_not_letters_then_digits(code, message):
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        finding(code=code)
    assert str(caught.value) == message


def test_a_finding_refuses_a_code_that_is_not_a_str():
    with pytest.raises(TypeError, match=r"\A[\s\S]*\Z") as caught:
        finding(code=101)
    assert str(caught.value) == "Finding.code: got 101, expected a rule code such as 'RS203'"


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
        finding(path=f"funding_sources[f{index}].amount", severity=severity)
        for index, severity in enumerate(severities)
    ]
    report = Report(findings)
    assert report.format("en").splitlines()[0] == en
    assert report.format("nl").splitlines()[0] == nl
    assert len(report.format("en").splitlines()) == 1 + len(findings)
    assert report.to_dict()["counts"] == {
        "error": severities.count(Severity.ERROR),
        "warning": severities.count(Severity.WARNING),
        "info": severities.count(Severity.INFO),
    }


def test_an_empty_report_says_so_in_each_language():
    assert Report().format() == "No findings."
    assert Report().format("nl") == "Geen bevindingen."
    assert str(Report()) == "No findings."


def test_strategy_invalid_lists_the_headline_and_every_finding_in_english():
    error = finding(code="RS102", path="b")
    warning = finding(code="RS101", path="a", severity=Severity.WARNING)
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
    Report(
        [finding(severity=Severity.WARNING), finding(path="x", severity=Severity.INFO)]
    ).raise_for_errors()
    with pytest.raises(StrategyInvalid, match=r"\Astrategy is invalid: 1 finding \(1 error"):
        Report([finding()]).raise_for_errors()


# --- rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["title", "explanation"])
def test_a_rule_refuses_title_and_explanation_that_are_not_text(field):
    fields = {"title": "T", "explanation": "E"} | {field: 5}
    with pytest.raises(TypeError, match=r"\A[\s\S]*\Z") as caught:
        Rule("XX1", Severity.ERROR, fields["title"], fields["explanation"], _none)
    assert str(caught.value) == f"Rule.{field}: got 5, expected a str"


@pytest.mark.parametrize("field", ["title_nl", "failing_example", "passing_example"])
def test_a_rule_refuses_optional_words_that_are_not_text(field):
    with pytest.raises(TypeError, match=r"\A[\s\S]*\Z") as caught:
        Rule("XX1", Severity.ERROR, "T", "E", _none, **{field: 5})
    assert str(caught.value) == f"Rule.{field}: got 5, expected a str"


def test_a_rule_refuses_blank_words_and_a_check_that_is_no_function():
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        Rule("XX1", Severity.ERROR, "  ", "E", _none)
    assert str(caught.value) == "Rule.title: got '  ', every rule needs one"
    with pytest.raises(TypeError, match=r"\A[\s\S]*\Z") as caught:
        Rule("XX1", Severity.ERROR, "T", "E", "not callable")
    assert str(caught.value) == "Rule.check: got 'not callable', expected a function of a Strategy"
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        Rule("xx1", Severity.ERROR, "T", "E", _none)
    assert str(caught.value) == (
        "Rule.code: got 'xx1', expected capital letters then digits, such as 'RS203'"
    )


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
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        rule("XX4", "fatal", title="T", explanation="E")(_none)
    assert str(caught.value) == (
        "rule.severity: got 'fatal', expected one of 'error', 'warning', 'info'"
    )
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        rule("XX4", "error", title="T")(_none)
    assert str(caught.value) == (
        "rule XX4: give an explanation or a docstring; every rule needs one"
    )


def test_a_rule_run_refuses_what_is_not_its_own_finding():
    wrong_type = Rule("XX5", Severity.ERROR, "T", "E", lambda s: ["text"])
    with pytest.raises(TypeError, match=r"\A[\s\S]*\Z") as caught:
        wrong_type.run(small())
    assert str(caught.value) == "rule XX5 yielded str 'text', expected Finding"
    wrong_code = Rule("XX5", Severity.ERROR, "T", "E", lambda s: [finding(code="XX6")])
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        wrong_code.run(small())
    assert str(caught.value) == (
        "rule XX5 yielded a finding with code 'XX6'; a rule's findings carry its own code"
    )


# --- validate and explain --------------------------------------------------------------------


def test_explain_refuses_a_code_it_cannot_look_up_listing_the_known_codes():
    known = "RS001, RS002, RS101, RS102, RS103, RS104, RS105, RS201, RS202, RS203, RS204, RS205, RS301, RS302, RS303, RS401"
    for code in ("RS999", ["RS001"], None):
        with pytest.raises(LookupError, match=r"\A[\s\S]*\Z") as caught:
            explain(code)
        assert str(caught.value) == f"explain: no rule has the code {code!r}; known codes: {known}"


def test_explain_and_validate_see_user_rules_for_one_call_only():
    extra = Rule("XX7", Severity.INFO, "T", "E", lambda s: [finding(code="XX7")])
    assert explain("XX7", rules=[extra]) is extra
    with pytest.raises(LookupError):
        explain("XX7")
    assert run_rules(small(), select="XX", rules=[extra]).codes == ("XX7",)
    assert "XX7" not in run_rules(small()).codes


def test_validate_refuses_a_user_rule_that_takes_a_built_in_code():
    taken = Rule("RS101", Severity.INFO, "T", "E", _none)
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        run_rules(small(), rules=[taken])
    assert str(caught.value) == (
        "validate(rules=...): the code RS101 is already used by rule "
        "'A funding source is over-allocated'; give each rule its own code"
    )
    with pytest.raises(TypeError, match=r"\A[\s\S]*\Z") as caught:
        run_rules(small(), rules=["RS101"])
    assert str(caught.value) == "validate(rules=...): got 'RS101', expected Rule"


def test_validate_refuses_bad_prefixes_naming_the_argument():
    with pytest.raises(ValueError, match=r"\A[\s\S]*\Z") as caught:
        run_rules(small(), ignore=["RS9"])
    assert str(caught.value).startswith(
        "validate(ignore=...): 'RS9' matches no rule; known codes: RS001, RS002, RS101"
    )
    for bad in ("", 5):
        with pytest.raises(TypeError, match=r"\A[\s\S]*\Z") as caught:
            run_rules(small(), select=[bad])
        assert str(caught.value) == f"validate(select=...): got {bad!r}, expected a code or prefix"
    with pytest.raises(TypeError, match=r"\A[\s\S]*\Z") as caught:
        run_rules("not a strategy")
    assert str(caught.value) == "validate: got str, expected Strategy"


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
