"""`python -m romstrategy`: the same as the `romstrategy` command."""

from romstrategy.cli import main

if __name__ == "__main__":
    main(prog_name="romstrategy")
