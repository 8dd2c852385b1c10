"""The cells of an Excel workbook (*cellen*), streamed from its XML parts, never built whole.

A workbook (`.xlsx`) is a zip of XML parts. `Workbook` reads the parts that
hold cells: `xl/workbook.xml` and its relationships (the sheets, the date
system), the shared texts, the styles (which show a date) and, on request,
one sheet. Each part is fed to expat in chunks, and only what a cell needs is
kept: no tree, no padding of rows to the width a sheet claims, and nothing
read twice. Work stops at the limits below, with a `WorkbookError`; every
cell is decoded here from its raw XML, so that a damaged one is a `Damaged`
value (its reason) at its own cell, and a date serial that Excel cannot show
as a day is never read as a nearby one.
"""

from __future__ import annotations

import datetime
import importlib
import math
import posixpath
import re
import zipfile
from collections.abc import Callable
from typing import Self
from xml.etree import ElementTree

from romstrategy._model._display import shown
from romstrategy._model._error import Error

__all__ = [
    "MAX_CELL",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ELEMENTS",
    "MAX_PARTS",
    "MAX_ROWS",
    "Cell",
    "CellError",
    "Damaged",
    "Sheet",
    "Workbook",
    "WorkbookError",
    "escape",
    "letters",
]

MAX_CELL = 32_767
"""The most characters in one cell (Python's count, as when writing): Excel's limit."""

MAX_CELLS = 250_000
"""The most cells (`<c>`, empty ones too) in a workbook, and the most shared texts."""

MAX_ROWS = 1_000_000
"""The highest row number in a sheet, counting empty rows above its last."""

MAX_COLUMNS = 256
"""The most columns a sheet may have (column IV); a table has at most a dozen."""

MAX_ELEMENTS = 1_500_000
"""The most XML elements in the parts read: the workbook, its styles, shared texts and sheets."""

MAX_PARTS = 1_000
"""The most sheets and relationships a workbook may name (a zip holds at most 1,000 parts)."""

_MAX_DAMAGE = 1_001  # a DocumentError lists 1,000 problems


class WorkbookError(Error, ValueError):
    """A workbook that cannot be read: XML that is not well-formed, or past a limit."""


class Damaged(str):
    """A cell that cannot be read as a value; the text is the reason."""


class CellError(str):
    """The error value of a cell, such as `#DIV/0!`."""


Cell = tuple[int, object, "str | None"]
"""A cell that is not empty: its position in the row (0 for column A), its value, its formula
(the text of `<f>`, or `None`). The value is `None` (a formula without a computed value),
text, a bool, an int, a float, a date or datetime, a `CellError`, or `Damaged`."""

