"""Hostile data packages: deep descriptors, CSV line numbers, failed exports, bounded work."""

import csv
import errno
import io
import json
import os
import re
import stat

import pytest
from click.testing import CliRunner

from romstrategy import DocumentError, dump, reference
from romstrategy._documents import _datapackage
from romstrategy._documents._datapackage import (
    MAX_CELL,
    MAX_COLUMNS,
    MAX_DESCRIPTOR,
    MAX_RECORD,
    MAX_RESOURCES,
    MAX_ROWS,
)
from romstrategy.cli import main
from romstrategy.tables import read_datapackage, write_datapackage
from tests.helpers import cost_of, illustrative, python, python_bound_by_permissions

ROOT = os.geteuid() == 0


def refusal(path):
    """The problems of the package at `path`, which must be refused."""
    with pytest.raises(DocumentError) as caught:
        read_datapackage(path)
    return caught.value


def messages(path):
    return [problem.message for problem in refusal(path).problems]


@pytest.fixture
def package(tmp_path):
    folder = tmp_path / "pkg"
    write_datapackage(illustrative(), folder)
    return folder


# --- 1. a deeply nested descriptor ----------------------------------------------------------


def _nested_in(folder, key, nesting):
    descriptor = folder / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    return text.replace(f'"{key}": ', f'"{key}": {nesting}', 1)


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: "[" * 100_000,
        lambda folder: '{"a":' * 100_000,
        lambda folder: "[" * 100_000 + "]" * 100_000,
        lambda folder: '{"resources": ' + "[" * 100_000,
        lambda folder: '{"a":' * 50_000 + "1" + "}" * 50_000,
        lambda folder: _nested_in(folder, "profile", "[" * 200_000 + "]" * 200_000 + ', "x": '),
        lambda folder: _nested_in(
            folder, "schema", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}, "
        ),
        lambda folder: "\ufeff" + "[" * 100_000,
    ],
    ids=[
        "open-lists",
        "open-tables",
        "closed-lists",
        "in-resources",
        "closed-tables",
        "in-a-field",
        "in-a-schema",
        "after-a-bom",
    ],
)
def test_a_deeply_nested_descriptor_is_a_document_error_naming_it(package, make):
    descriptor = package / "datapackage.json"
    descriptor.write_text(make(package), encoding="utf-8")
    error = refusal(package)
    assert error.source == str(descriptor)
    assert [str(p) for p in error.problems] == [
        "$: datapackage.json: the document is nested too deeply"
    ]


def test_a_descriptor_with_a_bom_and_modest_nesting_reads(package):
    descriptor = package / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["extra"] = json.loads("[" * 200 + "]" * 200)
    descriptor.write_text("\ufeff" + json.dumps(data), encoding="utf-8")
    assert read_datapackage(package) == illustrative()


def test_a_descriptor_that_is_not_json_names_its_line(package):
    (package / "datapackage.json").write_text('{\n  "resources": [,]\n}')
    assert messages(package) == [
        "datapackage.json: not valid JSON: invalid character at line 2 column 17"
    ]


# --- 2. CSV problems name the line -----------------------------------------------------------


def _write_roms(folder, change, terminator="\r\n", bom=False, bad=None):
    """Rewrite roms.csv: `change` edits its rows in place; lines end in `terminator`.

    A `bad` pair `(index, line)` puts the line, as it is, before the row at `index`.
    """
    text = (folder / "roms.csv").read_bytes().decode("utf-8")
    table = list(csv.reader(io.StringIO(text, newline="")))
    change(table)
    parts = [table] if bad is None else [table[: bad[0]], table[bad[0] :]]
    texts = []
    for part in parts:  # every cell quoted: a bare CR must be, whatever the line ends
        stream = io.StringIO(newline="")
        csv.writer(stream, lineterminator=terminator, quoting=csv.QUOTE_ALL).writerows(part)
        texts.append(stream.getvalue())
    text = texts[0] if bad is None else texts[0] + bad[1] + terminator + texts[1]
    (folder / "roms.csv").write_bytes(b"\xef\xbb\xbf" * bom + text.encode("utf-8"))


def _breaks(*texts):
    return sum(len(re.findall(r"\r\n|\r|\n", text)) for text in texts)


