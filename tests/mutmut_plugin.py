"""A pytest plugin for mutation testing only; pyproject.toml's `[tool.mutmut]` loads it.

It is not a test module and reaches into private caches on purpose: see
docs/mutation-testing.md.
"""


def pytest_runtest_setup(item):
    """Under mutmut only (`-p tests.mutmut_plugin`): start each test cold.

    mutmut forks its workers from a process that already ran the suite, so the
    converters (built on first use) and the value memos were built by unmutated
    code. Clearing them before each test makes every mutant in that code count,
    and lets mutmut's stats see which tests use it. A plain pytest run never
    calls this: this module is not a plugin unless `-p` names it.
    """
    from romstrategy._documents import _converter, _formats

    _converter._converters.cache_clear()
    _formats._json_writer.cache_clear()
    for memo in (_converter._strings, _converter._dates, _converter._periods):
        memo.clear()
    _converter._period_texts.clear()
