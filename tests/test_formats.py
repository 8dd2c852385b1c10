"""One format per value: every amount and period shown to people is written one way per language.

English `EUR 4,000,000.00`, Dutch `€ 4.000.000,00`; a period `2024-01-01 to 2027-12-31`,
in Dutch `2024-01-01 t/m 2027-12-31`; a share `33.3%`, in Dutch `33,3%`. Machine outputs
(JSON, CSV, documents) keep the plain amount `4000000.00` and are not scanned here.
"""

import re
from pathlib import Path

import attrs
import pytest

import romstrategy as rs
from romstrategy import Money, Period, reports
from tests.helpers import printed

EXAMPLES = Path(__file__).parent.parent / "examples"
PLAN_FILE = EXAMPLES / "illustrative_plan.toml"
BROKEN_FILE = EXAMPLES / "broken_plan.toml"
PLAN = rs.load(PLAN_FILE)

ONE_FORM = {
    "en": re.compile(r"EUR -?[0-9]{1,3}(?:,[0-9]{3})*\.[0-9]{2}(?![0-9])"),
    "nl": re.compile(r"€ -?[0-9]{1,3}(?:\.[0-9]{3})*,[0-9]{2}(?![0-9])"),
}
"""The one way an amount is written for people in each language."""

AN_AMOUNT = re.compile(r"(?:€|EUR)|[0-9][0-9.,]*[.,][0-9]{2}(?![0-9%])")
"""Anything else that looks like an amount: a currency mark, or digits with two decimals."""

A_DATA_PERIOD = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\.\.[0-9]{4}")
"""A period written as data, `2024-01-01..2027-12-31`, rather than for people."""


def other_forms(text: str, lang: str) -> list[str]:
    """Every amount-like text or data period in `text` that is not in the one form of `lang`."""
    rest = ONE_FORM[lang].sub(" ", text)
    return AN_AMOUNT.findall(rest) + A_DATA_PERIOD.findall(rest)


def _revised(path: Path) -> Path:
    """The plan with its first allocation's amount and period changed, so a diff shows both."""
    first = PLAN.allocations[0]
    changed = attrs.evolve(
        first,
        amount=first.amount + Money("1234.56"),
        period=Period(first.period.start, first.period.end.add(days=-1)),
    )
    path.write_text(
        rs.dumps(attrs.evolve(PLAN, allocations=(changed, *PLAN.allocations[1:])), "toml"),
        encoding="utf-8",
    )
    return path


def human_outputs(lang: str, revised: Path) -> dict[str, str]:
    """Each output for people of the illustrative plan, in `lang`, by name."""
    outputs = {
        "check": printed("check", PLAN_FILE, "--lang", lang),
        "check of the broken plan": printed("check", BROKEN_FILE, "--lang", lang),
        "diff": printed("diff", PLAN_FILE, revised, "--lang", lang),
        "split": printed("split", "4000000", "2", "1", "1", "--lang", lang),
        "markdown": reports.render(PLAN, "md", lang),  # type: ignore[arg-type]
        "html": reports.render(PLAN, "html", lang),  # type: ignore[arg-type]
        "summary": rs.summary(PLAN, lang=lang),  # type: ignore[arg-type]
        "findings": rs.validate(rs.load(BROKEN_FILE)).format(lang),  # type: ignore[arg-type]
    }
    for by in ("pillar", "source", "allocation", "year", "rom"):
        outputs[f"progress by {by}"] = printed("progress", PLAN_FILE, "--by", by, "--lang", lang)
    return outputs


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_every_amount_and_period_shown_to_people_is_in_the_one_form(lang, tmp_path):
    outputs = human_outputs(lang, _revised(tmp_path / "revised.toml"))
    found = {name: other_forms(text, lang) for name, text in outputs.items()}
    assert {name: forms for name, forms in found.items() if forms} == {}
    shown = {name for name, text in outputs.items() if ONE_FORM[lang].search(text)}
    assert shown == set(outputs)  # each of them shows amounts, so the scan has work to do
    assert "amount: " in outputs["diff"]  # the changed allocation's fields are shown


def test_the_strings_of_results_write_amounts_and_periods_in_english():
    for text in (str(Money(4_000_000)), str(PLAN.period), str(rs.progress(PLAN))):
        assert other_forms(text, "en") == []
    assert str(PLAN.period) == "2024-01-01 to 2027-12-31"


@pytest.mark.parametrize(
    ("text", "lang", "forms"),
    [
        ("EUR 4,000,000.00 and € 1.000,00", "en", ["€", "1.000,00"]),
        ("€ 4.000.000,00 and EUR 1,000.00", "nl", ["EUR", "1,000.00"]),
        ("€4,000,000.00", "en", ["€", "4,000,000.00"]),
        ("EUR 4000000.00", "en", ["EUR", "4000000.00"]),
        ("allocated 4000000.00", "nl", ["4000000.00"]),
        ("2024-01-01..2027-12-31", "en", ["2024-01-01..2027"]),
        ("EUR -1,234.50 in 2024-01-01 to 2027-12-31, 33.3%", "en", []),
        ("€ -1.234,50 in 2024-01-01 t/m 2027-12-31, 33,3%", "nl", []),
    ],
)
def test_the_scan_finds_each_other_form_and_passes_the_one_form(text, lang, forms):
    assert other_forms(text, lang) == forms
