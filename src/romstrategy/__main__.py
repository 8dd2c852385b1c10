"""`python -m romstrategy`: print a summary of the reference strategy."""

from __future__ import annotations

from romstrategy import reference
from romstrategy._summary import summary


def main() -> int:
    """Print a summary of the strategy from the minister's letter."""
    print("<reference>")
    print(summary(reference.strategy_2024()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
