"""The API's JSON answers: text as written (no \\u escapes for accents), and one shape for
every error, `{"error": code, "message": French sentence}`."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.json_response(data, status=status, headers=headers, dumps=_dumps)


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    return json_response({"error": code, "message": message}, status=status, headers=headers)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)
