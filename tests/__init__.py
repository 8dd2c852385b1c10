"""The test suite of romstrategy; `tests/helpers.py` holds what the modules share."""
