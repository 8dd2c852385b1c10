"""Bounded work: a JSON, TOML or YAML document within `max_bytes` is answered in seconds.

Each document is built to be slow (millions of unknown keys) and read in a fresh
interpreter, whose CPU time and peak memory are measured, never its wall time.
"""

import json
import pathlib

import pytest

from romstrategy._documents._formats import MAX_TEXT_BYTES
from tests.helpers import cost_of

CPU_SECONDS = 10  # the target of issue 26, on a 2-core machine
PEAK_BYTES = 1 << 30
KEYS = 2_000_000


def _unknown_keys(where, keys=KEYS):
    plan = json.loads(pathlib.Path("examples/illustrative_plan.json").read_text(encoding="utf-8"))
    table = plan if where == "top" else plan["allocations"][0]
    table.update((f"k{number:07d}", 1) for number in range(keys))
    return plan


def _read(path, expected):
    cpu, peak, out = cost_of(
        f"""
        import romstrategy as rs
        try:
            rs.load({str(path)!r})
        except rs.DocumentError as error:
            print(len(error.problems), error.problems[0].message)
        """
    )
    assert out.startswith(expected), out[:300]
    assert cpu < CPU_SECONDS, cpu
    assert peak < PEAK_BYTES, peak
    return cpu, peak


@pytest.mark.slow
@pytest.mark.parametrize("where", ["top", "allocation"])
def test_a_json_document_of_two_million_unknown_keys_is_refused_in_seconds(tmp_path, where):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(_unknown_keys(where)), encoding="utf-8")
    assert path.stat().st_size > 29_000_000  # as large as the audit's, within 64 MiB
    _read(path, "1001 `k0000000`: unknown key; known keys:")


@pytest.mark.slow
@pytest.mark.parametrize("format", ["toml", "yaml"])
def test_a_toml_or_yaml_document_of_the_largest_default_size_is_refused_in_seconds(
    tmp_path, format
):
    line = "k{:07d} = 1\n" if format == "toml" else "k{:07d}: 1\n"
    plan = pathlib.Path(f"examples/illustrative_plan.{format}").read_text(encoding="utf-8")
    keys = (MAX_TEXT_BYTES - len(plan.encode())) // len(line.format(0))
    body = "".join(map(line.format, range(keys)))
    path = tmp_path / f"plan.{format}"
    path.write_text(body + plan if format == "toml" else plan + body, encoding="utf-8")
    assert MAX_TEXT_BYTES - 20_000 < path.stat().st_size <= MAX_TEXT_BYTES
    _read(path, "1001 `k0000000`: unknown key; known keys:")


def test_a_few_unknown_keys_are_each_named_with_a_suggestion():
    # The near miss of the bounded cases: few keys, each named, in the order of their names.
    _, _, out = cost_of(
        """
        import json, romstrategy as rs
        plan = json.loads(open("examples/illustrative_plan.json").read())
        plan["titel"] = "x"; plan["b"] = 1; plan["a"] = 1
        try:
            rs.loads(json.dumps(plan), "json")
        except rs.DocumentError as error:
            print([p.path for p in error.problems], error.problems[2].message)
        """
    )
    assert out.startswith("['$.a', '$.b', '$.titel'] `titel`: unknown key, did you mean `title`?")
