"""The documentation agrees with the code: the rules page, annotated documents, glossary.

The rule examples are the rules' own (`Rule.breaks` and `Rule.keeps`), which the
docs hook renders, so the page and these tests read the same examples.
"""

import contextlib
import importlib.util
import inspect
import io
import re
import sys
from pathlib import Path

import pytest

import romstrategy as rs
from romstrategy import rules
from romstrategy.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
HOOKS = DOCS / "hooks"


def _module(name):
    spec = importlib.util.spec_from_file_location(name, HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # the hook imports its sibling by this name
    spec.loader.exec_module(module)
    return module


def _blocks(page, language):
    text = (DOCS / page).read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.M | re.S)


# --- the rules reference --------------------------------------------------------------------


def test_the_rules_page_is_generated_from_the_registry():
    assert "<!-- generated: rules -->" in (DOCS / "rules.md").read_text(encoding="utf-8")


def test_the_generated_rules_page_has_every_rule_with_its_finding():
    pytest.importorskip("mkdocs")
    hook = _module("romstrategy_docs")
    page = hook._rules()
    base = rs.load(ROOT / "examples" / "illustrative_plan.toml")
    for code, rule in RULES.items():
        assert f"## {code}: {rule.title} {{#{code.lower()}}}" in page
        assert f"- **Breaks it:** {rule.failing_example}" in page
        assert f"- **Keeps it:** {rule.passing_example}" in page
        for finding in rs.validate(rule.breaks(base)).findings:
            assert finding.format("en") in page
            assert finding.format("nl") in page


# --- the document format --------------------------------------------------------------------


def test_the_annotated_examples_give_one_strategy_that_passes_every_rule():
    strategies = [
        rs.loads(block, language)
        for language in ("toml", "json", "yaml")
        for block in _blocks("document-format.md", language)
    ]
    assert len(strategies) == 3
    assert all(strategy == strategies[0] for strategy in strategies)
    assert rs.validate(strategies[0]).findings == ()


def test_the_generated_field_tables_name_every_schema_field():
    pytest.importorskip("mkdocs")
    hook = _module("romstrategy_docs")
    page = hook._document_fields()
    schema = rs.json_schema()
    objects = {"Strategy": schema, **schema["$defs"]}
    for name, definition in objects.items():
        assert f"{{#{name.lower()}}}" in page
        for field in definition["properties"]:
            assert f"| `{field}` |" in page, (name, field)


# --- code on the pages ----------------------------------------------------------------------


PYTHON_BLOCKS = [
    (page.name, block)
    for page in sorted(DOCS.glob("*.md"))
    for block in _blocks(page.name, "python")
    if not block.startswith("--8<--")  # included from examples/, which CI runs
    and page.name != "notebook.md"  # cells that build on each other: run in order below
]


@pytest.mark.parametrize(("page", "block"), PYTHON_BLOCKS, ids=lambda v: str(v)[:30])
def test_a_python_block_on_a_page_runs(page, block, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(block, f"docs/{page}", "exec"), {})


def test_the_readme_s_python_blocks_run_in_order_from_the_repository(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text("utf-8"), re.S)
    assert len(blocks) >= 3
    space = {}
    for block in blocks:  # they build on each other, as a reader types them
        exec(compile(block, "README.md", "exec"), space)
    printed = capsys.readouterr().out
    assert "4000000.00\n4000000.00\n" in printed  # pandas, then polars
    assert "not_scheduled EUR 1,000,000.00" in printed


def test_every_snippet_names_a_file_that_exists():
    for page in DOCS.glob("*.md"):
        for name in re.findall(r'^--8<-- "([^":]+)', page.read_text(encoding="utf-8"), re.M):
            assert (ROOT / name).is_file(), (page.name, name)


def test_the_changelog_page_is_the_repository_changelog():
    assert (DOCS / "changelog.md").read_text(encoding="utf-8").strip() == (
        "<!-- generated: changelog -->"
    )


# --- the glossary ---------------------------------------------------------------------------


def _public_docstrings():
    from romstrategy import parliament

    for module in (rs, rules, parliament):
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.ismodule(value):
                continue
            yield value.__doc__ or ""
            if inspect.isclass(value):
                for member in vars(value).values():
                    if callable(member) or isinstance(member, property):
                        yield member.__doc__ or ""


def _dutch_terms():
    """The italic terms in parentheses, as in `(*pijler*)` or `(*motie*, *amendement*)`."""
    terms = set()
    for doc in _public_docstrings():
        for group in re.findall(r"\((\*[^*()]+\*(?:,\s*\*[^*()]+\*)*)\)", doc):
            terms |= {" ".join(t.split()) for t in re.findall(r"\*([^*]+)\*", group)}
    return terms


def _glossary():
    text = (DOCS / "concepts.md").read_text(encoding="utf-8").split("## Glossary", 1)[1]
    first_cells = re.findall(r"^\| ([^|]+) \|", text, re.M)
    return {term for cell in first_cells for term in re.findall(r"\*([^*]+)\*", cell)}


def test_the_glossary_has_every_dutch_term_of_the_public_api():
    terms = _dutch_terms()
    assert len(terms) > 30  # the extraction found the terms
    assert sorted(terms - _glossary()) == []


@pytest.mark.parametrize(
    "term",
    ["pijler", "bovenregionaal", "regionaal", "opdrachtgever", "uitvoerder", "afgedaan",
     "aangenomen", "verworpen", "ingetrokken", "aangehouden", "in behandeling",
     "incidentele middelen", "structurele middelen", "c.s.", "motie", "amendement",
     "Kamerstuk", "vindplaats", "toewijzing", "penvoerder", "complementair", "aanvullend",
     "meerjarenstrategie"],
)  # fmt: skip
def test_the_glossary_has_the_terms_policy_readers_look_up(term):
    assert term in _glossary()


def test_api_reference_lists_every_public_name():
    import types

    import romstrategy

    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    listed = {line.strip()[2:] for line in page.splitlines() if line.strip().startswith("- ")}
    public = {
        name
        for name in romstrategy.__all__
        if not isinstance(getattr(romstrategy, name), types.ModuleType)
    }
    assert public <= listed
    for module in ("rules", "reports", "reference", "testing"):
        assert f"::: romstrategy.{module}" in page


# --- the cookbook ---------------------------------------------------------------------------


def _printed_and_shown(script: str, page: str, section: str) -> tuple[str, str]:
    """What an example prints, and what a page's section shows after "It prints:"."""
    import subprocess

    printed = subprocess.run(
        [sys.executable, str(ROOT / "examples" / script)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    text = (DOCS / page).read_text(encoding="utf-8")
    shown = text.split(f"## {section}", 1)[1].split("It prints:\n\n```text\n", 1)[1]
    return printed, shown.split("```", 1)[0]


def test_the_cookbook_shows_what_the_spending_recipe_prints():
    printed, shown = _printed_and_shown("spent_per_pillar.py", "cookbook.md", "Spending by a date")
    assert printed == shown
    assert "total: EUR 1,025,000.50 spent of EUR 4,000,000.00" in printed


def test_the_motions_page_shows_what_the_merging_example_prints():
    printed, shown = _printed_and_shown(
        "motions_from_the_kamer.py", "motions-from-the-tweede-kamer.md", "Merging into a strategy"
    )
    assert printed == shown
    assert "4 motions added; the plan had 4" in printed


NOTEBOOK_CELL = re.compile(r"```python\n(.*?)\n```\n\n```(text|html)\n(.*?)\n```", re.S)


def _shown(code, kind, space):
    """What a notebook shows for a cell: what it prints, or its last value's repr or HTML."""
    *body, last = code.split("\n")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec("\n".join(body), space)  # the page's own cells, in a test
        if last.startswith("print("):
            exec(last, space)
            return printed.getvalue().rstrip("\n")
        value = eval(last, space)
    return value._repr_html_() if kind == "html" else repr(value)


def test_the_notebook_page_shows_what_its_cells_give(monkeypatch):
    monkeypatch.chdir(ROOT)
    cells = NOTEBOOK_CELL.findall((DOCS / "notebook.md").read_text(encoding="utf-8"))
    assert len(cells) >= 6
    space = {}
    for code, kind, expected in cells:
        assert _shown(code, kind, space) == expected, code
    assert any(kind == "html" for _, kind, _ in cells)


def test_limits_md_states_each_limit_the_code_enforces():
    """Each limit's constant, written as docs/limits.md writes it, is on that page."""
    from romstrategy import _xlsx
    from romstrategy._documents import _builder, _datapackage, _errors, _formats, _workbook
    from romstrategy._model import _display, _vocabulary

    words = {5: "five"}
    stated = {
        f"{_formats.MAX_BYTES >> 20} MiB for JSON": _formats.MAX_BYTES,
        f"{_formats.MAX_TEXT_BYTES >> 20} MiB for TOML and YAML": _formats.MAX_TEXT_BYTES,
        f"{_errors.MAX_PROBLEMS:,} per `DocumentError`": _errors.MAX_PROBLEMS,
        f"first {_builder.MAX_BAD_ITEMS} bad items": _builder.MAX_BAD_ITEMS,
        f"{_formats.MAX_DEPTH} levels": _formats.MAX_DEPTH,
        f"{_formats.MAX_KEY_PARTS} (`a.b.c` has three": _formats.MAX_KEY_PARTS,
        f"at most {_workbook.MAX_MEMBERS:,} parts": _workbook.MAX_MEMBERS,
        f"{_xlsx.MAX_ROWS:,} rows and {_xlsx.MAX_COLUMNS} columns": _xlsx.MAX_ROWS,
        f"{_xlsx.MAX_CELLS:,} cells (empty ones too)": _xlsx.MAX_CELLS,
        f"{_xlsx.MAX_ELEMENTS:,} XML elements": _xlsx.MAX_ELEMENTS,
        f"a cell at most {_xlsx.MAX_CELL:,} characters": _xlsx.MAX_CELL,
        f"{_datapackage.MAX_DESCRIPTOR >> 20} MiB; at most {_datapackage.MAX_RESOURCES} resources": (
            _datapackage.MAX_DESCRIPTOR
        ),
        f"{_datapackage.MAX_COLUMNS} cells and {_datapackage.MAX_RECORD >> 20} MiB a row": (
            _datapackage.MAX_RECORD
        ),
        f"{_datapackage.MAX_CELL:,} characters a cell": _datapackage.MAX_CELL,
        f"{_datapackage.MAX_ROWS:,} rows in all its files": _datapackage.MAX_ROWS,
        f"names its first {words[_vocabulary.FEW]} items": _vocabulary.FEW,
        f"at most {_display._LIMIT} characters": _display._LIMIT,
    }
    page = " ".join(Path("docs/limits.md").read_text(encoding="utf-8").split())
    missing = [phrase for phrase in stated if phrase not in page]
    assert not missing, f"docs/limits.md does not say: {missing}"
