"""Hostile workbooks: bounded work, long cells, impossible dates, damaged cells, formula text.

Each workbook is a real one, written by `dump`, with the XML of its parts rewritten by
hand as a hostile or broken program would write them. The big ones are measured in a
fresh interpreter: its CPU time and peak memory (`RUSAGE_CHILDREN`), never wall time.
"""

import datetime
import io
import re
import zipfile

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from romstrategy import DocumentError, dump, load
from romstrategy import _xlsx as xlsx
from tests.helpers import illustrative, python

PILLARS = "xl/worksheets/sheet5.xml"
MOTIONS = "xl/worksheets/sheet6.xml"
ALLOCATIONS = "xl/worksheets/sheet10.xml"
TRANSACTIONS = "xl/worksheets/sheet12.xml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def hostile(tmp_path, changes, added=(), strategy=None):
    """A workbook of `strategy` with `changes[part](xml)` applied to its parts, `added` added."""
    path = tmp_path / "hostile.xlsx"
    dump(strategy if strategy is not None else illustrative(), path)
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as to:
        for member in source.infolist():
            content = source.read(member)
            if member.filename in changes:
                content = changes[member.filename](content)
            to.writestr(member.filename, content)
        for name, content in dict(added).items():
            to.writestr(name, content)
    path.write_bytes(out.getvalue())
    return path


def sheet_data(rows, dimension=None):
    """A change that gives a sheet the XML `rows` as its only content (and a dimension)."""

    def change(content):
        content = re.sub(
            rb"<sheetData>.*</sheetData>",
            lambda _: b"<sheetData>" + rows + b"</sheetData>",
            content,
            flags=re.S,
        )
        if dimension:
            content = re.sub(
                rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="%s"/>' % dimension, content
            )
        return content

    return change


def cell_xml(reference, old, new):
    """A change that rewrites cell `reference`, which must match `old`, as `new`."""

    def change(content):
        pattern = rb'<c r="%s"[^>]*?(?:/>|>.*?</c>)' % reference.encode()
        found = re.search(pattern, content)
        assert found, reference
        assert re.fullmatch(old, found.group()), (reference, found)
        return content[: found.start()] + new + content[found.end() :]

    return change


def shared_strings(*texts, sst=None):
    """The parts that add a shared-string table to a workbook."""
    body = sst if sst is not None else b"".join(b"<si><t>%s</t></si>" % t.encode() for t in texts)
    rel = (
        b'<Relationship Id="rIdSST" Target="sharedStrings.xml" Type="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    changes = {"xl/_rels/workbook.xml.rels": lambda c: c.replace(b"</Relationships>", rel)}
    return changes, {"xl/sharedStrings.xml": b'<sst xmlns="%s">%s</sst>' % (MAIN.encode(), body)}


def workbook_found(path):
    with pytest.raises(DocumentError) as caught:
        load(path)
    return [(problem.path, problem.message) for problem in caught.value.problems]


# --- 1. bounded work -------------------------------------------------------------------------


def load_measured(path):
    """Load `path` in a fresh interpreter: (CPU seconds, peak memory in bytes, what it said)."""
    code = f"""
        import resource, subprocess, sys
        load = "import romstrategy\\ntry:\\n romstrategy.load({str(path)!r}); print('read')\\n"
        load += "except romstrategy.DocumentError as error: print(error)"
        done = subprocess.run([sys.executable, "-c", load], capture_output=True, text=True)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)
        print(done.stdout, done.stderr)
    """
    result = python(code, timeout=300)
    first, _, said = result.stdout.partition("\n")
    cpu, memory = first.split()
    return float(cpu), int(memory), said


def rows_iv():
    return b"".join(b'<row r="%d"><c r="IV%d"/></row>' % (n, n) for n in range(1, 800_001))


def text_rows():
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c></row>' % (n, n)
        for n in range(1, 850_001)
    )


CODE = b'<c r="A1" t="inlineStr"><is><t>code</t></is></c>'


