"""Files read up to a limit (*bestanden lezen*); writing them is `romstrategy._writing`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from romstrategy._documents._errors import refused
from romstrategy._documents._formats import check_limit
from romstrategy._writing import naming

__all__ = ["read_at_most", "read_limited"]


def read_limited(file: Path, max_bytes: int, what: str = "document") -> bytes:
    """The bytes of `file`, up to one past `max_bytes`; a larger file is refused unread.

    Raises:
        DocumentError: for a file of more than `max_bytes` bytes.
        OSError: when the file cannot be read; it names `file`.
        TypeError, ValueError: for a `max_bytes` that is not a positive int.
    """
    check_limit(max_bytes)
    try:
        with file.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > max_bytes:
                limit = f"more than the limit of {max_bytes} (max_bytes= raises it)"
                raise refused(f"the {what} has {size} bytes, {limit}")
            return read_at_most(stream, max_bytes + 1)
    except OSError as error:  # reading a folder names a handle, not the path
        raise naming(error, file) from None


def read_at_most(stream: BinaryIO, most: int) -> bytes:
    """Up to `most` bytes of `stream`, in 16 MiB reads: `most` may be any int, 10**400 too."""
    chunks: list[bytes] = []
    while most > 0 and (chunk := stream.read(min(most, 1 << 24))):
        chunks.append(chunk)
        most -= len(chunk)
    return b"".join(chunks)
