"""One name per idea: each public name is exported from one module, and old names warn."""

import collections
import importlib
import inspect
import pathlib
import warnings

import pytest

import romstrategy as rs

PUBLIC = ["romstrategy", "romstrategy.rules", "romstrategy.reports", "romstrategy.tables"]
PUBLIC += ["romstrategy.parliament", "romstrategy.reference", "romstrategy.testing"]
SRC = pathlib.Path(rs.__file__).parent


def exports():
    """Each public name with the modules whose `__all__` lists it."""
    found = collections.defaultdict(list)
    for name in PUBLIC:
        for attribute in importlib.import_module(name).__all__:
            found[attribute].append(name)
    return found


def test_every_public_name_is_exported_from_exactly_one_module():
    twice = {name: places for name, places in exports().items() if len(places) > 1}
    assert twice == {}


def test_no_two_public_classes_share_a_name():
    classes = collections.defaultdict(set)
    for name in PUBLIC:
        module = importlib.import_module(name)
        for attribute in module.__all__:
            value = getattr(module, attribute)
            if inspect.isclass(value):
                classes[attribute].add(value)
    assert {name: found for name, found in classes.items() if len(found) > 1} == {}


def test_no_two_modules_of_the_package_share_a_name():
    stems = collections.defaultdict(list)
    for path in SRC.rglob("*.py"):
        if path.name != "__init__.py":
            stems[path.stem.lstrip("_")].append(str(path.relative_to(SRC)))
    assert {stem: paths for stem, paths in stems.items() if len(paths) > 1} == {}


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        ("romstrategy", "Report", "Findings"),
        ("romstrategy.rules", "Report", "Findings"),
        ("romstrategy.rules", "Change", "Example"),
        ("romstrategy.rules", "explain", "rule_for"),
        ("romstrategy.parliament", "merged", "merge_with_notes"),
    ],
)
def test_an_old_name_still_works_for_one_release_and_warns(module, old, new):
    space = importlib.import_module(module)
    with pytest.warns(DeprecationWarning, match=rf"{module}\.{old} is renamed {new}") as caught:
        value = getattr(space, old)
    assert value is getattr(space, new)
    assert caught[0].filename == __file__  # the warning names the line that read the old name


def test_a_current_name_and_an_unknown_one_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert rs.Findings is rs.rules.Findings
        with pytest.raises(AttributeError, match="has no attribute 'Reports'"):
            rs.rules.Reports  # noqa: B018