def big_cases():
    """Each big case: the changes, the parts added, what loading says; built when run."""
    return {
        "8 million empty cells in a row": lambda: (
            {PILLARS: sheet_data(b'<row r="1">' + b"<c/>" * 8_000_000 + b"</row>")},
            (),
            "sheet pillars, row 1: more than the limit of 256 columns",
        ),
        "5 million cells A1": lambda: (
            {PILLARS: sheet_data(b'<row r="1">' + b'<c r="A1"/>' * 5_000_000 + b"</row>")},
            (),
            "the workbook has more than the limit of 250000 cells",
        ),
        "a cell at XFD1 and a dimension of the whole sheet": lambda: (
            {
                PILLARS: sheet_data(
                    b'<row r="1" spans="1:16384">' + CODE + b'<c r="XFD1"/></row>',
                    b"A1:XFD1048576",
                )
            },
            (),
            "sheet pillars, row 1: more than the limit of 256 columns",
        ),
        "one cell at XFD1048576": lambda: (
            {PILLARS: sheet_data(b'<row r="1048576"><c r="XFD1048576"/></row>', b"A1:XFD1048576")},
            (),
            "sheet pillars: more than the limit of 1000000 rows",
        ),
        "spans and a dimension that claim the whole sheet": lambda: (
            {
                PILLARS: sheet_data(
                    b'<row r="1" spans="1:16384">' + CODE + b"</row>", b"A1:XFD1048576"
                )
            },
            (),
            "pillars!1:1: the column `title_nl` is missing",
        ),
        "800,000 rows reaching column IV": lambda: (
            {PILLARS: lambda c: sheet_data(rows_iv())(c)},
            (),
            "the workbook has more than the limit of 250000 cells",
        ),
        "850,000 rows of text": lambda: (
            {PILLARS: lambda c: sheet_data(text_rows())(c)},
            (),
            "the workbook has more than the limit of 250000 cells",
        ),
        "a million empty rows": lambda: (
            {PILLARS: sheet_data(b"<row/>" * 1_000_000)},
            (),
            "sheet pillars: no header row",
        ),
        "15 million elements in a sheet": lambda: (
            {PILLARS: sheet_data(b"<x/>" * 15_000_000)},
            (),
            "more than the limit of 1500000 XML elements",
        ),
        "a million nested elements": lambda: (
            {PILLARS: sheet_data(b"<x>" * 1_000_000 + b"</x>" * 1_000_000)},
            (),
            "sheet pillars: no header row",
        ),
        "3.5 million shared texts": lambda: (
            *shared_strings(sst=b"<si><t>ab</t></si>" * 3_500_000),
            "the workbook has more than the limit of 250000 texts",
        ),
        "3 million cell styles": lambda: (
            {
                "xl/styles.xml": lambda c: c.replace(
                    b"</cellXfs>", b'<xf numFmtId="14"/>' * 3_000_000 + b"</cellXfs>"
                )
            },
            (),
            "more than the limit of 1500000 XML elements",
        ),
        "a cell of 60 million characters": lambda: (
            {
                PILLARS: cell_xml(
                    "B2",
                    rb".*",
                    b'<c r="B2" t="inlineStr"><is><t>%s</t></is></c>' % (b"x" * 60_000_000),
                )
            },
            (),
            "pillars!B2: the cell holds 60000000 characters, more than Excel's 32767",
        ),
        "35,000 transactions of 7 cells each (the most cells a workbook may have)": lambda: (
            {TRANSACTIONS: lambda c: transactions(35_000)(c)},
            (),
            "read",
        ),
    }


def transactions(count):
    """A change that gives the sheet `transactions` `count` rows of its 7 columns."""
    header = b"".join(
        b'<c r="%c1" t="inlineStr"><is><t>%s</t></is></c>' % (letter, name)
        for letter, name in zip(  # noqa: B905
            b"ABCDEFG",
            [b"id", b"allocation", b"kind", b"amount", b"date", b"description", b"document"],
        )
    )
    rows = [b'<row r="1">' + header + b"</row>"]
    for n in range(2, count + 2):
        rows.append(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>t-%d</t></is></c>'
            b'<c r="B%d" t="inlineStr"><is><t>al-1</t></is></c>'
            b'<c r="C%d" t="inlineStr"><is><t>commitment</t></is></c><c r="D%d" s="3"><v>10.5</v></c>'
            b'<c r="E%d" s="2"><v>45323</v></c><c r="F%d" t="inlineStr"><is><t>payment %d</t></is></c>'
            b'<c r="G%d" t="inlineStr"><is><t>decision</t></is></c></row>'
            % ((n,) * 3 + (n,) * 6 + (n,))
        )
    return sheet_data(b"".join(rows))


