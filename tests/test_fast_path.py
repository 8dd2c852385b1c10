"""The fast structuring path agrees with the detailed one.

`romstrategy._documents._converter` structures a document twice over when it must: a fast
path for valid documents (stricter hooks, and constructors that trust them), and
a detailed path that collects every problem. They are two implementations of one
contract, so, as the slow oracles do for the rules, these tests check one against
the other: on every valid document both give the same strategy, and on every
document spoilt in one place both refuse it or both accept the same strategy.
"""

from __future__ import annotations

import copy
import inspect
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given

import romstrategy as rs
from romstrategy._documents import _converter
from romstrategy._model import _kinds as _fields
from romstrategy._model._period import Period
from romstrategy._model._strategy import Strategy
from romstrategy.testing import strategies

EXAMPLES = Path(__file__).parent.parent / "examples"

# Values of every JSON kind, including the ones a field almost accepts.
WRONG_VALUES: tuple[object, ...] = ("", "   ", "x", "2024-02-30", 7, -1, 1.5, True, None, [], {})


def full_tree() -> dict[str, Any]:
    """The illustrative plan as a tree, with the optional places it leaves out filled in."""
    tree = _converter.unstructure(rs.load(EXAMPLES / "illustrative_plan.toml"))
    tree["funding_sources"][0]["period"] = {"start": "2024-01-01", "end": "2027-12-31"}
    tree["motions"][0]["kamerstuk"] = "36 410 XIII, nr. 0"
    return tree


def places(tree: dict[str, Any]) -> list[tuple[str | int, ...]]:
    """The key path of every place in the tree, once per shape (the first list item)."""
    found: dict[str, tuple[str | int, ...]] = {}

    def walk(value: object, keys: tuple[str | int, ...], shape: str) -> None:
        items = (
            value.items()
            if isinstance(value, dict)
            else enumerate(value)
            if isinstance(value, list)
            else ()
        )
        for key, item in items:
            item_shape = f"{shape}[]" if isinstance(key, int) else f"{shape}.{key}"
            found.setdefault(item_shape, (*keys, key))
            walk(item, (*keys, key), item_shape)

    walk(tree, (), "$")
    return list(found.values())


def model_shapes(cls: type[Any], shape: str = "$") -> set[str]:
    """Every place a document of `cls` can have, from the attrs fields."""
    shapes: set[str] = set()
    for field in attrs.fields(attrs.resolve_types(cls)):
        kind, of = _fields.check_of(field) or (None, None)
        here = f"{shape}.{field.name}"
        shapes.add(here)
        if kind == "instances":
            shapes |= {f"{here}[]"} | model_shapes(of, f"{here}[]")
        elif kind in {"identifiers", "texts"}:
            shapes.add(f"{here}[]")
        elif kind in {"instance", "optional_instance"}:
            shapes |= model_shapes(of, here)
    return shapes


def shape_of(keys: tuple[str | int, ...]) -> str:
    return "$" + "".join("[]" if isinstance(key, int) else f".{key}" for key in keys)


def outcome(converter: Any, tree: dict[str, Any]) -> object:
    """The strategy built from a copy of `tree`, or "refused"."""
    try:
        return converter.structure(copy.deepcopy(tree), Strategy)
    except Exception:  # each path fails in its own way; that it fails is what counts
        return "refused"


_DELETE = object()


def parent_in(tree: dict[str, Any], keys: tuple[str | int, ...]) -> Any:
    """The dict or list that holds the place `keys` leads to."""
    parent: Any = tree
    for key in keys[:-1]:
        parent = parent[key]
    return parent


def spoilt(tree: dict[str, Any], keys: tuple[str | int, ...], value: object) -> dict[str, Any]:
    changed = copy.deepcopy(tree)
    parent = parent_in(changed, keys)
    if value is _DELETE:
        del parent[keys[-1]]
    else:
        parent[keys[-1]] = value
    return changed


def test_the_full_tree_has_every_place_a_document_can_have():
    assert {shape_of(keys) for keys in places(full_tree())} == model_shapes(Strategy)


def test_both_paths_build_the_same_strategy_from_a_valid_document():
    fast, detailed = _converter._converters()
    tree = full_tree()
    built = outcome(fast, tree)
    assert isinstance(built, Strategy)
    assert built == outcome(detailed, tree)
    assert _converter.unstructure(built) == tree


@pytest.mark.parametrize("keys", places(full_tree()), ids=shape_of)
def test_both_paths_refuse_or_accept_each_spoilt_place_alike(keys):
    fast, detailed = _converter._converters()
    tree = full_tree()
    for value in (*WRONG_VALUES, _DELETE):
        changed = spoilt(tree, keys, value)
        assert outcome(fast, changed) == outcome(detailed, changed), (shape_of(keys), value)


@pytest.mark.parametrize("keys", [k for k in places(full_tree()) if isinstance(k[-1], int)])
def test_both_paths_agree_when_a_list_gains_a_bad_item(keys):
    fast, detailed = _converter._converters()
    tree = full_tree()
    for value in WRONG_VALUES:
        changed = copy.deepcopy(tree)
        parent_in(changed, keys).append(value)
        assert outcome(fast, changed) == outcome(detailed, changed), (shape_of(keys), value)


