"""A YAML loader that refuses what a strategy document never needs.

It refuses aliases (which allow "billion laughs" expansion), nesting deeper
than a limit, duplicate keys and every non-standard tag. It uses PyYAML's C
parser when it is available.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["Dumper", "Loader", "RefusedError", "check_events"]

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class RefusedError(ValueError):
    """Well-formed YAML that a strategy document may not contain."""


def check_events(text: str, max_depth: int) -> None:
    """Refuse aliases and nesting deeper than `max_depth`, before any tree is built.

    Raises:
        RefusedError: naming the line of the first such place.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            raise RefusedError(f"aliases are not allowed (line {_line(event)})")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise RefusedError(f"nested deeper than {max_depth} levels (line {_line(event)})")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _line(event: Any) -> int:
    """The 1-based line where a parser event or node starts."""
    return int(event.start_mark.line) + 1


class Dumper(_BaseDumper):  # type: ignore[misc]  # PyYAML's dumpers are untyped
    """PyYAML's safe dumper, writing every value in full: never an anchor or alias."""

    def ignore_aliases(self, data: Any) -> bool:
        """Write repeated values again, since `Loader` refuses aliases."""
        return True


class Loader(_BaseLoader):  # type: ignore[misc]  # PyYAML's loaders are untyped
    """PyYAML's safe loader, refusing duplicate keys."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        """Build a mapping, refusing a key that appears twice."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            # A key is a scalar (a list or table is refused below), so `deep` is moot.
            key = self.construct_object(key_node)
            try:
                duplicate = key in seen
            except TypeError:  # a list or table as a key
                raise RefusedError(
                    f"a key must be a string, number or date, not {type(key).__name__} "
                    f"(line {_line(key_node)})"
                ) from None
            if duplicate:
                raise RefusedError(f"duplicate key {key!r} (line {_line(key_node)})")
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping
