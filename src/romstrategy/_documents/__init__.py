"""The documents layer: reading, checking and writing JSON, TOML and YAML documents.

It builds on the model layer and nothing above it.
"""