BIG = [
    "8 million empty cells in a row",
    "5 million cells A1",
    "a cell at XFD1 and a dimension of the whole sheet",
    "one cell at XFD1048576",
    "spans and a dimension that claim the whole sheet",
    "800,000 rows reaching column IV",
    "850,000 rows of text",
    "a million empty rows",
    "15 million elements in a sheet",
    "a million nested elements",
    "3.5 million shared texts",
    "3 million cell styles",
    "a cell of 60 million characters",
    "35,000 transactions of 7 cells each (the most cells a workbook may have)",
]


@pytest.mark.slow
@pytest.mark.parametrize("case", BIG)
def test_any_workbook_is_read_or_refused_in_bounded_time_and_memory(tmp_path, case):
    changes, added, said = big_cases()[case]()
    path = hostile(tmp_path, changes, added)
    with zipfile.ZipFile(path) as archive:  # within the default max_bytes of 64 MiB
        assert sum(member.file_size for member in archive.infolist()) <= 64 << 20
    cpu, memory, output = load_measured(path)
    print(f"MEASURED {case}: {cpu:.2f} s CPU, {memory / 2**20:.0f} MiB")
    assert said in output, output
    assert cpu < 10, (case, cpu)
    assert memory < 1 << 30, (case, memory)


@pytest.mark.parametrize(
    ("limit", "value", "rows", "said"),
    [
        ("MAX_CELLS", 50, b"", "the workbook has more than the limit of 50 cells"),
        (
            "MAX_ELEMENTS",
            300,
            b"",
            "the workbook's sheets, styles and texts hold more than the limit of 300 XML elements",
        ),
        ("MAX_ROWS", 30, b'<row r="31"/>', "sheet pillars: more than the limit of 30 rows"),
        (
            "MAX_COLUMNS",
            12,
            b'<row r="9"><c r="M9"/></row>',
            "sheet pillars, row 9: more than the limit of 12 columns",
        ),
    ],
)
def test_reading_stops_at_each_limit(tmp_path, monkeypatch, limit, value, rows, said):
    change = (
        (lambda c: c.replace(b"</sheetData>", rows + b"</sheetData>")) if rows else (lambda c: c)
    )
    path = hostile(tmp_path, {PILLARS: change})
    monkeypatch.setattr(xlsx, limit, value)
    if limit == "MAX_COLUMNS":
        monkeypatch.setattr(xlsx, "_POSITIONS", {xlsx.letters(p): p for p in range(value)})
    assert workbook_found(path) == [("$", said)]


def test_the_texts_limit_counts_shared_texts(tmp_path, monkeypatch):
    changes, added = shared_strings(*"abcdef")
    monkeypatch.setattr(xlsx, "MAX_CELLS", 5)
    assert workbook_found(hostile(tmp_path, changes, added)) == [
        ("$", "the workbook has more than the limit of 5 texts")
    ]


def test_a_sheet_is_read_once(tmp_path, monkeypatch):
    opened = []
    original = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(getattr(name, "filename", name))
        return original(self, name, *args, **kwargs)

    path = hostile(tmp_path, {})
    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    load(path)
    # once for the zip check, once to read it
    assert opened.count(ALLOCATIONS) == 2, opened


# --- 2. a cell longer than Excel allows -------------------------------------------------------

LONG = xlsx.MAX_CELL + 1


@pytest.mark.parametrize(
    ("xml", "count"),
    [
        (b'<c r="B2" t="inlineStr"><is><t>%s</t></is></c>' % (b"x" * LONG), LONG),
        (
            b'<c r="B2" t="inlineStr"><is><r><t>%s</t></r><r><t>y</t></r></is></c>'
            % (b"x" * (LONG - 1)),
            LONG,
        ),
        (b'<c r="B2" t="str"><f>REPT("x",32768)</f><v>%s</v></c>' % (b"x" * LONG), LONG),
        (b'<c r="B2" t="inlineStr"><is><t>%s</t></is></c>' % ("€" * LONG).encode(), LONG),
        (b'<c r="B2" t="inlineStr"><is><t>%s</t></is></c>' % ("\U0001f600" * LONG).encode(), LONG),
        (b'<c r="B2" t="s"><v>0</v></c>', LONG),
    ],
    ids=["inline", "rich text runs", "formula text", "euro signs", "emoji", "shared"],
)
def test_a_cell_longer_than_excel_allows_is_refused_at_its_cell(tmp_path, xml, count):
    changes, added = shared_strings("x" * LONG)
    changes[PILLARS] = cell_xml("B2", rb".*", xml)
    found = workbook_found(hostile(tmp_path, changes, added))
    assert found == [
        (
            "$.pillars[0].title_nl",
            f"pillars!B2: the cell holds {count} characters, more than Excel's 32767",
        )
    ]


@pytest.mark.parametrize(
    "text",
    ["x" * xlsx.MAX_CELL, "_x0007_" * xlsx.MAX_CELL, "\U0001f600" * xlsx.MAX_CELL],
    ids=["plain", "escaped: 7 characters in the XML for each", "emoji"],
)
def test_a_cell_of_exactly_excel_s_limit_is_read(tmp_path, text):
    changes = {
        PILLARS: cell_xml(
            "B2", rb".*", b'<c r="B2" t="inlineStr"><is><t>%s</t></is></c>' % text.encode()
        )
    }
    pillar = load(hostile(tmp_path, changes)).pillars[0]
    assert pillar.title_nl == text.replace("_x0007_", "\x07")


def test_a_long_header_or_a_long_cell_in_no_column_is_refused_too(tmp_path):
    long = b'<c r="%s" t="inlineStr"><is><t>' + b"x" * LONG + b"</t></is></c>"
    change = sheet_data(b'<row r="1">' + long % b"A1" + b"</row>")
    found = workbook_found(hostile(tmp_path, {PILLARS: change}))
    assert (
        "$.pillars",
        f"pillars!A1: the cell holds {LONG} characters, more than Excel's 32767",
    ) in found


# --- 3. date cells that Excel cannot show as a day --------------------------------------------

DATE_CELL = rb'<c r="E2" s="2" t="n"><v>45323</v></c>'
REFUSED_SERIALS = [
    ("60", "the date serial 60 is 1900-02-29, a day that never was"),
    ("60.25", "the date serial 60 is 1900-02-29, a day that never was"),
    ("0", "the date serial 0 is no day in Excel (1900-01-01 to 9999-12-31)"),
    ("0.5", "the date serial 0.5 is no day in Excel (1900-01-01 to 9999-12-31)"),
    ("-1", "the date serial -1 is no day in Excel (1900-01-01 to 9999-12-31)"),
    ("-0.5", "the date serial -0.5 is no day in Excel (1900-01-01 to 9999-12-31)"),
    ("2958466", "the date serial 2958466 is no day in Excel (1900-01-01 to 9999-12-31)"),
    ("1e300", "the date serial 1e300 is no day in Excel (1900-01-01 to 9999-12-31)"),
    ("45323.5", "the date 2024-02-01 12:00:00 has a time of day; expected a date"),
    ("45323.000000001", "the date 2024-02-01 00:00:00.000001 has a time of day; expected a date"),
    ("45323.99999999", "the date 2024-02-01 23:59:59.999000 has a time of day; expected a date"),
    ("2958465.5", "the date 9999-12-31 12:00:00 has a time of day; expected a date"),
]


@pytest.mark.parametrize(("serial", "why"), REFUSED_SERIALS)
def test_a_date_serial_excel_cannot_show_as_a_day_is_refused(tmp_path, serial, why):
    new = b'<c r="E2" s="2" t="n"><v>%s</v></c>' % serial.encode()
    path = hostile(tmp_path, {TRANSACTIONS: cell_xml("E2", DATE_CELL, new)})
    assert workbook_found(path) == [("$.transactions[0].date", f"transactions!E2: {why}")]


