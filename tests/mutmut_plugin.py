"""A pytest plugin for mutation testing only; pyproject.toml's `[tool.mutmut]` loads it.

It is not a test module and reaches into private caches on purpose: see
docs/mutation-testing.md.
"""


def pytest_runtest_setup(item):
    """Under mutmut only (`-p tests.mutmut_plugin`): start each test cold.

    mutmut forks its workers from a process that already ran the suite, so the
    JSON codec (made on first use) was made by unmutated code. Clearing it
    before each test makes every mutant in that code count. The builder and the
    writer keep nothing between documents. A plain pytest run never calls
    this: this module is not a plugin unless `-p` names it.
    """
    from romstrategy._documents import _formats, _strict_json

    _formats._json_encoder.cache_clear()
    _strict_json._decoder.cache_clear()