NOTES = [("a\nb",), ("a\r\nb\r\nc", "\n\n"), ("\r", "x\ry", "\n")]


@pytest.mark.parametrize("terminator", ["\r\n", "\n", "\r"])
@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("notes", NOTES, ids=["one", "several", "bare-cr"])
def test_a_cell_problem_names_the_line_the_record_starts_on(package, terminator, bom, notes):
    def change(table):
        for row, note in enumerate(notes, start=1):
            table[row][5] = note
        table[5][0] = ""  # record 6

    _write_roms(package, change, terminator, bom)
    line = 6 + _breaks(*notes)
    assert messages(package) == [
        f"roms.csv, line {line} (record 6), column code: got '', an id must not be empty"
    ]


@pytest.mark.parametrize("terminator", ["\r\n", "\n"])
def test_without_line_breaks_in_cells_line_and_record_agree(package, terminator):
    _write_roms(package, lambda table: table[5].__setitem__(0, ""), terminator, bom=True)
    assert messages(package) == ["roms.csv, line 6, column code: got '', an id must not be empty"]


@pytest.mark.parametrize("notes", NOTES, ids=["one", "several", "bare-cr"])
@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ('"NOM"x,name,,,,', "',' expected after '\"'"),
        ('"unclosed,name', "unexpected end of data"),
        ("N\rX,name,,,,", None),  # a bare CR ends a line; the row then has too few cells
    ],
)
def test_a_malformed_record_names_the_line_it_starts_on(package, notes, bad, why):
    records = 1 + len(notes)  # the header and the records with notes

    def change(table):
        for row, note in enumerate(notes, start=1):
            table[row][5] = note
        if bad.startswith('"unclosed'):  # the last record: a later quote would close it
            del table[records:]

    # the header and the records with notes
    _write_roms(package, change, bad=(records, bad))
    found = messages(package)
    where = f"roms.csv, line {records + 1 + _breaks(*notes)} (record {records + 1})"
    if why is None:
        assert f"{where}: the row has 1 cells, the header 6" in found
    else:
        assert found == [f"{where}: {why}"]


def test_the_row_numbers_of_the_other_files_stay_their_own(package):
    _write_roms(package, lambda table: table[1].__setitem__(5, "a\nb\nc"))
    (package / "pillars.csv").write_bytes(
        (package / "pillars.csv").read_bytes().replace(b"\r\nII,", b"\r\n,", 1)
    )
    assert messages(package) == [
        "pillars.csv, line 3, column code: got '', an id must not be empty"
    ]


# --- 3 and 4. an export is whole or not at all, and a failure names its file ---------------------


def _snapshot(path):
    """What a path holds: its mode and its bytes, or the snapshots of its entries."""
    status = os.lstat(path)
    if stat.S_ISLNK(status.st_mode):
        return os.readlink(path)
    if stat.S_ISDIR(status.st_mode):
        return status.st_mode, {p.name: _snapshot(p) for p in path.iterdir()}
    return status.st_mode, path.read_bytes()


def _export_fails(folder, expected):
    """Write another strategy over `folder`, which must fail with `expected`: nothing changes."""
    parent = folder.parent
    before = _snapshot(parent)
    with pytest.raises(OSError, match=re.escape(expected)) as caught:
        write_datapackage(reference.strategy_2024(), folder)
    assert _snapshot(parent) == before
    return caught.value


TABLE_FILES = [f"{table.name}.csv" for table in _datapackage.TABLES] + ["datapackage.json"]


@pytest.mark.parametrize("name", ["strategy.csv", "allocations.csv", "datapackage.json"])
def test_a_read_only_file_in_the_folder_leaves_the_old_package(package, name):
    (package / name).chmod(0o444)
    error = _export_fails(package, "the file is read-only")
    assert error.filename == str(package / name)
    assert read_datapackage(package) == illustrative()


@pytest.mark.parametrize("failing", [1, 5, len(TABLE_FILES)])
@pytest.mark.parametrize("exists", [True, False])
def test_a_full_disk_leaves_the_old_package_or_none(package, monkeypatch, failing, exists):
    if not exists:
        package = package.parent / "new"
    calls = []
    real = os.fsync

    def fsync(handle):
        calls.append(handle)
        if len(calls) == failing:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(handle)

    monkeypatch.setattr(os, "fsync", fsync)
    error = _export_fails(package, "No space left on device")
    assert error.filename == str(package / TABLE_FILES[failing - 1])


