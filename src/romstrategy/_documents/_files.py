"""Files written whole or not at all (*bestanden schrijven*)."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from typing import BinaryIO

from romstrategy._documents._errors import refused
from romstrategy._documents._formats import check_limit

__all__ = ["naming", "read_at_most", "read_limited", "write_atomically"]


def write_atomically(file: Path, data: bytes) -> None:
    """Replace `file` with `data` in one step, or leave it as it was.

    The data goes to a new file in the same folder, which is flushed, synced
    and then renamed over the target. A symbolic link is written through: its
    target is replaced and the link kept. An existing file keeps its mode; a
    new one gets the mode that the process's umask gives. A file without
    write permission, and anything but a regular file (a folder, a device
    such as `/dev/null`, a named pipe), is refused rather than replaced. As
    with every atomic write, a file with other hard links gets a new inode:
    the other names keep the old text.

    Raises:
        OSError: when the file cannot be written; it names `file`, never
            the temporary file.
    """
    target = Path(os.path.realpath(file))  # through symbolic links
    temporary: Path | None = None
    try:
        if target.is_symlink():  # links that form a loop
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        if os.path.lexists(target) and not target.is_file():  # a folder, a device, a pipe
            raise OSError(errno.EINVAL, "not a regular file")
        mode = _writable_mode(target)
        temporary, handle = _new_file(target, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if mode is not None:
                os.fchmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise naming(error, file) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _sync_folder(target.parent)


def _writable_mode(target: Path) -> int | None:
    """The mode of an existing, writable target; `None` when there is none yet."""
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return None
    # The mode bits say read-only even where the user may write anyway (root).
    if not mode & 0o222 or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only")
    return mode


def _new_file(target: Path, mode: int | None) -> tuple[Path, int]:
    """Create a new hidden file beside `target`; open() applies the umask to a new mode."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):  # a short name, so that a long target's name still fits
        name = target.parent / f".{target.name[:32]}.{os.urandom(4).hex()}.tmp"
        try:
            return name, os.open(name, flags, 0o600 if mode is not None else 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file")


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


def naming(error: OSError, file: Path) -> OSError:
    """The same error, naming the path the caller gave (not a temporary file or a handle)."""
    if error.errno is None:
        return OSError(f"{file}: {error}")
    return OSError(error.errno, error.strerror or os.strerror(error.errno), str(file))


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not every platform can open a folder.
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
