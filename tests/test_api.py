"""The package's shape: its layers, its import graph and its public names."""

from __future__ import annotations

import ast
import pathlib

import romstrategy

SOURCE = pathlib.Path(romstrategy.__file__).parent


def _module_name(path: pathlib.Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in SOURCE.rglob("*.py")}


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import in a module, in functions too, but not under `if TYPE_CHECKING:`."""
    found: list[ast.Import | ast.ImportFrom] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if _type_checking_only(node):
            stack.extend(getattr(node, "orelse", []))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def _imported(name: str) -> set[str]:
    """The modules that run when `name` is imported: it and its packages, but the root."""
    parts = name.split(".")
    return {".".join(parts[:n]) for n in range(2, len(parts) + 1)} & MODULES.keys()


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports."""
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    targets |= _imported(alias.name)
            elif node.module is not None and node.level == 0:
                targets |= _imported(node.module)
                for alias in node.names:
                    targets |= _imported(f"{node.module}.{alias.name}")
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_there_is_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


# --- the public surface: every public name exposed once, and documented --------------

PUBLIC_MODULES = (
    "romstrategy",
    "romstrategy.rules",
    "romstrategy.reports",
    "romstrategy.reference",
    "romstrategy.testing",
    "romstrategy.tables",
    "romstrategy.parliament",
)
API_PAGE = SOURCE.parent.parent / "docs" / "api.md"


def _public() -> dict[str, object]:
    """Every public `module.name` and its object."""
    import importlib

    found = {}
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        assert len(module.__all__) == len(set(module.__all__)), module_name
        for name in module.__all__:
            found[f"{module_name}.{name}"] = getattr(module, name)
    return found


def _documented() -> list[str]:
    """Each `module.name` the API page renders: a module's listed members, or all of them."""
    import importlib

    shown: list[str] = []
    blocks = API_PAGE.read_text(encoding="utf-8").split(":::")[1:]
    for block in blocks:
        lines = block.splitlines()
        module_name = lines[0].strip()
        members = [line.strip()[2:] for line in lines[1:] if line.strip().startswith("- ")]
        names = members or importlib.import_module(module_name).__all__
        shown += [f"{module_name}.{name}" for name in names]
    return shown


def test_every_public_object_is_documented_exactly_once():
    import inspect

    public = _public()
    documented = _documented()
    assert len(documented) == len(set(documented)), "a name is documented twice"
    assert sorted(set(documented) - set(public)) == [], "documented but not public"
    documented += [
        line.split(":::")[1].strip()
        for line in API_PAGE.read_text().splitlines()
        if line.startswith(":::")
    ]
    places: dict[int, list[str]] = {}
    for place, value in public.items():
        if inspect.ismodule(value):
            place = value.__name__  # a module is documented by its own block
        if not isinstance(value, str | int | type(None)):  # constants may be equal by chance
            places.setdefault(id(value), []).append(place)
    for where in places.values():
        assert len(set(where) & set(documented)) == 1, (
            f"{where}: documented {set(where) & set(documented)}"
        )


def test_every_public_class_and_function_has_a_docstring():
    import inspect

    missing = [
        place
        for place, value in _public().items()
        if (inspect.isclass(value) or inspect.isfunction(value) or inspect.ismodule(value))
        and not inspect.getdoc(value)
    ]
    assert missing == []


def test_the_rules_and_the_reports_are_reachable_from_the_package():
    assert romstrategy.rules.__name__ == "romstrategy.rules"
    assert romstrategy.reports.__name__ == "romstrategy.reports"
    assert {"rules", "reports"} <= set(romstrategy.__all__)


def _private_names_from_other_layers(name: str, path: pathlib.Path) -> list[str]:
    layer = _layer(name)
    found = []
    for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("romstrategy")
        ):
            for alias in node.names:
                target = f"{node.module}.{alias.name}"
                if (
                    alias.name.startswith("_")
                    and target not in MODULES
                    and _layer(node.module) != layer
                ):
                    found.append(f"{name}: {target}")
    return found


def _layer(module: str) -> str:
    """A module's layer: the private package it lives in, or the public module itself."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_no_module_imports_a_private_name_of_another_layer():
    found = [
        hit
        for name, path in MODULES.items()
        for hit in _private_names_from_other_layers(name, path)
    ]
    assert found == []