@pytest.mark.parametrize("failing", [1, 2])
def test_a_failed_swap_puts_the_old_package_back(package, monkeypatch, failing):
    calls = []
    real = os.rename

    def rename(source, target):
        calls.append(source)
        if len(calls) == failing:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(source, target)

    monkeypatch.setattr(os, "rename", rename)
    error = _export_fails(package, "Input/output error")
    assert error.filename == str(package)
    assert read_datapackage(package) == illustrative()


def test_an_export_replaces_the_package_and_keeps_the_modes(package):
    (package / "roms.csv").chmod(0o640)
    package.chmod(0o750)
    write_datapackage(reference.strategy_2024(), package)
    assert read_datapackage(package) == reference.strategy_2024()
    assert stat.S_IMODE((package / "roms.csv").stat().st_mode) == 0o640
    assert stat.S_IMODE(package.stat().st_mode) == 0o750
    assert sorted(p.name for p in package.parent.iterdir()) == ["pkg"]


@pytest.mark.parametrize("make", ["empty", "missing", "nested"])
def test_an_export_to_a_new_or_empty_folder(tmp_path, make):
    folder = tmp_path / "a" / "b" if make == "nested" else tmp_path / "pkg"
    if make == "empty":
        folder.mkdir()
    write_datapackage(illustrative(), folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted(TABLE_FILES)
    assert sorted(p.name for p in folder.parent.iterdir()) == [folder.name]


def test_a_linked_folder_is_written_through(package):
    link = package.parent / "link"
    link.symlink_to(package, target_is_directory=True)
    write_datapackage(reference.strategy_2024(), link)
    assert link.is_symlink()
    assert read_datapackage(package) == reference.strategy_2024()
    assert sorted(p.name for p in package.parent.iterdir()) == ["link", "pkg"]


@pytest.mark.parametrize(
    ("extra", "make"),
    [
        ("notes.txt", lambda path: path.write_text("mine")),
        (".hidden", lambda path: path.write_text("mine")),
        ("sub", lambda path: path.mkdir()),
        (
            "roms.csv",
            lambda path: (path.unlink(), path.symlink_to(path.parent / "datapackage.json")),
        ),
        ("roms.csv", lambda path: (path.unlink(), path.mkdir())),
    ],
    ids=["a-file", "a-hidden-file", "a-folder", "a-link-for-a-table", "a-folder-for-a-table"],
)
def test_a_folder_with_more_than_a_package_is_refused(package, extra, make):
    make(package / extra)
    error = _export_fails(
        package, f"the folder holds '{extra}', which is not a file of the package"
    )
    assert error.filename == str(package)


def test_a_folder_that_is_not_a_package_is_never_swapped(tmp_path):
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "thesis.docx").write_text("years of work")
    _export_fails(tmp_path / "home", "which is not a file of the package")


def test_a_file_in_the_place_of_the_folder_is_refused(tmp_path):
    (tmp_path / "pkg").write_text("a file")
    error = _export_fails(tmp_path / "pkg", "not a folder")
    assert error.filename == str(tmp_path / "pkg")


def test_a_read_only_folder_is_refused(package):
    package.chmod(0o555)
    try:
        _export_fails(package, "the folder is read-only")
    finally:
        package.chmod(0o755)


def test_a_parent_that_cannot_be_written_is_named(package, monkeypatch):
    real = os.mkdir

    def mkdir(path, mode=0o777, **kwargs):
        if os.path.basename(path).startswith("."):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real(path, mode, **kwargs)

    monkeypatch.setattr(os, "mkdir", mkdir)
    error = _export_fails(package, "Permission denied")
    assert error.filename == str(package.parent)


def test_a_parent_that_is_read_only_for_real(package):
    before, mode = _snapshot(package.parent), package.parent.stat().st_mode
    package.parent.chmod(0o555)
    try:
        done = python_bound_by_permissions(f"""
            from romstrategy import reference
            from romstrategy.tables import write_datapackage
            try:
                write_datapackage(reference.strategy_2024(), {str(package)!r})
            except PermissionError as error:
                print(type(error).__name__, error.filename, error.strerror)
        """)
    finally:
        package.parent.chmod(mode)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"PermissionError {package.parent} Permission denied"
    assert _snapshot(package.parent) == before