@pytest.mark.parametrize(
    ("serial", "day", "date1904"),
    [
        ("1", "1900-01-01", False),
        ("59", "1900-02-28", False),
        ("61", "1900-03-01", False),
        ("45323", "2024-02-01", False),
        ("45323.0", "2024-02-01", False),
        ("2958465", "9999-12-31", False),
        ("0", "1904-01-01", True),
        ("43861", "2024-02-01", True),
        ("2957003", "9999-12-31", True),
    ],
)
def test_a_date_serial_reads_as_the_day_excel_shows(tmp_path, serial, day, date1904):
    changes = {
        TRANSACTIONS: cell_xml("E2", DATE_CELL, b'<c r="E2" s="2"><v>%s</v></c>' % serial.encode())
    }
    if date1904:
        changes["xl/workbook.xml"] = lambda c: c.replace(
            b"<workbookPr />", b'<workbookPr date1904="1"/>'
        )
    assert load(hostile(tmp_path, changes)).transactions[0].date.isoformat() == day


@pytest.mark.parametrize("serial", ["-1", "2957004"])
def test_the_1904_date_system_has_its_own_range(tmp_path, serial):
    changes = {
        TRANSACTIONS: cell_xml(
            "E2", DATE_CELL, b'<c r="E2" s="2"><v>%s</v></c>' % serial.encode()
        ),
        "xl/workbook.xml": lambda c: c.replace(b"<workbookPr />", b'<workbookPr date1904="1"/>'),
    }
    [(_, message)] = workbook_found(hostile(tmp_path, changes))
    assert (
        message
        == f"transactions!E2: the date serial {serial} is no day in Excel (1904-01-01 to 9999-12-31)"
    )


@pytest.mark.parametrize(
    ("iso", "why"),
    [
        ("2024-13-01", "the date cell holds '2024-13-01', not a day in ISO 8601 form"),
        ("2023-02-29", "the date cell holds '2023-02-29', not a day in ISO 8601 form"),
        (
            "2024-02-30T00:00:00",
            "the date cell holds '2024-02-30T00:00:00', not a day in ISO 8601 form",
        ),
        ("garbage", "the date cell holds 'garbage', not a day in ISO 8601 form"),
        (
            "2024-02-01" + " " * 40,
            "the date cell holds '2024-02-01                           ...', not a day in ISO 8601 form",
        ),
        ("2024-02-01T10:30:00", "the date 2024-02-01 10:30:00 has a time of day; expected a date"),
    ],
)
def test_an_iso_date_cell_that_is_not_a_day_is_refused(tmp_path, iso, why):
    new = b'<c r="E2" t="d"><v>%s</v></c>' % iso.encode()
    path = hostile(tmp_path, {TRANSACTIONS: cell_xml("E2", DATE_CELL, new)})
    assert workbook_found(path) == [("$.transactions[0].date", f"transactions!E2: {why}")]


@pytest.mark.parametrize("iso", ["2024-02-01", "2024-02-01T00:00:00", "2024-02-01T00:00:00.000Z"])
def test_an_iso_date_cell_reads_as_its_day(tmp_path, iso):
    new = b'<c r="E2" t="d"><v>%s</v></c>' % iso.encode()
    path = hostile(tmp_path, {TRANSACTIONS: cell_xml("E2", DATE_CELL, new)})
    assert load(path).transactions[0].date == datetime.date(2024, 2, 1)


# --- 4. damaged cells are named by their cell -------------------------------------------------

