"""The model layer: immutable domain objects, money, periods and field kinds.

It imports nothing from the layers above it (documents, rules, reports, the
command line). Its modules are private; `romstrategy` exposes their names.
"""