def test_the_command_names_the_file_that_cannot_be_written(package, tmp_path):
    plan = tmp_path / "plan.json"
    dump(illustrative(), plan)
    (package / "allocations.csv").chmod(0o444)
    result = CliRunner().invoke(main, ["export", str(plan), "--to", "datapackage", str(package)])
    assert result.exit_code == 2
    assert (
        f"{package / 'allocations.csv'}: cannot be written: the file is read-only" in result.output
    )


# --- 5. a package that cannot be read ---------------------------------------------------------


def _deny(monkeypatch, denied):
    """Make `os.lstat` and opening refuse `denied`, as for a folder without permission."""
    real_lstat, real_open = os.lstat, type(denied).open

    def lstat(path, *args, **kwargs):
        if str(path).startswith(str(denied)):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_lstat(path, *args, **kwargs)

    def opened(self, *args, **kwargs):
        if str(self).startswith(str(denied)):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    monkeypatch.setattr(type(denied), "open", opened)


@pytest.mark.parametrize("denied", ["", "datapackage.json"])
@pytest.mark.parametrize("given", ["", "datapackage.json"])
def test_a_package_that_cannot_be_read_says_so(package, monkeypatch, denied, given):
    _deny(monkeypatch, package / denied if denied else package)
    with pytest.raises(PermissionError) as caught:
        read_datapackage(package / given if given else package)
    assert caught.value.filename == str(package / "datapackage.json")
    assert "holds no" not in str(caught.value)


@pytest.mark.parametrize("name", ["roms.csv", "strategy.csv"])
def test_a_table_that_cannot_be_read_is_a_problem(package, monkeypatch, name):
    _deny(monkeypatch, package / name)
    assert f"{name}: cannot be read (permission denied)" in messages(package)


def test_the_command_says_a_package_cannot_be_read(package, monkeypatch):
    _deny(monkeypatch, package)
    result = CliRunner().invoke(main, ["check", str(package)])
    assert result.exit_code == 2
    assert "cannot read the file: Permission denied" in result.output


@pytest.mark.parametrize("denied", ["", "datapackage.json", "roms.csv"])
def test_a_package_without_permission_for_real(package, denied):
    (package / denied).chmod(0o000)
    try:
        done = python_bound_by_permissions(f"""
            from romstrategy import DocumentError
            from romstrategy.tables import read_datapackage
            try:
                read_datapackage({str(package)!r})
            except (PermissionError, DocumentError) as error:
                print(type(error).__name__, error)
        """)
    finally:
        (package / denied).chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(("PermissionError ", "DocumentError ")), done.stdout
    assert "ermission denied" in done.stdout
    assert "holds no" not in done.stdout


# --- 6. bounded work --------------------------------------------------------------------------


def _header(folder, table):
    return (folder / f"{table}.csv").read_bytes().split(b"\r\n", 1)[0]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (lambda: b"a," * MAX_COLUMNS + b"a\r\n", f"line 1: the row has {MAX_COLUMNS + 1} cells, more than {MAX_COLUMNS}"),
        (lambda: b"\r\n" * MAX_ROWS + b"x\r\n", f"the package's CSV files have more than {MAX_ROWS} rows"),
        (lambda: b",\r\n" * MAX_ROWS, f"the package's CSV files have more than {MAX_ROWS} rows"),
        (lambda: b"x" * (MAX_RECORD + 1), "line 1: the row has more than 4194304 characters"),
        (lambda: b'"x\n",' * (MAX_RECORD // 5 + 1), "line 1: the row has more than 4194304 characters"),
        (lambda: b'"' + b"x" * (MAX_CELL + 1) + b'"', f"line 1: a cell has more than {MAX_CELL} characters"),
    ],
    ids=["columns", "blank-rows", "empty-rows", "one-long-line", "a-long-record", "a-long-cell"],
)  # fmt: skip
def test_a_csv_file_past_a_limit_is_one_problem(package, body, expected):
    (package / "roms.csv").write_bytes(body())
    problems = [m for m in messages(package) if m.startswith("roms.csv")]
    assert len(problems) == 1
    assert re.fullmatch(r"roms\.csv, line [0-9]+(?: \(record [0-9]+\))?: .*", problems[0])
    assert problems[0].endswith(expected), problems


