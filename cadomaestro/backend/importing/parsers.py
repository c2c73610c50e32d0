"""Value parsers for JSON read by located_json: each takes a value and where it is in the file,
and returns it checked and converted, or raises a DocumentError located as
`file.json:LINE: json.path: what was expected`. Combined in schema.py into the import format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from cadomaestro.backend.importing.located_json import LocatedDict, LocatedList
from cadomaestro.inputs import storable

T = TypeVar("T")
MAX_INT = 2**31 - 1  # PostgreSQL `integer`
DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
DATETIME_PATTERN = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(?P<offset>Z|[+-]\d{2}:\d{2})?"
)


class DocumentError(ValueError):
    """The first problem found in an import file."""

    def __init__(self, source: str, line: int | None, path: str | None, problem: str) -> None:
        self.source, self.line, self.path, self.problem = source, line, path, problem
        where = source if line is None else f"{source}:{line}"
        super().__init__(f"{where}: {path}: {problem}" if path else f"{where}: {problem}")


@dataclass(frozen=True)
class Location:
    """Where a value is: the file, its line, and its JSON path (`orders[0].items[1].sku`)."""

    source: str
    line: int
    path: str

    def error(self, problem: str) -> DocumentError:
        return DocumentError(self.source, self.line, self.path, problem)

    def key(self, key: str, line: int) -> Location:
        """The value of `key` in the object here, which starts on `line`."""
        return Location(self.source, line, f"{self.path}.{key}" if self.path else key)

    def index(self, index: int, line: int) -> Location:
        """The item `index` of the array here, which starts on `line`."""
        return Location(self.source, line, f"{self.path}[{index}]")


Parser = Callable[[Any, Location], T]


def found(value: Any) -> str:
    """How a wrong value is shown in a message."""
    if isinstance(value, str):
        return f"« {value if len(value) <= 60 else value[:57] + '…'} »"
    if isinstance(value, dict):
        return "un objet"
    if isinstance(value, list):
        return "un tableau"
    return json.dumps(value)  # null, true, 12, 19.9


def expected(where: Location, what: str, value: Any) -> DocumentError:
    return where.error(f"attendu : {what} ; trouvé : {found(value)}")


def text(max_length: int) -> Parser[str]:
    """A non-empty string (surrounding spaces removed) of at most `max_length` characters, that
    a database can store (no NUL, no lone UTF-16 surrogate: `\\u0000` and `\\ud800` are valid
    JSON)."""

    def parse(value: Any, where: Location) -> str:
        if not isinstance(value, str) or not value.strip():
            raise expected(where, "chaîne de caractères non vide", value)
        value = value.strip()
        if len(value) > max_length:
            raise where.error(
                f"attendu : {max_length} caractères au plus ; trouvé : {len(value)} caractères"
            )
        if not storable(value):
            raise where.error(
                "caractère interdit : caractère nul (\\u0000) ou moitié isolée d'une paire UTF-16 "
                "(\\ud800 à \\udfff)"
            )
        return value

    return parse


def pattern(regex: re.Pattern[str], what: str) -> Parser[str]:
    """A string matching `regex`, upper-cased (references, country codes)."""

    def parse(value: Any, where: Location) -> str:
        if not isinstance(value, str) or not regex.fullmatch(value):
            raise expected(where, what, value)
        return value.upper()

    return parse


def choice(what: str, options: Mapping[str, T]) -> Parser[T]:
    """One of the keys of `options` (a code), as its value; `what` names it in the message."""

    def parse(value: Any, where: Location) -> T:
        if not isinstance(value, str) or value not in options:
            raise where.error(
                f"{what} inconnu {found(value)} (valeurs possibles : {', '.join(options)})"
            )
        return options[value]

    return parse


def integer(minimum: int) -> Parser[int]:
    def parse(value: Any, where: Location) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise expected(where, "nombre entier", value)
        if not minimum <= value <= MAX_INT:
            raise expected(where, f"entier entre {minimum} et {MAX_INT}", value)
        return value

    return parse


def boolean(value: Any, where: Location) -> bool:
    if not isinstance(value, bool):
        raise expected(where, "booléen (true ou false)", value)
    return value


def timestamp(value: Any, where: Location) -> datetime:
    """An ISO 8601 date and time with an offset: without one, the instant would be a guess."""
    what = "date et heure ISO 8601 avec fuseau horaire (ex. 2026-11-20T15:42:00+01:00)"
    match = DATETIME_PATTERN.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise expected(where, what, value)
    if match["offset"] is None:
        raise where.error(f"fuseau horaire manquant ; attendu : {what} ; trouvé : {found(value)}")
    try:
        return datetime.fromisoformat(value[:-1] + "+00:00" if value.endswith("Z") else value)
    except ValueError:
        raise where.error(f"date ou heure impossible {found(value)}") from None


def calendar_date(value: Any, where: Location) -> date:
    if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
        raise expected(where, "date AAAA-MM-JJ", value)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise where.error(f"date impossible {found(value)}") from None


def nullable(parse: Parser[T]) -> Parser[T | None]:
    return lambda value, where: None if value is None else parse(value, where)


@dataclass(frozen=True)
class Omittable(Generic[T]):
    """A key that may be left out of its object (then `default`)."""

    parse: Parser[T]
    default: T

    def __call__(self, value: Any, where: Location) -> T:
        return self.parse(value, where)


def optional(parse: Parser[T], default: T) -> Omittable[T]:
    return Omittable(parse, default)


def obj(fields: Mapping[str, Parser[Any]]) -> Parser[dict[str, Any]]:
    """A JSON object with exactly `fields` (those made `optional` may be left out)."""

    def parse(value: Any, where: Location) -> dict[str, Any]:
        if not isinstance(value, LocatedDict):
            raise expected(where, "objet", value)
        if value.duplicate_keys:
            key = value.duplicate_keys[0]
            raise where.key(key, value.line_of(key)).error("clé en double")
        result: dict[str, Any] = {}
        for key, item in value.items():
            if key not in fields:
                raise where.key(key, value.line_of(key)).error(
                    f"clé inconnue « {key} » (clés possibles : {', '.join(fields)})"
                )
            result[key] = fields[key](item, where.key(key, value.line_of(key)))
        for key, parse_field in fields.items():
            if key in result:
                continue
            if not isinstance(parse_field, Omittable):
                raise where.key(key, value.line).error("clé obligatoire manquante")
            result[key] = parse_field.default
        return result

    return parse


def array(parse_item: Parser[T], *, non_empty: bool = False) -> Parser[list[T]]:
    def parse(value: Any, where: Location) -> list[T]:
        if not isinstance(value, LocatedList):
            raise expected(where, "tableau", value)
        if non_empty and not value:
            raise expected(where, "tableau non vide", value)
        return [parse_item(item, where.index(i, value.line_of(i))) for i, item in enumerate(value)]

    return parse
