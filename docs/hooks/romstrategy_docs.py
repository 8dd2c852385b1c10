"""A mkdocs hook that writes the generated parts of the docs at build time.

A page asks for a part with a marker line such as `<!-- generated: rules -->`.
The parts come from the code and the repository's own files, so the site
cannot drift from them:

- `rules`: every rule in `romstrategy.rules.RULES`, with its own examples (`breaks`
  and `keeps`) applied to `examples/illustrative_plan.toml`, and the findings
  `validate` gives.
- `document-fields`: the fields of every object in `romstrategy.json_schema()`,
  described by the `Attributes:` sections of the classes' docstrings.
- `changelog`: `CHANGELOG.md`.
- `readme:NAME`: the command after `<!-- NAME -->` in `README.md`, as CI runs it.
- `command:ARGS`: `romstrategy ARGS` run from the repository root, with its output.

A rule without examples, a `breaks` that does not give the rule's finding, a
`keeps` that does, a
schema field without a description or an unknown marker fails the build.
"""

from __future__ import annotations

import contextlib
import difflib
import inspect
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import romstrategy
from romstrategy.cli import main
from romstrategy.rules import RULES

_MARKER = re.compile(r"^<!-- generated: (?P<kind>[a-z-]+)(?::(?P<arg>[^>]*?))? -->$", re.M)

_FIELD_NOTES = {
    ("Strategy", "schema_version"): (
        "the document format's version; this release writes `2` and reads `1` too."
    ),
    ("Period", "start"): "the first day, `YYYY-MM-DD`.",
    ("Period", "end"): "the last day, `YYYY-MM-DD`; it belongs to the period.",
}
"""Descriptions for fields that no `Attributes:` section covers."""


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace each marker line with the part it names."""
    root = Path(config.config_file_path).parent

    def part(match: re.Match[str]) -> str:
        kind, argument = match["kind"], match["arg"] or ""
        makers: dict[str, Callable[[], str]] = {
            "rules": _rules,
            "document-fields": _document_fields,
            "changelog": lambda: (root / "CHANGELOG.md").read_text(encoding="utf-8"),
            "readme": lambda: _readme_command(root / "README.md", argument),
            "command": lambda: _command(root, argument),
        }
        if kind not in makers:
            raise PluginError(f"{page.file.src_uri}: unknown marker {match[0]}")
        return makers[kind]()

    return _MARKER.sub(part, markdown)


_CLICK_EXAMPLE = re.compile(r"<p>([^<\n]*:)\n((?:  [^\n]*\n?)+)</p>")
r"""A paragraph of click help kept as is with `\b`: a heading line, then indented lines."""


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    r"""Show click's `\b` blocks (the commands' examples) as code, as `--help` does."""
    if page.file.src_uri != "cli.md":
        return html

    def block(match: re.Match[str]) -> str:
        lines = "\n".join(line[2:] for line in match[2].rstrip("\n").splitlines())
        return f'<p>{match[1]}</p>\n<pre class="output"><code>{lines}</code></pre>'

    return _CLICK_EXAMPLE.sub(block, html)


# --- rules ----------------------------------------------------------------------------------


BASE = Path(__file__).resolve().parents[2] / "examples" / "illustrative_plan.toml"
"""The plan every rule's examples change: it passes every rule."""


def _rules() -> str:
    index = ["| code | severity | title |", "|---|---|---|"]
    index += [
        f"| [{c}](#{c.lower()}) | {r.severity.value} | {r.title} |" for c, r in RULES.items()
    ]
    base = romstrategy.load(BASE)
    return "\n".join(index) + "\n\n" + "\n\n".join(_rule(code, base) for code in RULES)


def _changed(base: romstrategy.Strategy, changed: romstrategy.Strategy) -> str:
    """The lines of the TOML document that a change adds or removes, as a diff."""
    lines = difflib.unified_diff(
        romstrategy.dumps(base, "toml").splitlines(),
        romstrategy.dumps(changed, "toml").splitlines(),
        lineterm="",
        n=1,
    )
    return "\n".join(line for line in lines if not line.startswith(("---", "+++")))


