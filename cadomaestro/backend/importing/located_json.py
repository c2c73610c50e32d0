"""JSON parsing that remembers on which line each value starts, for error messages that point
into the file.

The standard decoder is rebuilt with the pure-Python scanner, whose object and array parsers are
wrapped: each wrapper hands the standard parser a `scan_once` that records where every value it
reads starts, then attaches those positions (as line numbers) to the dict or list it returns.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

ScanOnce = Callable[[str, int], tuple[Any, int]]
# The pure-Python parts of the standard decoder (typeshed does not declare them): the only ones
# that take the scanner and the object hook this module passes.
_standard_scanner: Callable[[json.JSONDecoder], ScanOnce] = vars(json.scanner)["py_make_scanner"]
_standard_object: Callable[..., tuple[dict[str, Any], int]] = vars(json.decoder)["JSONObject"]
_standard_array: Callable[..., tuple[list[Any], int]] = vars(json.decoder)["JSONArray"]


class LocatedDict(dict):
    """A JSON object that knows its own line and the line of each key's value."""

    line: int
    value_lines: dict[str, int]
    duplicate_keys: list[str]  # keys given more than once, in document order

    def line_of(self, key: str) -> int:
        return self.value_lines.get(key, self.line)


class LocatedList(list):
    """A JSON array that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _LocatingDecoder(json.JSONDecoder):
    def __init__(self, text: str) -> None:
        super().__init__()
        self._newlines = [i for i, char in enumerate(text) if char == "\n"]
        self.parse_object = self._parse_object
        self.parse_array = self._parse_array
        self.scan_once = _standard_scanner(self)

    def line(self, index: int) -> int:
        return bisect_right(self._newlines, index - 1) + 1

    def _recording(self, scan_once: ScanOnce) -> tuple[ScanOnce, list[int]]:
        starts: list[int] = []

        def recording_scan_once(string: str, index: int) -> tuple[Any, int]:
            starts.append(index)
            return scan_once(string, index)

        return recording_scan_once, starts

    def _parse_object(
        self,
        s_and_end: tuple[str, int],
        strict: bool,
        scan_once: ScanOnce,
        object_hook: object,
        object_pairs_hook: object,
        memo: dict[str, str],
    ) -> tuple[dict[str, Any], int]:
        _, end = s_and_end
        recording, starts = self._recording(scan_once)

        def located(pairs: list[tuple[str, Any]]) -> LocatedDict:
            result = LocatedDict(pairs)
            result.line = self.line(end - 1)
            result.value_lines = {}
            result.duplicate_keys = []
            for (key, _value), start in zip(pairs, starts, strict=True):
                if key in result.value_lines:
                    result.duplicate_keys.append(key)
                result.value_lines[key] = self.line(start)
            return result

        return _standard_object(s_and_end, strict, recording, None, located, memo)

    def _parse_array(
        self, s_and_end: tuple[str, int], scan_once: ScanOnce
    ) -> tuple[list[Any], int]:
        _, end = s_and_end
        recording, starts = self._recording(scan_once)
        values, after = _standard_array(s_and_end, recording)
        result = LocatedList(values)
        result.line = self.line(end - 1)
        result.item_lines = [self.line(start) for start in starts[: len(values)]]
        return result, after


def loads(text: str) -> Any:
    """Like `json.loads`, but objects are `LocatedDict`s and arrays `LocatedList`s.

    Raises `json.JSONDecodeError` (which carries `lineno`) for malformed JSON.
    """
    return _LocatingDecoder(text).decode(text)