def test_the_rows_limit_is_for_the_package(package):
    n = MAX_ROWS // 2
    header = _header(package, "roms")
    (package / "roms.csv").write_bytes(header + b"\r\n" + b"\r\n" * n)
    (package / "pillars.csv").write_bytes(_header(package, "pillars") + b"\r\n" * n)
    assert any("more than 50000 rows" in m for m in messages(package))


def test_a_list_of_empty_items_is_one_problem_per_cell(package):
    header = _header(package, "roms")
    rows = b"".join(b"R%d,n,%s,,,\r\n" % (i, b";" * 10_000) for i in range(3))
    (package / "roms.csv").write_bytes(header + b"\r\n" + rows)
    found = [m for m in messages(package) if "is empty" in m]
    assert len(found) == 3
    assert found[0].startswith("roms.csv, line 2, column provinces: item 1 of ';;;")


def test_many_problems_stop_at_the_listed_limit(package):
    header = _header(package, "roms")
    (package / "roms.csv").write_bytes(header + b"\r\n" + b"x\r\n" * 5_000)
    problems = refusal(package).problems
    assert len(problems) == 1001
    assert problems[-1].message.startswith("more problems were found")


def test_reading_leaves_the_csv_field_size_limit_alone(package):
    before = csv.field_size_limit()
    (package / "roms.csv").write_bytes(b'"' + b"x" * (MAX_CELL + 1) + b'"')
    refusal(package)
    assert csv.field_size_limit() == before


@pytest.mark.parametrize(("limit", "expected"), [(10**9, MAX_CELL), (1_000, 1_000)])
def test_a_changed_csv_field_size_limit_still_bounds_a_cell(tmp_path, limit, expected):
    done = python(f"""
        import csv
        from romstrategy import DocumentError
        from romstrategy.tables import read_datapackage, write_datapackage
        from tests.helpers import illustrative
        write_datapackage(illustrative(), {str(tmp_path)!r})
        head = open({str(tmp_path / "roms.csv")!r}, "rb").read().split(b"\\r\\n")[0]
        open({str(tmp_path / "roms.csv")!r}, "wb").write(head + b'\\r\\nR,"' + b"x" * 200_000 + b'",,,,\\r\\n')
        csv.field_size_limit({limit})
        try:
            read_datapackage({str(tmp_path)!r})
        except DocumentError as error:
            print([p.message for p in error.problems if p.message.startswith("roms")])
        print(csv.field_size_limit())
    """)
    assert done.returncode == 0, done.stderr
    assert "roms.csv, line 2: a cell has " in done.stdout
    assert f"more than {expected}" in done.stdout
    assert done.stdout.splitlines()[-1] == str(limit)


def test_a_descriptor_past_its_limits_is_refused(package):
    descriptor = package / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"] += [{"name": "roms", "path": "roms.csv"}] * MAX_RESOURCES
    descriptor.write_text(json.dumps(data))
    assert messages(package) == [
        f"datapackage.json: expected `resources`, a list of tables; it lists more than {MAX_RESOURCES}"
    ]
    descriptor.write_text(" " * MAX_DESCRIPTOR + "{}")
    assert messages(package) == [
        f"datapackage.json: has {MAX_DESCRIPTOR + 2} bytes, more than the limit of {MAX_DESCRIPTOR}"
    ]


@pytest.mark.parametrize(
    "path",
    ["../outside.csv", "/etc/passwd", "OUTSIDE", "..", ".", "./roms.csv", "roms.csv/..",
     "C:\\outside.csv", "\\\\server\\share\\x.csv", "~/outside.csv", "%2e%2e/outside.csv",
     "roms.csv\x00", "file:///etc/passwd", ""],
)  # fmt: skip
def test_a_resource_path_never_leaves_the_folder(package, path):
    outside = package.parent / "outside.csv"
    outside.write_bytes((package / "roms.csv").read_bytes())
    path = str(outside) if path == "OUTSIDE" else path
    descriptor = package / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["resources"][3]["path"] = path
    descriptor.write_text(json.dumps(data))
    outside.chmod(0o000 if not ROOT else 0o644)
    assert "is not a plain file name" in messages(package)[0] or "is a URL" in messages(package)[0]


