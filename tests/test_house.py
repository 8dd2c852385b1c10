"""The house rules a newcomer relies on, checked so that they cannot go stale.

The tests' house: every module in `tests/` says in its docstring what it proves, and
a helper is defined once (in `tests/helpers.py`, or `tests/conftest.py` for fixtures),
never copied into a second module. The package's map: the table of modules in
CONTRIBUTING.md lists every module of `src/romstrategy/` once, each with what it
holds. The pre-commit hooks run what CI lints. Each check is a function of text, tested
here on a small example where it fires and on a near miss where it does not.
"""

import ast
import collections
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
PACKAGE = ROOT / "src" / "romstrategy"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
MAP_HEADING = "## The package, module by module"


def _sources(folder):
    """Each `*.py` file directly in `folder`, by name, as text."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.py"))}


# --- the tests' house ---------------------------------------------------------------------


def _is_fixture(function):
    """Whether a function is decorated with `pytest.fixture`, called or not."""
    names = (ast.unparse(getattr(d, "func", d)) for d in function.decorator_list)
    return any(name in ("pytest.fixture", "fixture") for name in names)


def helper_names(source):
    """The module-level functions of a test module that are helpers.

    A test (`test_*`), a fixture and a pytest hook (`pytest_*`) are not helpers:
    pytest finds those by name, so each module may have its own.
    """
    return [
        node.name
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and not node.name.startswith(("test_", "pytest_"))
        and not _is_fixture(node)
    ]


def defined_twice(sources):
    """Each helper name that more than one module defines, with those modules."""
    modules = collections.defaultdict(list)
    for module, source in sources.items():
        for name in dict.fromkeys(helper_names(source)):
            modules[name].append(module)
    return {name: found for name, found in sorted(modules.items()) if len(found) > 1}


def without_docstring(sources):
    """The modules whose docstring is missing, blank or the word `None`."""
    found = []
    for module, source in sources.items():
        docstring = ast.get_docstring(ast.parse(source))
        if docstring is None or docstring.strip() in ("", "None"):
            found.append(module)
    return found


def test_no_helper_is_defined_in_two_test_modules():
    twice = defined_twice(_sources(TESTS))
    assert not twice, "define each once, in tests/helpers.py, and import it:\n" + "\n".join(
        f"{name}: {', '.join(modules)}" for name, modules in twice.items()
    )


def test_every_module_of_the_tests_says_what_it_proves():
    missing = without_docstring(_sources(TESTS))
    assert not missing, "say in the module's docstring what it proves: " + ", ".join(missing)


def test_a_helper_in_two_modules_is_found_and_tests_fixtures_and_hooks_are_not():
    shared = "import pytest\n\ndef run(*args):\n    pass\n\ndef test_run():\n    pass\n"
    own = (
        "import pytest\n\n@pytest.fixture\ndef plan():\n    pass\n\n"
        "@pytest.fixture(scope='module')\ndef plans():\n    pass\n\n"
        "def pytest_configure(config):\n    pass\n\n"
        "class Run:\n    def run(self):\n        pass\n"
    )
    sources = {"a.py": shared + own, "b.py": shared + own, "c.py": own}
    assert defined_twice(sources) == {"run": ["a.py", "b.py"]}
    assert defined_twice({"a.py": shared, "c.py": own}) == {}


def test_a_helper_defined_twice_in_one_module_is_listed_once():
    twice = "def run():\n    pass\n\ndef run():\n    pass\n"
    assert defined_twice({"a.py": twice}) == {}
    assert defined_twice({"a.py": twice, "b.py": twice}) == {"run": ["a.py", "b.py"]}


def test_a_missing_blank_or_none_docstring_is_found_and_a_real_one_is_not():
    sources = {
        "none.py": "'''None'''\n",
        "blank.py": '""" """\n',
        "missing.py": "import os\n",
        "comment.py": "# What it proves, but not as a docstring.\nimport os\n",
        "real.py": '"""Money is whole cents, never None."""\n',
    }
    assert without_docstring(sources) == ["none.py", "blank.py", "missing.py", "comment.py"]


# --- the map of the package in CONTRIBUTING.md --------------------------------------------


def map_rows(contributing):
    """The rows (module, description) of the table under `MAP_HEADING`.

    The table is the first one after the heading; a module is written in backticks,
    as a path relative to `src/romstrategy/`.
    """
    _, found, section = contributing.partition(f"\n{MAP_HEADING}\n")
    assert found, f"CONTRIBUTING.md has no heading {MAP_HEADING!r}"
    section = section.split("\n## ", 1)[0]
    return [
        (module, description.strip())
        for module, description in re.findall(r"^\| *`([^`|]+)` *\|([^|\n]*)\|", section, re.M)
    ]


def package_modules(package):
    """Every `.py` file of the package, as a path relative to it, such as `_model/_money.py`."""
    return sorted(path.relative_to(package).as_posix() for path in package.rglob("*.py"))


def map_problems(rows, modules):
    """What is wrong with the map's rows for these modules, one line per problem."""
    listed = collections.Counter(module for module, _ in rows)
    problems = [f"missing, add a row: {module}" for module in modules if module not in listed]
    problems += [f"no such module, remove the row: {m}" for m in listed if m not in modules]
    problems += [f"listed {n} times, keep one row: {m}" for m, n in listed.items() if n > 1]
    problems += [f"no description: {module}" for module, description in rows if not description]
    return problems


