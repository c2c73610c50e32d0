"""JSON values know the line they start on."""

from __future__ import annotations

import json

import pytest

from cadomaestro.backend.importing.located_json import LocatedDict, LocatedList, loads

TEXT = """{
  "a": 1,
  "list": [
    {"x": true,
     "y":
       null},
    [],
    "s"
  ],
  "a": 2
}"""


def test_objects_and_arrays_know_their_lines() -> None:
    data = loads(TEXT)
    assert isinstance(data, LocatedDict) and data == {"a": 2, "list": [{"x": True, "y": None},
                                                                       [], "s"]}  # fmt: skip
    assert data.line == 1
    assert data.value_lines == {"a": 10, "list": 3}  # the last "a" wins, as in json.loads
    assert data.duplicate_keys == ["a"]
    items = data["list"]
    assert isinstance(items, LocatedList) and items.item_lines == [4, 7, 8]
    assert items[0].line == 4 and items[0].value_lines == {"x": 4, "y": 6}
    assert items[1].line == 7 and items.line_of(99) == 3


@pytest.mark.parametrize(
    ("text", "line"),
    [('{\n\n  "a": 1,\n}', 4), ('{"a": [1,\n 2\n 3]}', 3), ("", 1), ('{"a": tru}', 1)],
)
def test_malformed_json_reports_its_line(text: str, line: int) -> None:
    with pytest.raises(json.JSONDecodeError) as error:
        loads(text)
    assert error.value.lineno == line


def test_same_values_as_the_standard_parser() -> None:
    text = '{"n": -1.5e3, "i": 12, "u": "\\u00e9t\\u00e9", "nested": {"deep": [[{}]]}}'
    assert loads(text) == json.loads(text)
