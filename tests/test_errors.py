"""Every error romstrategy raises derives from `romstrategy.Error`, and is exported from it."""

import ast
import importlib
import inspect
import pathlib

import pytest

import romstrategy as rs
from romstrategy import reference

SRC = pathlib.Path(rs.__file__).parent
PUBLIC = ["romstrategy", "romstrategy.rules", "romstrategy.reports", "romstrategy.tables"]
PUBLIC += ["romstrategy.parliament", "romstrategy.reference", "romstrategy.testing"]
BUILT_IN = {"ValueError", "TypeError", "LookupError", "KeyError", "RuntimeError", "Exception"}


def test_every_exception_class_in_the_public_modules_is_an_error_exported_from_romstrategy():
    found = set()
    for name in PUBLIC:
        module = importlib.import_module(name)
        for attribute in module.__all__:
            value = getattr(module, attribute)
            if inspect.isclass(value) and issubclass(value, BaseException):
                found.add(value)
    assert rs.DocumentError in found
    assert rs.StrategyInvalid in found
    for error in found:
        assert issubclass(error, rs.Error), error
        assert getattr(rs, error.__name__) is error, error


def raised_built_ins(path):
    """`raise ValueError(...)` and the like in one module: (line, name)."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = getattr(node.exc.func, "id", None)
            if name in BUILT_IN:
                yield node.lineno, name


def test_no_module_raises_a_built_in_exception_of_its_own():
    found = [
        f"{path.relative_to(SRC)}:{line}: {name}"
        for path in sorted(SRC.rglob("*.py"))
        for line, name in raised_built_ins(path)
    ]
    assert found == []


def test_the_scan_finds_a_built_in_raise(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    raise ValueError('x')\n\ndef g():\n    raise rs.Error('x')\n")
    assert list(raised_built_ins(module)) == [(2, "ValueError")]


@pytest.mark.parametrize(
    ("call", "built_in"),
    [
        (lambda: rs.Money("1.234"), ValueError),
        (lambda: rs.Money(1.5), TypeError),
        (lambda: rs.Period("2024-02-01", "2024-01-01"), ValueError),
        (lambda: rs.Period.years("2024"), TypeError),
        (lambda: rs.loads("{", "json"), ValueError),
        (lambda: rs.loads("{}", "xml"), ValueError),
        (lambda: rs.loads("{}", "json", max_bytes=-1), ValueError),
        (lambda: rs.dumps("not a strategy", "json"), TypeError),
        (lambda: rs.rules.rule_for("RS999"), LookupError),
        (lambda: rs.validate(reference.strategy_2024(), rules=[5]), TypeError),
        (lambda: rs.Pillar(code="", title_nl="a", title_en="b", description=""), ValueError),
    ],
)
def test_what_a_user_can_meet_is_an_error_and_still_the_built_in_it_was(call, built_in):
    with pytest.raises(rs.Error) as caught:
        call()
    assert isinstance(caught.value, built_in)