def test_a_valid_document_never_needs_the_detailed_round(monkeypatch):
    fast, detailed = _converter._converters()
    expected = detailed.structure(full_tree(), Strategy)

    class Refusing:
        def structure(self, *_: object) -> None:
            raise AssertionError("the detailed round ran")

    monkeypatch.setattr(_converter, "_converters", lambda: (fast, Refusing()))
    assert _converter.structure(full_tree()) == expected


@given(strategies(max_allocations=6))
def test_the_fast_path_builds_every_generated_strategy(strategy):
    fast, _ = _converter._converters()
    assert fast.structure(_converter.unstructure(strategy), Strategy) == strategy


# --- constructors that trust the fast hooks ----------------------------------------------------


@pytest.mark.parametrize(
    "cls", [cls for cls in _converter.MODEL_CLASSES if cls is not Period], ids=lambda c: c.__name__
)
def test_every_model_class_gets_a_trusted_constructor_that_builds_what_the_class_builds(cls):
    """Without one, the fast path runs every field's converter a second time.

    `Period` is left out: it has an `__init__` of its own, which the fast path calls.
    """
    trusted = _converter._trusted_constructor(cls)
    assert trusted is not None
    assert trusted.__qualname__ == f"{cls.__qualname__}.<trusted>"
    assert trusted.__module__ == cls.__module__
    for example in _examples_of(cls):
        values = {field.alias: getattr(example, field.name) for field in attrs.fields(cls)}
        assert trusted(**values) == cls(**values) == example


def _examples_of(cls: type[Any]) -> list[Any]:
    strategy = rs.load(EXAMPLES / "illustrative_plan.toml")
    found: list[Any] = []

    def walk(value: object) -> None:
        if isinstance(value, cls):
            found.append(value)
        if attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                walk(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(strategy)
    assert found, cls
    return found


@attrs.frozen
class Mixed:
    """Positional and keyword-only fields, a default and a validator."""

    name: str = _fields.text()
    day: pendulum.Date = _fields.date(validator=attrs.validators.gt(pendulum.Date(2000, 1, 1)))
    note: str | None = attrs.field(
        default=None, kw_only=True, converter=_fields.optional_text().converter
    )
    flag: bool = _fields.flag(True)


def test_a_trusted_constructor_keeps_the_signature_defaults_and_validators():
    trusted = _converter._trusted_constructor(Mixed)
    assert trusted is not None
    day = pendulum.Date(2024, 1, 1)
    assert trusted("a", day) == Mixed("a", day) == Mixed("a", day, note=None, flag=True)
    assert trusted("a", day, False, note="n") == Mixed("a", day, False, note="n")
    assert list(inspect.signature(trusted).parameters) == ["name", "day", "flag", "note"]
    with pytest.raises(TypeError):
        trusted("a", day, True, "n")  # note is keyword-only
    with pytest.raises(ValueError, match="must be > 2000-01-01"):
        trusted("a", pendulum.Date(1999, 1, 1))


@attrs.frozen
class Plain:
    """No keyword-only fields."""

    name: str = _fields.text()
    flag: bool = _fields.flag()


def test_a_trusted_constructor_without_keyword_only_fields():
    trusted = _converter._trusted_constructor(Plain)
    assert trusted is not None
    assert list(inspect.signature(trusted).parameters) == ["name", "flag"]
    assert trusted("a") == Plain("a") == Plain("a", False)
    assert trusted("a", True) == Plain("a", True)


@attrs.frozen
class Untracked:
    name: str = attrs.field()


@attrs.frozen
class WrongType:
    name: int = _fields.text()


@attrs.frozen
class NotInit:
    day: pendulum.Date = _fields.date(init=False, default=pendulum.Date(2024, 1, 1))


@attrs.frozen
class Factory:
    day: pendulum.Date = _fields.date(factory=lambda: pendulum.Date(2024, 1, 1))


@attrs.frozen(slots=False)
class NoSlots:
    name: str = _fields.text()


@attrs.frozen
class PostInit:
    name: str = _fields.text()

    def __attrs_post_init__(self) -> None:
        pass


@attrs.frozen
class PreInit:
    name: str = _fields.text()

    def __attrs_pre_init__(self) -> None:
        pass


@attrs.frozen(init=False)
class OwnInit:
    name: str = _fields.text()

    def __init__(self, name: str) -> None:
        self.__attrs_init__(name)


def test_period_with_its_own_init_is_called_as_it_is():
    assert _converter._trusted_constructor(Period) is None


@pytest.mark.parametrize(
    "cls", [Untracked, WrongType, NotInit, Factory, NoSlots, PostInit, PreInit, OwnInit]
)
def test_no_trusted_constructor_where_skipping_the_converters_is_not_shown_safe(cls):
    assert _converter._trusted_constructor(cls) is None


def test_a_class_without_a_trusted_constructor_is_still_structured_by_its_own():
    fast, _ = _converter._converters()
    assert fast.structure({"name": "x"}, PostInit) == PostInit("x")
