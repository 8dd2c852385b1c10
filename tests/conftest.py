"""Shared test settings and fixtures: Hypothesis profiles, no skips in CI, an overflowing strategy."""

import os

import attrs
import pytest
from hypothesis import HealthCheck, settings

import romstrategy as rs
from romstrategy import Money, Period

# `fast`, the default: what a person waits for (`python -m pytest`); 25 examples keep each
# property meaningful and the quick suite near a minute on two cores. `ci`: what CI gives
# every property after the quick suite (`HYPOTHESIS_PROFILE=ci`). See CONTRIBUTING.md.
settings.register_profile("fast", max_examples=25, deadline=None, print_blob=True)
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
# For mutation testing: every covering test runs once per mutant, so fewer
# examples, a fixed seed (a kill must be repeatable) and no health checks that
# the mutated code's slowness would trip.
settings.register_profile(
    "mutation",
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))


# --- in CI nothing skips ----------------------------------------------------------------------
#
# Outside CI a test skips when an optional tool is missing (mkdocs, pydantic, Chromium, ...).
# Under CI=true (GitHub Actions and most CI services set it, and `.ci/run` does) any skip,
# of a test or of a whole module, fails the run: a missing tool must not pass unnoticed.
# With pytest-xdist the workers' reports reach these hooks in the controlling process too.

_skipped: list[str] = []


def _in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_collectreport(report):
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    worker = hasattr(session.config, "workerinput")
    if _in_ci() and _skipped and not worker and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _in_ci() and _skipped:
        terminalreporter.section("skipped under CI=true, which fails the run", red=True)
        for nodeid in _skipped:
            terminalreporter.line(f"SKIPPED {nodeid}", red=True)


@pytest.fixture
def overflowing(tmp_path):
    """A source of EUR 10^12 with two allocations of EUR 10^12: RS101, and a total of 2 x 10^12."""
    strategy = rs.reference.strategy_2024()
    source = attrs.evolve(strategy.funding_sources[0], amount=Money(10**12))
    allocations = tuple(
        rs.Allocation(
            id=f"al-{i}",
            source=source.id,
            amount=Money(10**12),
            pillar="I",
            period=Period("2024-01-01", "2025-12-31"),
        )
        for i in range(2)
    )
    strategy = attrs.evolve(strategy, funding_sources=(source,), allocations=allocations)
    path = tmp_path / "overflowing.toml"
    rs.dump(strategy, path)
    return strategy, path
