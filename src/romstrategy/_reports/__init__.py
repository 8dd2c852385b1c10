"""The reports layer: overviews, diffs, Markdown, HTML, JSON and notebook tables.

It builds on the model, documents and rules layers; `romstrategy.reports` is
its public face.
"""
