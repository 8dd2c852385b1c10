"""The `romstrategy` command (*opdrachtregel*), one module per command or group of commands.

`romstrategy.cli` is its public face. The commands parse their arguments and
call the library; what they print is rendered in the reports layer.
"""
