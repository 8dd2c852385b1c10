"""The rules layer: the letter's rules as named checks, and the engine that runs them.

It builds on the model layer; `romstrategy.rules` is its public face.
"""