_ESCAPED = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]|(?<=_)x(?=[0-9A-Fa-f]{4}_)|x(?=005F_)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LETTERS = re.compile(r"[A-Z]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def escape(text: str) -> str:
    """Text as a cell holds it: characters XML cannot hold (and CR) as Excel's `_xHHHH_`.

    The `x` of anything that reads as such an escape is itself escaped, as is
    that of `x005F_`, which openpyxl drops when it reads.
    """
    return _ESCAPED.sub(lambda match: f"_x{ord(match.group()):04X}_", text)


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


def letters(position: int) -> str:
    """The letters of a column, `A` for position 0."""
    name = ""
    while position >= 0:
        position, rest = divmod(position, 26)
        name, position = chr(65 + rest) + name, position - 1
    return name


_POSITIONS = {letters(position): position for position in range(MAX_COLUMNS)}


def _int(text: str | None, default: int = -1) -> int:
    return int(text) if text is not None and text.isdigit() and len(text) < 10 else default


class _Part:
    """A handler of one XML part as expat streams it, by local names; it keeps no tree."""

    def __init__(self, left: int) -> None:
        self.left = left  # elements that may still be read, of MAX_ELEMENTS
        self.text: list[str] = []
        self.runs: list[str] = []  # the text of a string (<si>, <is>): its <t>, no phonetics
        self.phonetic = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        self.left -= 1
        if self.left < 0:
            raise WorkbookError(
                f"the workbook's sheets, styles and texts hold more than the limit of "
                f"{MAX_ELEMENTS} XML elements"
            )
        self.text.clear()
        name = tag[tag.find("}") + 1 :]
        if name == "rPh":
            self.phonetic += 1
        self.opened(name, attributes)

    def data(self, text: str) -> None:
        self.text.append(text)

    def end(self, tag: str) -> None:
        name, text = tag[tag.find("}") + 1 :], "".join(self.text)
        if name == "t" and not self.phonetic:
            self.runs.append(text)
        elif name == "rPh":
            self.phonetic -= 1
        self.closed(name, text)

    def close(self) -> None:
        """The end of the part."""

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        """An element starts."""

    def closed(self, name: str, text: str) -> None:
        """An element ends; `text` is what it holds after its last child."""

    def read(self, archive: zipfile.ZipFile, part: str) -> Self:
        try:
            stream = archive.open(part)
        except KeyError:
            raise WorkbookError(f"not a readable Excel workbook: no part {shown(part)}") from None
        parser = ElementTree.XMLParser(target=self)
        try:
            with stream:
                while chunk := stream.read(1 << 16):
                    parser.feed(chunk)
            parser.close()
        except WorkbookError:
            raise
        except (ElementTree.ParseError, ValueError, LookupError) as error:
            message = f"not a readable Excel workbook: the part {shown(part)}: {error}"
            raise WorkbookError(message) from None
        return self


class Workbook(_Part):
    """A workbook's sheets, its date system, shared texts and which styles show dates."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        super().__init__(MAX_ELEMENTS)
        self.archive = archive
        self.named: list[tuple[str, str, str]] = []  # name, state, relationship
        self.targets: dict[str, tuple[str, str]] = {}  # relationship: type, part
        self.date1904 = False
        self.cells = 0
        self.read(archive, "xl/workbook.xml")
        if "xl/_rels/workbook.xml.rels" in archive.NameToInfo:
            self.read(archive, "xl/_rels/workbook.xml.rels")
        parts = dict(self.targets.values())
        strings = (
            _Strings(self.left).read(archive, parts["sharedStrings"])
            if "sharedStrings" in parts
            else None
        )
        self.strings, self.left = (strings.strings, strings.left) if strings else ([], self.left)
        styles = _Styles(self.left).read(archive, parts["styles"]) if "styles" in parts else None
        self.dates, self.left = (styles.dates, styles.left) if styles else (bytearray(), self.left)

    @property
    def sheets(self) -> list[tuple[str, str, str]]:
        """Each worksheet's name, state (`visible`, `hidden`) and part, in order."""
        found = []
        for name, state, key in self.named:
            if key not in self.targets:
                raise WorkbookError(f"not a readable Excel workbook: the sheet {name} has no part")
            kind, part = self.targets[key]
            if kind == "worksheet":  # not a chart sheet
                found.append((name, state, part))
        return found

    def sheet(self, name: str, part: str) -> Sheet:
        """The cells of the sheet `name` in `part`."""
        sheet = Sheet(self, name).read(self.archive, part)
        self.left = sheet.left
        return sheet

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        if len(self.named) + len(self.targets) > MAX_PARTS:
            raise WorkbookError(f"the workbook names more than the limit of {MAX_PARTS} parts")
        if name == "workbookPr":
            self.date1904 = attributes.get("date1904", "").lower() in ("1", "true")
        elif name == "sheet":
            key = next((v for k, v in attributes.items() if k.endswith("}id")), "")
            self.named.append(
                (attributes.get("name", ""), attributes.get("state", "visible"), key)
            )
        elif name == "Relationship" and attributes.get("TargetMode") != "External":
            target = attributes.get("Target", "")
            part = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            kind = attributes.get("Type", "").rpartition("/")[2]
            self.targets[attributes.get("Id", "")] = (kind, part)

    def value(self, attributes: dict[str, str], found: dict[str, str]) -> object:
        """A cell's value from its attributes and the texts of its `<v>`, `<f>` and `<is>`."""
        kind, text = attributes.get("t", "n"), found.get("v") or None
        if kind == "inlineStr":
            return _long(found["is"]) if "is" in found else Damaged("an inline text without <is>")
        if text is None:
            return "" if "f" in found and kind in ("s", "str") else None
        if kind == "s":
            index = _int(text)
            if not 0 <= index < len(self.strings):
                return Damaged(f"the shared text {shown(text)} is not one of the workbook's")
            return _long(self.strings[index])
        if kind in _KINDS:
            return _KINDS[kind](_unescape(text))
        if kind != "n":
            return Damaged(f"the cell type {shown(kind)} is not one of Excel's")
        if len(text) > 40 or not _NUMBER.fullmatch(text) or not math.isfinite(float(text)):
            return Damaged(f"the number cell holds {shown(text)}, not a number Excel can hold")
        style = _int(attributes.get("s", "0"))
        if not 0 <= style < max(len(self.dates), 1):
            return Damaged(f"the cell's style {shown(attributes.get('s'))} is not in the workbook")
        if self.dates[style : style + 1] == b"\x01":
            return _serial(float(text), text, self.date1904)
        return int(text) if text.lstrip("+-").isdigit() else float(text)


class _Strings(_Part):
    """The shared texts: the text of each cell `t="s"`, by its number."""

    def __init__(self, left: int) -> None:
        super().__init__(left)
        self.strings: list[str] = []

    def closed(self, name: str, text: str) -> None:
        if name == "si":
            self.strings.append(_unescape("".join(self.runs)))
            self.runs.clear()
            if len(self.strings) > MAX_CELLS:
                raise WorkbookError(f"the workbook has more than the limit of {MAX_CELLS} texts")


class _Styles(_Part):
    """For each cell style (`cellXfs`), whether its number format shows a date (or a time)."""

    def __init__(self, left: int) -> None:
        super().__init__(left)
        numbers = importlib.import_module("openpyxl.styles.numbers")
        self.is_date = numbers.is_date_format
        self.codes: dict[int, str] = dict(numbers.BUILTIN_FORMATS)
        self.formats: dict[int, bool] = {}
        self.dates = bytearray()
        self.cell_styles = False

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        if name == "numFmt":
            self.codes[_int(attributes.get("numFmtId"))] = attributes.get("formatCode", "")[:256]
        elif name == "cellXfs":
            self.cell_styles = True
        elif name == "xf" and self.cell_styles:
            code = _int(attributes.get("numFmtId"), 0)
            if code not in self.formats:
                self.formats[code] = bool(self.is_date(self.codes.get(code, "")))
            self.dates.append(self.formats[code])

    def closed(self, name: str, text: str) -> None:
        self.cell_styles = self.cell_styles and name != "cellXfs"


class Sheet(_Part):
    """One sheet's cells that are not empty, by row.

    `damage` holds (row, position or `None`, reason) for what is wrong beyond a cell's value.
    """

    def __init__(self, book: Workbook, name: str) -> None:
        super().__init__(book.left)
        self.book, self.name = book, name
        self.rows: list[tuple[int, list[Cell]]] = []
        self.damage: list[tuple[int, int | None, str]] = []
        self.row = self.next = 0  # the row being read, and the position of its next cell
        self.cell: dict[str, str] = {}
        self.found: dict[str, str] = {}

    def opened(self, name: str, attributes: dict[str, str]) -> None:
        if name == "c":
            self.book.cells += 1
            if self.book.cells > MAX_CELLS:
                raise WorkbookError(f"the workbook has more than the limit of {MAX_CELLS} cells")
            self.cell, self.found = attributes, {}
            self.runs.clear()
        elif name == "row":
            number = _int(attributes.get("r"), self.row + 1)
            if number > MAX_ROWS:
                raise WorkbookError(f"sheet {self.name}: more than the limit of {MAX_ROWS} rows")
            if number <= self.row:
                self.damaged(number, None, "the row comes twice or out of order")
            self.row, self.next = max(number, self.row), 0

    def closed(self, name: str, text: str) -> None:
        if name == "c":
            self.add(self.cell.get("r"))
        elif name in ("v", "f"):
            self.found.setdefault(name, text)  # the first, as openpyxl reads it
        elif name == "is":
            self.found["is"] = _unescape("".join(self.runs))

    def add(self, reference: str | None) -> None:
        position = self.next
        if reference is not None:
            column = reference.rstrip("0123456789")
            if reference[len(column) :] != str(self.row) or not _LETTERS.fullmatch(column):
                why = f"the cell reference {shown(reference)} is not a cell of this row"
                return self.damaged(self.row, None, why)
            position = _POSITIONS.get(column, MAX_COLUMNS)
        if position >= MAX_COLUMNS:
            raise WorkbookError(
                f"sheet {self.name}, row {self.row}: more than the limit of {MAX_COLUMNS} columns"
            )
        if position < self.next:
            return self.damaged(self.row, position, "the cell comes twice or out of order")
        self.next = position + 1
        value = self.book.value(self.cell, self.found)
        if value is not None or "f" in self.found:
            if not self.rows or self.rows[-1][0] != self.row:
                self.rows.append((self.row, []))
            self.rows[-1][1].append((position, value, self.found.get("f")))
        return None

    def damaged(self, row: int, position: int | None, reason: str) -> None:
        if len(self.damage) < _MAX_DAMAGE:
            self.damage.append((row, position, reason))


def _long(text: str) -> str:
    if len(text) > MAX_CELL:
        return Damaged(f"the cell holds {len(text)} characters, more than Excel's {MAX_CELL}")
    return text


def _boolean(text: str) -> object:
    return {"0": False, "1": True}.get(text, Damaged(f"a TRUE/FALSE cell of {shown(text)}"))


def _iso(text: str) -> object:
    """The day (and time) of a date cell `t="d"`, in ISO 8601 form."""
    try:
        return datetime.datetime.fromisoformat(text if len(text) <= 40 else "")
    except ValueError:
        return Damaged(f"the date cell holds {shown(text)}, not a day in ISO 8601 form")


def _serial(number: float, text: str, date1904: bool) -> object:
    """The day (and time) of a date cell's serial number, unless Excel cannot show it."""
    day = math.floor(number)
    first, last, start = (0, 2_957_003, "1904") if date1904 else (1, 2_958_465, "1900")
    if not first <= day <= last:
        return Damaged(f"the date serial {text} is no day in Excel ({start}-01-01 to 9999-12-31)")
    if day == 60 and not date1904:
        return Damaged("the date serial 60 is 1900-02-29, a day that never was")
    epoch = (
        datetime.datetime(1904, 1, 1) if date1904 else datetime.datetime(1899, 12, 30 + (day < 60))
    )
    moment = epoch + datetime.timedelta(days=day)
    if number == day:
        return moment.date()
    milliseconds = min(round((number - day) * 86_400_000), 86_399_999)  # as Excel shows it
    return moment + datetime.timedelta(milliseconds=milliseconds, microseconds=not milliseconds)


_KINDS: dict[str, Callable[[str], object]] = {
    "str": _long,
    "e": CellError,
    "d": _iso,
    "b": _boolean,
}
