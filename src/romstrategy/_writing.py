"""Files and folders written whole or not at all (*bestanden schrijven*).

A file is written to a new file beside it and renamed over it; a folder of
files, such as a data package, to a new folder beside it that is swapped in.
Plain file-system work: nothing here knows a strategy.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TypeVar

from romstrategy._model._display import shown

__all__ = ["naming", "write_atomically", "write_folder"]

T = TypeVar("T")


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
        new_mode = 0o600 if mode is not None else 0o666  # open() applies the umask
        temporary, handle = _fresh(target, "tmp", lambda name: os.open(name, _FLAGS, new_mode))
        _fill(handle, data, mode)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise naming(error, file) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    _sync_folder(target.parent)


def _fill(handle: int, data: bytes, mode: int | None) -> None:
    """Write, flush and sync a new file, and give it `mode` when there is one."""
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        if mode is not None:
            os.fchmod(stream.fileno(), mode)
        os.fsync(stream.fileno())


def write_folder(folder: Path, files: Mapping[str, bytes]) -> None:
    """Replace `folder` with a folder of `files` (name: bytes) in one step, or leave it.

    The files go to a new folder beside it; then the old folder is renamed
    aside, the new one renamed in, and the old one removed; if the swap fails,
    the old folder is renamed back. A symbolic link is written through. An
    existing folder may hold only files of these names, regular and writable
    (each keeps its mode, as does the folder): anything else is refused rather
    than lost, and so is a read-only folder.

    Raises:
        OSError: naming the file or folder that could not be written.
    """
    target = Path(os.path.realpath(folder))
    modes = _folder_modes(target, files)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise naming(error, target.parent) from None
    try:
        new, swapped = _fresh(target, "new", os.mkdir)[0], False
    except OSError as error:
        raise naming(error, target.parent) from None
    try:
        for name, data in files.items():
            try:
                _fill(os.open(new / name, _FLAGS, 0o666), data, modes.get(name))
            except OSError as error:
                raise naming(error, target / name) from None
        try:
            if "" in modes:
                os.chmod(new, modes[""])
            _swap(new, target, "" in modes, files)
        except OSError as error:
            raise naming(error, target) from None
        swapped = True
    finally:
        if not swapped:
            _remove(new, files)
    _sync_folder(target.parent)


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _folder_modes(target: Path, names: Mapping[str, bytes]) -> dict[str, int]:
    """The modes of an existing folder (key `""`) and of its files; `{}` when there is none."""
    try:
        mode = os.stat(target).st_mode
        if not stat.S_ISDIR(mode):
            raise NotADirectoryError(errno.ENOTDIR, "not a folder")
        with os.scandir(target) as scan:
            entries = list(scan)
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise naming(error, target) from None
    for other in sorted(
        e.name for e in entries if not e.is_file(follow_symlinks=False) or e.name not in names
    ):
        why = f"the folder holds {shown(other)}, which is not a file of the package; a package"
        raise OSError(
            errno.ENOTEMPTY, f"{why} is written whole, to a folder of its own", str(target)
        )
    if not mode & 0o200 or not os.access(target, os.W_OK):
        raise PermissionError(errno.EACCES, "the folder is read-only", str(target))
    modes = {"": stat.S_IMODE(mode)}
    for entry in entries:
        try:
            modes[entry.name] = _writable_mode(Path(entry.path)) or stat.S_IMODE(mode) & 0o666
        except OSError as error:
            raise naming(error, Path(entry.path)) from None
    return modes


def _fresh(target: Path, kind: str, make: Callable[[Path], T]) -> tuple[Path, T]:
    """A new hidden file or folder beside `target`, made by `make`, and what `make` gave."""
    for _ in range(100):  # a short name, so that a long target's name still fits
        name = target.parent / f".{target.name[:32]}.{os.urandom(4).hex()}.{kind}"
        with contextlib.suppress(FileExistsError):
            return name, make(name)
    raise FileExistsError(errno.EEXIST, "no free name for a temporary file")


def _swap(new: Path, target: Path, exists: bool, names: Mapping[str, bytes]) -> None:
    """Rename `new` to `target`; an old `target` goes aside first, and back on a failure."""
    if not exists:
        os.rename(new, target)
        return
    aside = _fresh(target, "old", os.mkdir)[0]
    try:
        os.rename(target, aside)  # over an empty folder, which it replaces
    except OSError:
        os.rmdir(aside)
        raise
    try:
        os.rename(new, target)
    except OSError:
        os.rename(aside, target)
        raise
    _remove(aside, names)


def _remove(folder: Path, names: Mapping[str, bytes]) -> None:
    """Remove a folder of ours and the files of `names` in it; a failure leaves it."""
    with contextlib.suppress(OSError):
        for name in names:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(folder / name)
        os.rmdir(folder)


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
