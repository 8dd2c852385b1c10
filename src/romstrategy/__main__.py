"""`python -m romstrategy`: the same as the `romstrategy` command."""

from romstrategy.cli import run

if __name__ == "__main__":
    run()
