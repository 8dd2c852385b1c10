"""Benchmarks of romstrategy against pydantic v2 and msgspec; not part of the package."""