def test_contributing_maps_every_module_of_the_package_once():
    rows = map_rows(CONTRIBUTING.read_text(encoding="utf-8"))
    problems = map_problems(rows, package_modules(PACKAGE))
    assert not problems, f"the table under {MAP_HEADING!r} in CONTRIBUTING.md:\n" + "\n".join(
        problems
    )


def test_the_map_finds_missing_extra_repeated_and_undescribed_modules():
    modules = ["__init__.py", "_model/_money.py", "_cli/_check.py"]
    rows = [
        ("__init__.py", "the public surface"),
        ("_model/_money.py", ""),
        ("_model/_money.py", "amounts in whole cents"),
        ("_reports/_tables.py", "the old name"),
    ]
    assert map_problems(rows, modules) == [
        "missing, add a row: _cli/_check.py",
        "no such module, remove the row: _reports/_tables.py",
        "listed 2 times, keep one row: _model/_money.py",
        "no description: _model/_money.py",
    ]
    rows = [(module, "what it holds") for module in modules]
    assert map_problems(rows, modules) == []


def test_the_map_is_read_from_its_own_table_only():
    contributing = (
        "# Contributing\n\n| layer | where |\n|---|---|\n| `cli.py` | elsewhere |\n\n"
        f"{MAP_HEADING}\n\nText.\n\n| module | what it holds |\n|---|---|\n"
        "| `__init__.py` | the public surface |\n| `_model/_money.py` |  |\n\n"
        "## Adding a rule\n\n| `rules.py` | not the map |\n"
    )
    assert map_rows(contributing) == [
        ("__init__.py", "the public surface"),
        ("_model/_money.py", ""),
    ]


def test_the_packages_modules_are_paths_within_it(tmp_path):
    (tmp_path / "_model").mkdir()
    for name in ("__init__.py", "_model/__init__.py", "_model/_money.py", "_model/notes.md"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert package_modules(tmp_path) == ["__init__.py", "_model/__init__.py", "_model/_money.py"]


# --- pre-commit ---------------------------------------------------------------------------

CHECKS = ("ruff check", "ruff format --check", "mypy --strict src", "lint-imports")
"""What CI lints (`.ci/run`), which pre-commit runs before each commit."""


def missing_checks(config):
    """The checks of `CHECKS` that no local hook of a pre-commit config runs."""
    entries = {
        hook["entry"]
        for repo in config["repos"]
        if repo["repo"] == "local"
        for hook in repo["hooks"]
        if hook.get("language") == "system"
    }
    return [check for check in CHECKS if check not in entries]


def test_pre_commit_runs_what_ci_lints():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert missing_checks(config) == []


def test_a_check_without_a_local_system_hook_is_missing():
    def hook(entry, language="system"):
        return {"id": entry, "entry": entry, "language": language}

    local = {"repo": "local", "hooks": [hook("ruff check"), hook("ruff format --check")]}
    local["hooks"] += [hook("mypy --strict src"), hook("lint-imports", language="python")]
    remote = {"repo": "https://example.org/hooks", "hooks": [hook("lint-imports")]}
    assert missing_checks({"repos": [local, remote]}) == ["lint-imports"]
    local["hooks"].append(hook("lint-imports"))
    assert missing_checks({"repos": [local, remote]}) == []
