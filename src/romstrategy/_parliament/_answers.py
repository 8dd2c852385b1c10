"""The saved answers (*opgeslagen antwoorden*) of the Kamer's OData API, page by page.

`from_odata` takes one answer, a list of them, a file, or a folder of files;
`pages` gives them one at a time, each with its `Zaak` records, so that a
whole parliamentary term is never in memory at once. `next_page_warnings`
says where an answer's `@odata.nextLink` points to a page that was not given.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import attrs

from romstrategy._documents._errors import DocumentError, Problem, describe
from romstrategy._documents._formats import MAX_BYTES, parse_value
from romstrategy._model._display import shown
from romstrategy._model._error import ArgumentError, ArgumentTypeError
from romstrategy._writing import naming

__all__ = ["Page", "next_page_warnings", "pages"]

_DIGITS = re.compile(r"([0-9]+)")


@attrs.frozen
class Page:
    """One answer: its records, and where it came from (*pagina*).

    Attributes:
        label: how a warning names it: the file, or `answer 2` (counted from 1).
        records: its `Zaak` records.
        next_link: its `@odata.nextLink`, or `None` on the last page.
        single: whether it is the only answer given (its records are then named
            `record 3`, without the page).
    """

    label: str
    records: list[dict[Any, Any]]
    next_link: str | None
    single: bool


def pages(data: object) -> Iterator[Page]:
    """The answers in `data`, one at a time, in the order given (a folder's by name)."""
    given = _given(data)
    single = len(given) == 1
    for place, item in enumerate(given):
        if isinstance(item, Path):
            yield _page(_answer_in(item), str(item), str(item), single)
        elif single:
            yield _page(item, "the answer", None, single)
        else:
            yield _page(item, f"answer {place + 1}", f"answer {place + 1}", single)


def _given(data: object) -> Sequence[object]:
    """The answers and files in `data`: a folder's files by name, a list's items in order."""
    if isinstance(data, str) and _json_text(data) and not os.path.exists(data):
        raise ArgumentTypeError(
            f"from_odata: got a str that holds JSON text, {shown(data)}; pass the parsed JSON "
            "(json.loads(text)) or the path of a file"
        )
    if isinstance(data, str | os.PathLike):
        if not os.fspath(data):
            raise ArgumentError("from_odata: got an empty path, expected a file or a folder")
        path = Path(os.fsdecode(data))
        return _folder(path) if path.is_dir() else [path]
    if isinstance(data, tuple) or (isinstance(data, list) and _is_answers(data)):
        items: list[object] = []
        for item in data:
            items += _given(item) if isinstance(item, str | os.PathLike) else [item]
        return items
    return [data]


def _is_answers(items: list[Any]) -> bool:
    """Whether a list holds answers or files rather than `Zaak` records."""
    return any(
        isinstance(item, str | os.PathLike | list) or (isinstance(item, dict) and "value" in item)
        for item in items
    )


def _folder(folder: Path) -> list[Path]:
    """The `.json` files of a folder, in order of name, numbers in it by their value."""
    try:
        files = [path for path in folder.iterdir() if path.suffix.lower() == ".json"]
    except OSError as error:
        raise naming(error, folder) from None
    if not files:
        message = "the folder holds no .json file, expected saved answers of the OData API"
        raise DocumentError([Problem("$", message)], str(folder))
    return sorted(files, key=lambda path: _natural(path.name))


def _natural(name: str) -> list[tuple[int, str]]:
    """A name's sort key with its numbers by value: `page_2` before `page_10`."""
    return [(int(part), "") if part.isdigit() else (0, part) for part in _DIGITS.split(name)]


def _json_text(data: str) -> bool:
    """Whether `data` starts as a JSON object or array does, after spaces and a BOM."""
    return data.lstrip().removeprefix("\ufeff").lstrip()[:1] in ("{", "[")


def _answer_in(file: Path) -> object:
    """The parsed JSON of `file`; one larger than `MAX_BYTES` is refused unread."""
    try:
        with file.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_BYTES:
                too_large = f"the document has {size} bytes, more than the limit of {MAX_BYTES}"
                raise DocumentError([Problem("$", too_large)])
            raw = stream.read(MAX_BYTES + 1)
        return parse_value(raw, "json")
    except DocumentError as error:
        raise DocumentError(error.problems, source=str(file)) from None
    except OSError as error:  # reading a folder names a handle, not the path
        raise naming(error, file) from None


def _page(answer: object, label: str, source: str | None, single: bool) -> Page:
    """The records of an answer, or a `DocumentError` naming every item that is not one."""
    if isinstance(answer, dict) and "value" in answer:
        items, path = answer["value"], "$.value"
    elif isinstance(answer, list):
        items, path = answer, "$"
    else:
        found = 'a table without "value"' if isinstance(answer, dict) else describe(answer)
        message = (
            'expected the answer of the OData API, a table with a "value" array of Zaak '
            f"records, or an array of Zaak records; found {found}"
        )
        raise DocumentError([Problem("$", message)], source)
    if not isinstance(items, list):
        message = f"expected an array of Zaak records, found {describe(items)}"
        raise DocumentError([Problem(path, message)], source)
    problems = [
        Problem(f"{path}[{index}]", f"expected a Zaak record (a table), found {describe(item)}")
        for index, item in enumerate(items)
        if not isinstance(item, dict)
    ]
    if problems:
        raise DocumentError(problems, source)
    link = answer.get("@odata.nextLink") if isinstance(answer, dict) else None
    return Page(label, items, link if isinstance(link, str) else None, single)


def next_page_warnings(given: list[tuple[Page, int]]) -> list[str]:
    """A warning for each `@odata.nextLink` whose page is not among those given.

    `given` holds each page with its count of records. A page's next page is
    the one given after it; where both links carry a `$skip`, the later
    page's must be the earlier's plus the later page's records.
    """
    warnings = []
    for place, (page, _) in enumerate(given):
        if page.next_link is None:
            continue
        if place + 1 == len(given):
            warnings.append(
                f"{page.label}: its @odata.nextLink points to more records "
                f"({_skip_text(page.next_link)}), on a page that was not given; "
                "save that page and the ones after it, and pass them all"
            )
            continue
        later, count = given[place + 1]
        skip, later_skip = _skip(page.next_link), _skip(later.next_link)
        if skip is not None and later_skip is not None and later_skip != skip + count:
            warnings.append(
                f"{later.label}: is not the page that {page.label}'s @odata.nextLink points to "
                f"({_skip_text(page.next_link)}); pages may be missing or out of order"
            )
    return warnings


def _skip(link: str | None) -> int | None:
    """The `$skip` of a next link, or `None` where it has none that is a whole number."""
    if link is None:
        return None
    found = dict(parse_qsl(urlsplit(link).query)).get("$skip", "")
    return int(found) if found.isdigit() and len(found) < 10 else None


def _skip_text(link: str) -> str:
    skip = _skip(link)
    return f"$skip={skip}" if skip is not None else shown(link)