AMOUNT_CELL = rb'<c r="D2" s="[0-9]+" t="n"><v>400000</v></c>'  # its style number depends on the sheets before
DAMAGED = [
    (
        "D2",
        b'<c r="D2" s="3"><v>0x1F</v></c>',
        "the number cell holds '0x1F', not a number Excel can hold",
    ),
    (
        "D2",
        b'<c r="D2" s="3"><v>NaN</v></c>',
        "the number cell holds 'NaN', not a number Excel can hold",
    ),
    (
        "D2",
        b'<c r="D2" s="3"><v>inf</v></c>',
        "the number cell holds 'inf', not a number Excel can hold",
    ),
    (
        "D2",
        b'<c r="D2" s="3"><v>-Infinity</v></c>',
        "the number cell holds '-Infinity', not a number Excel can hold",
    ),
    (
        "D2",
        b'<c r="D2" s="3"><v>1e999</v></c>',
        "the number cell holds '1e999', not a number Excel can hold",
    ),
    (
        "D2",
        b'<c r="D2" s="3"><v>1 000</v></c>',
        "the number cell holds '1 000', not a number Excel can hold",
    ),
    (
        "D2",
        b'<c r="D2" s="3"><v>%s</v></c>' % (b"9" * 5000),
        "the number cell holds '9999999999999999999999999999999999999...', not a number Excel can hold",
    ),
    ("D2", b'<c r="D2" s="999"><v>5</v></c>', "the cell's style '999' is not in the workbook"),
    ("D2", b'<c r="D2" s="-1"><v>5</v></c>', "the cell's style '-1' is not in the workbook"),
    ("A2", b'<c r="A2" t="s"><v>7</v></c>', "the shared text '7' is not one of the workbook's"),
    ("A2", b'<c r="A2" t="s"><v>-1</v></c>', "the shared text '-1' is not one of the workbook's"),
    ("A2", b'<c r="A2" t="s"><v>x</v></c>', "the shared text 'x' is not one of the workbook's"),
    (
        "A2",
        b'<c r="A2" t="s"><v>%s</v></c>' % (b"1" * 5000),
        "the shared text '1111111111111111111111111111111111111...' is not one of the workbook's",
    ),
    ("A2", b'<c r="A2" t="inlineStr"/>', "an inline text without <is>"),
    ("A2", b'<c r="A2" t="inlineStr"><v>x</v></c>', "an inline text without <is>"),
    ("A2", b'<c r="A2" t="b"><v>2</v></c>', "a TRUE/FALSE cell of '2'"),
    ("A2", b'<c r="A2" t="zz"><v>1</v></c>', "the cell type 'zz' is not one of Excel's"),
    ("A2", b'<c r="A2" t="e"><v>#REF!</v></c>', "the cell holds the error #REF!; expected text"),
    (
        "A2",
        b'<c r="A2" t="e"><v>nonsense</v></c>',
        "the cell holds the error 'nonsense'; expected text",
    ),
    (
        "E2",
        b'<c r="E2" t="d"><v>2024-13-01</v></c>',
        "the date cell holds '2024-13-01', not a day in ISO 8601 form",
    ),
]


@pytest.mark.parametrize(("at", "xml", "why"), DAMAGED)
def test_a_damaged_cell_is_named_by_its_cell(tmp_path, at, xml, why):
    old = {"D2": AMOUNT_CELL, "E2": DATE_CELL, "A2": rb'<c r="A2" t="inlineStr">.*'}[at]
    path = hostile(tmp_path, {TRANSACTIONS: cell_xml(at, old, xml)})
    field = {"D2": "amount", "E2": "date", "A2": "id"}[at]
    assert workbook_found(path) == [(f"$.transactions[0].{field}", f"transactions!{at}: {why}")]


