"""Old names kept for one release after a rename (*verouderde namen*).

A module lists its renamed names; reading one warns with a
`DeprecationWarning` that names the new one, and gives the new object.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["renamed"]


def renamed(
    module: str, names: Mapping[str, str], look_up: Callable[[str], Any], stacklevel: int = 2
) -> Callable[[str], Any]:
    """A module `__getattr__` that serves each old name in `names` as `look_up(new name)`.

    `stacklevel` is 3 when a module's own `__getattr__` calls it, so that the
    warning names the line that read the old name.

    Raises:
        AttributeError: for a name that is neither, as Python expects.
    """

    def attribute(name: str) -> Any:
        new = names.get(name)
        if new is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        warnings.warn(
            f"{module}.{name} is renamed {new}; the old name goes in the next release",
            DeprecationWarning,
            stacklevel=stacklevel,
        )
        return look_up(new)

    return attribute