def _rule(code: str, base: romstrategy.Strategy) -> str:
    rule = RULES[code]
    if rule.breaks is None or rule.keeps is None:
        raise PluginError(f"rule {code} has no examples: give it breaks= and keeps=")
    broken, kept = rule.breaks(base), rule.keeps(base)
    findings = romstrategy.validate(broken).findings
    if code not in {f.code for f in findings}:
        raise PluginError(f"the example that breaks {code} does not give {code}")
    if code in romstrategy.validate(kept).codes:
        raise PluginError(f"the example that keeps {code} gives {code}")
    lines = "\n".join(f.format("en") for f in findings)
    lines_nl = "\n".join(f.format("nl") for f in findings)
    dutch = f"*{rule.title_nl}*  \n" if rule.title_nl else ""
    return f"""\
## {code}: {rule.title} {{#{code.lower()}}}

{dutch}**Severity:** {rule.severity.value}

{rule.explanation}

- **Breaks it:** {rule.failing_example}
- **Keeps it:** {rule.passing_example}

The rule's own example breaks it in `examples/illustrative_plan.toml` with this
change to the document:

```diff
{_changed(base, broken)}
```

`romstrategy.validate` on it gives:

=== "English"

    ``` {{.text .output}}
{_indent(lines)}
    ```

=== "Nederlands"

    ``` {{.text .output}}
{_indent(lines_nl)}
    ```

The near miss keeps it, with this change instead:

```diff
{_changed(base, kept)}
```
"""


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


# --- document fields ------------------------------------------------------------------------


def _document_fields() -> str:
    schema = romstrategy.json_schema()
    parts = [_object("Strategy", schema, top=True)]
    parts += [_object(name, definition) for name, definition in schema["$defs"].items()]
    return "\n\n".join(parts)


def _object(name: str, schema: dict[str, Any], *, top: bool = False) -> str:
    notes = _attributes(getattr(romstrategy, name))
    required = set(schema.get("required", ()))
    rows = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for field, spec in schema["properties"].items():
        note = notes.get(field) or _FIELD_NOTES.get((name, field))
        if note is None:
            raise PluginError(
                f"the schema field {name}.{field} has no description: add it to the "
                f"Attributes section of {name}'s docstring"
            )
        mark = "yes" if field in required else ""
        rows.append(f"| `{field}` | {_type(spec)} | {mark} | {_cell(note)} |")
    title = "The document (top level)" if top else f"`{name}`"
    return f"### {title} {{#{name.lower()}}}\n\n{schema['description']}\n\n" + "\n".join(rows)


def _type(spec: dict[str, Any]) -> str:
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return f"[`{name}`](#{name.lower()})"
    if "const" in spec:
        return f"`{spec['const']}`"
    if "enum" in spec:
        return "one of " + ", ".join(f'`"{value}"`' for value in spec["enum"])
    if "oneOf" in spec:
        return 'amount: `"1250000.00"` or `1250000`, never a float'
    if spec.get("type") == "array":
        return "list of " + _type(spec["items"])
    if spec.get("format") == "date":
        return 'date, `"YYYY-MM-DD"`'
    return str(spec.get("type", "?"))


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _attributes(cls: type[Any]) -> dict[str, str]:
    """The `Attributes:` section of a Google-style docstring, by name."""
    found: dict[str, str] = {}
    inside, name = False, ""
    for line in (inspect.getdoc(cls) or "").splitlines():
        if not line.startswith(" "):
            inside, name = line.strip() == "Attributes:", ""
            continue
        if not inside:
            continue
        item = re.match(r"^    (\w+): (.*)$", line)
        if item:
            name = item[1]
            found[name] = item[2]
        elif name:
            found[name] += " " + line.strip()
    return found


# --- commands -------------------------------------------------------------------------------


def _command(root: Path, arguments: str) -> str:
    """Run `romstrategy ARGUMENTS` from `root`, as a console block with its output."""
    runner = CliRunner()
    with contextlib.chdir(root):
        result = runner.invoke(main, shlex.split(arguments), prog_name="romstrategy")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise PluginError(f"romstrategy {arguments} failed: {result.exception!r}")
    return f"``` {{.console .output}}\n$ romstrategy {arguments}\n{result.output.rstrip()}\n```"


# --- README ---------------------------------------------------------------------------------


def _readme_command(readme: Path, name: str) -> str:
    """The ```sh block after `<!-- name -->`, as `.ci/run` reads it."""
    text = readme.read_text(encoding="utf-8")
    block = re.search(rf"^<!-- {re.escape(name)} -->\n(```sh\n.*?\n```)$", text, re.M | re.S)
    if block is None:
        raise PluginError(f"README.md has no ```sh block after <!-- {name} -->")
    return block[1]