@pytest.mark.parametrize("target", ["outside.csv", "/dev/zero", "."])
def test_a_link_in_the_folder_is_not_followed(package, target):
    (package.parent / "outside.csv").write_bytes((package / "roms.csv").read_bytes())
    (package / "roms.csv").unlink()
    (package / "roms.csv").symlink_to(package.parent / target if target != "/dev/zero" else target)
    assert "roms.csv: is a symbolic link; a package's files are read only as files" in messages(
        package
    )


def test_a_named_pipe_in_the_folder_does_not_hang(package):
    (package / "roms.csv").unlink()
    os.mkfifo(package / "roms.csv")
    assert "roms.csv: is not a regular file" in messages(package)


# --- bounded work, measured in a fresh process ------------------------------------------------

MEASURED = """
import resource, sys
from romstrategy import DocumentError
from romstrategy.tables import read_datapackage
try:
    read_datapackage(sys.argv[1])
    print("read")
except DocumentError as error:
    print(error.problems[0].message[:200])
"""

HEAD = b"code,name,provinces,shareholders,source,note\r\n"
MB = 1 << 20

HOSTILE = {
    "3-million-columns": lambda: b",".join(b"c%d" % i for i in range(3_000_000)) + b"\r\n",
    "26-MB-line": lambda: b"x" * 26 * MB + b"\r\n",
    "20-MB-quoted": lambda: HEAD + b'"' + b"y" * 20 * MB + b'",,,,,\r\n',
    "millions-of-empty-rows": lambda: HEAD + b",,,,,\r\n" * (60 * MB // 7),
    "millions-of-short-rows": lambda: HEAD + b",\r\n" * (60 * MB // 3),
    "millions-of-blank-lines": lambda: HEAD + b"\r\n" * (60 * MB // 2),
    "wide-rows": lambda: HEAD + (b"ab," * 1_000_000 + b"\r\n") * 20,
    "empty-items": lambda: HEAD + b"".join(b"R%d,n,%s,,,\r\n" % (i, b";" * 130_000) for i in range(450)),
    "rows-of-many-cells": lambda: HEAD + (",".join(["\u20ac\u20ac"] * MAX_COLUMNS).encode() + b"\r\n") * (MAX_ROWS - 100),
}  # fmt: skip


def _measure(folder):
    """What reading the package prints, in a fresh process that must stay within bounds."""
    cpu, peak, printed = cost_of(MEASURED.replace("sys.argv[1]", repr(str(folder))), timeout=300)
    assert cpu < 10, f"{cpu:.1f} s of CPU time"
    assert peak < 1 << 30, f"{peak >> 20} MiB at the peak"
    return printed


@pytest.mark.slow
@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_package_is_refused_in_bounded_time_and_memory(package, name):
    (package / "roms.csv").write_bytes(HOSTILE[name]())
    output = _measure(package)
    assert output.startswith("roms.csv"), output


@pytest.mark.slow
@pytest.mark.parametrize("name", ["resources", "deep"])
def test_a_hostile_descriptor_is_refused_in_bounded_time_and_memory(package, name):
    descriptor = package / "datapackage.json"
    if name == "resources":
        data = json.loads(descriptor.read_text(encoding="utf-8"))
        data["resources"] += [{"name": f"r{i}", "path": "roms.csv"} for i in range(1_000_000)]
        descriptor.write_text(json.dumps(data))
    else:
        descriptor.write_text("[" * (60 * MB))
    output = _measure(package)
    assert output.startswith("datapackage.json"), output


@pytest.mark.slow
def test_the_largest_package_by_rows_reads_in_bounded_time_and_memory(package):
    lines = (package / "activities.csv").read_bytes().decode("utf-8").split("\r\n")
    cells = next(csv.reader([lines[1]]))
    rows = [lines[0]]
    for i in range(MAX_ROWS - 200):
        cells[0], cells[10] = f"act{i}", ";".join(f"act{j}" for j in range(i, i + 20))
        stream = io.StringIO()
        csv.writer(stream, lineterminator="").writerow(cells)
        rows.append(stream.getvalue())
    (package / "activities.csv").write_bytes("\r\n".join(rows).encode("utf-8") + b"\r\n")
    output = _measure(package)
    assert output == "read\n"