def test_every_damaged_cell_is_listed_with_the_other_problems(tmp_path):
    def change(content):
        for at, xml, _ in DAMAGED:
            row = b"%d" % (DAMAGED.index((at, xml, _)) + 2)
            content = re.sub(
                rb'<c r="%s%s"[^>]*?(?:/>|>.*?</c>)' % (at[0].encode(), row),
                xml.replace(at.encode(), at[0].encode() + row),
                content,
                count=1,
            )
        return content

    plan = illustrative()
    many = tuple(attrs.evolve(plan.transactions[0], id=f"t-{n}") for n in range(len(DAMAGED)))
    path = hostile(
        tmp_path,
        {
            TRANSACTIONS: change,
            "xl/workbook.xml": lambda c: c.replace(b'name="pillars"', b'name="pilars"'),
        },
        strategy=attrs.evolve(plan, transactions=many),
    )
    found = workbook_found(path)
    assert ("$", "sheet pilars: unknown sheet, did you mean `pillars`?") in found
    for row, (at, _, why) in enumerate(DAMAGED, start=2):
        assert any(message == f"transactions!{at[0]}{row}: {why}" for _, message in found), (
            at,
            why,
        )


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            b'<row r="1"><c r="A1" t="b"><v>7</v></c>'
            + b'<c r="B1" t="inlineStr"><is><t>title_nl</t></is></c>'
            + b"</row>",
            "pillars!A1: a TRUE/FALSE cell of '7'",
        ),
        (
            b'<row r="1">' + CODE + b'<c r="F1" t="s"><v>9</v></c></row>',
            "pillars!F1: the shared text '9' is not one of the workbook's",
        ),
        (
            b'<row r="1">' + CODE + b'</row><row r="2"><c r="F2" t="zz"><v>1</v></c></row>',
            "pillars!F2: the cell type 'zz' is not one of Excel's",
        ),
        (
            b'<row r="1">' + CODE + b'<c r="A1"/></row>',
            "pillars!A1: the cell comes twice or out of order",
        ),
        (
            b'<row r="3">' + CODE.replace(b"A1", b"A3") + b'</row><row r="2"/>',
            "pillars!2:2: the row comes twice or out of order",
        ),
        (
            b'<row r="1">' + CODE + b'<c r="B7"/></row>',
            "pillars!1:1: the cell reference 'B7' is not a cell of this row",
        ),
        (
            b'<row r="1">' + CODE + b'<c r="1B"/></row>',
            "pillars!1:1: the cell reference '1B' is not a cell of this row",
        ),
        (
            b'<row r="1">' + CODE + b'<c r="b1"/></row>',
            "pillars!1:1: the cell reference 'b1' is not a cell of this row",
        ),
    ],
    ids=[
        "header",
        "no header",
        "beyond the header",
        "twice",
        "rows out of order",
        "other row",
        "not a reference",
        "lower case",
    ],
)
def test_damage_where_no_column_reads_it_is_named_too(tmp_path, row, message):
    found = workbook_found(hostile(tmp_path, {PILLARS: sheet_data(row)}))
    assert ("$.pillars", message) in found, found


def test_a_part_that_is_not_xml_is_named(tmp_path):
    path = hostile(tmp_path, {"xl/styles.xml": lambda c: c[:-20]})
    [(_, message)] = workbook_found(path)
    assert message.startswith("not a readable Excel workbook: the part 'xl/styles.xml': ")


def test_a_sheet_without_its_part_is_named(tmp_path):
    path = hostile(
        tmp_path, {"xl/_rels/workbook.xml.rels": lambda c: c.replace(b'Id="rId5"', b'Id="rId55"')}
    )
    assert workbook_found(path) == [
        ("$", "not a readable Excel workbook: the sheet pillars has no part")
    ]


# --- 5. text that a spreadsheet would run as a formula ----------------------------------------

formula_like = st.builds(
    lambda lead, start, rest: lead + start + rest,
    st.sampled_from(["", " ", "  ", "\t", "\r", "\n", " \t\r"]),
    st.sampled_from(["=", "+", "-", "@", "=+", "=-"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20),
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=formula_like)
def test_text_that_looks_like_a_formula_stays_text_both_ways(tmp_path, text):
    plan = illustrative()
    pillar = attrs.evolve(plan.pillars[0], title_nl=text)
    path = tmp_path / "formula.xlsx"
    strategy = attrs.evolve(plan, pillars=(pillar, *plan.pillars[1:]))
    dump(strategy, path)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(PILLARS)
    cell = re.search(rb'<c r="B2"[^>]*>.*?</c>', xml, re.S).group()
    assert b't="inlineStr"' in cell, cell
    assert b"<f" not in cell, cell
    assert load(path) == strategy


def test_a_formula_that_computed_formula_like_text_reads_as_that_text(tmp_path):
    new = b'<c r="B2" t="str"><f>"="&amp;"1+1"</f><v>=1+1</v></c>'
    path = hostile(tmp_path, {PILLARS: cell_xml("B2", rb".*", new)})
    assert load(path).pillars[0].title_nl == "=1+1"
