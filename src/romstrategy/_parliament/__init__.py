"""Parliament's own records.

The Tweede Kamer's open data and merging its motions into a strategy.
"""
