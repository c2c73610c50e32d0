"""The order API the assistant calls (described in openapi.yaml, served at /openapi.json).

Database work runs in a thread pool, never on the event loop. Every error is JSON
`{"error": code, "message": French sentence}`; logs never contain e-mails, postcodes or bodies.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import traceback
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import yaml
from aiohttp import web
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from cadomaestro.backend import payloads
from cadomaestro.backend.database import session_factory
from cadomaestro.backend.payloads import InvalidRequest
from cadomaestro.backend.service import (
    create_request,
    find_owned_order,
    list_requests,
    loyalty_to_dict,
    order_to_dict,
    request_to_dict,
)
from cadomaestro.backend.throttle import DEFAULT_WINDOW_S, FailureLimiter
from cadomaestro.rules.delivery import ShippingMethod
from cadomaestro.rules.orders import OrderStatus
from cadomaestro.rules.requests import RequestKind

log = logging.getLogger(__name__)
T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

OPENAPI_FILE = Path(__file__).resolve().with_name("openapi.yaml")
MAX_BODY_BYTES = 128 * 1024
API_KEY_HEADER = "X-API-Key"
# Set by a trusted caller (one with the API key) to name the end client it acts for: the
# assistant sends a pseudonym of the customer's address. Without it the client is the caller's.
CLIENT_HEADER = "X-Client-Key"
# Routes that take a proof of ownership: their failures count towards the client's limit.
PROOF_ROUTES = frozenset({"/v1/orders/lookup", "/v1/loyalty/lookup", "/v1/requests"})
DEFAULT_PROOF_LIMIT = 10  # failed proofs per client...
DEFAULT_KEY_LIMIT = 20  # ...and wrong API keys per address...
# ...within DEFAULT_WINDOW_S (cadomaestro/backend/throttle.py)

API_KEY = web.AppKey("api_key", str)
SESSIONS = web.AppKey("sessions", sessionmaker)
OPENAPI = web.AppKey("openapi", dict)
PROOF_LIMITER = web.AppKey("proof_limiter", FailureLimiter)
KEY_LIMITER = web.AppKey("key_limiter", FailureLimiter)

# Database failures that mean "try again later" rather than "bug".
UNAVAILABLE_ERRORS = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.DisconnectionError,
    sa_exc.TimeoutError,
)


class ApiError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(code)
        self.status, self.code, self.message, self.headers = status, code, message, headers

    def response(self) -> web.Response:
        return error_response(self.status, self.code, self.message, self.headers)


def too_many_attempts(retry_after_s: int) -> ApiError:
    return ApiError(*TOO_MANY_ATTEMPTS, headers={"Retry-After": str(retry_after_s)})


# (status, error code, message): the same body every time, whatever went wrong behind it
ORDER_NOT_FOUND = (404, "order_not_found", "Aucune commande ne correspond à ces informations.")
UNAUTHORIZED = (401, "unauthorized", "Clé d'API absente ou invalide (en-tête X-API-Key).")
UNAVAILABLE = (
    503,
    "unavailable",
    "Le service des commandes est momentanément indisponible. Réessayez dans quelques instants.",
)
TOO_MANY_ATTEMPTS = (
    429,
    "too_many_attempts",
    "Trop de tentatives ont échoué. Réessayez plus tard (voir l'en-tête Retry-After).",
)
INTERNAL_ERROR = (500, "internal_error", "Une erreur inattendue est survenue. Réessayez plus tard.")
HTTP_ERRORS = {
    404: ("not_found", "Cette adresse n'existe pas dans l'API des commandes."),
    405: ("method_not_allowed", "Cette méthode n'est pas acceptée à cette adresse."),
    413: ("invalid_request", "Le corps de la requête est trop volumineux."),
}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> web.Response:
    return json_response({"error": code, "message": message}, status=status, headers=headers)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.json_response(data, status=status, headers=headers, dumps=_dumps)


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def _route_name(request: web.Request) -> str:
    """The route's pattern (no query string, no identifiers) for logs."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "(no route)"


@web.middleware
async def errors_as_json(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as error:
        return error.response()
    except InvalidRequest as error:
        return error_response(400, "invalid_request", str(error))
    except web.HTTPException as error:
        if error.status < 400:
            raise
        fallback = ("invalid_request", error.reason) if error.status < 500 else INTERNAL_ERROR[1:]
        code, message = HTTP_ERRORS.get(error.status, fallback)
        allow = {"Allow": error.headers["Allow"]} if "Allow" in error.headers else None
        return error_response(error.status, code, message, allow)
    except UNAVAILABLE_ERRORS as error:
        log.error(
            "database unavailable (%s) on %s %s",
            type(error).__name__,
            request.method,
            _route_name(request),
        )
        return error_response(*UNAVAILABLE)
    except Exception as error:  # the last line of defence: never a stack trace to the caller
        # Only the exception type and the stack: messages may quote personal data.
        log.error(
            "unexpected %s on %s %s\n%s",
            type(error).__name__,
            request.method,
            _route_name(request),
            "".join(traceback.format_tb(error.__traceback__)),
        )
        return error_response(*INTERNAL_ERROR)


@web.middleware
async def require_api_key(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path == "/v1" or request.path.startswith("/v1/"):
        limiter, address = request.app[KEY_LIMITER], f"address:{request.remote}"
        if wait := limiter.retry_after(address):
            raise too_many_attempts(wait)
        given = request.headers.get(API_KEY_HEADER, "").encode("utf-8")
        if not hmac.compare_digest(given, request.app[API_KEY].encode("utf-8")):
            limiter.record_failure(address)
            raise ApiError(*UNAUTHORIZED)
    return await handler(request)


def client_of(request: web.Request) -> str:
    """Whom the proof limits count for: the end client the caller names, else the caller."""
    named = request.headers.get(CLIENT_HEADER, "").strip()
    if named and len(named) <= 64:
        return f"client:{named}"
    return f"address:{request.remote}"


@web.middleware
async def limit_failed_proofs(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse every proof (right or wrong) from a client with too many recent failures; count
    the failures, which answer the same 404 whether the reference or the proof was wrong."""
    if request.method != "POST" or request.path not in PROOF_ROUTES:
        return await handler(request)
    limiter, client = request.app[PROOF_LIMITER], client_of(request)
    if wait := limiter.retry_after(client):
        raise too_many_attempts(wait)
    try:
        return await handler(request)
    except ApiError as error:
        if error.code == ORDER_NOT_FOUND[1]:
            limiter.record_failure(client)
        raise


async def in_database(request: web.Request, work: Callable[[Session], T]) -> T:
    """Run `work` in one transaction, in a worker thread (off the event loop)."""
    sessions = request.app[SESSIONS]

    def run() -> T:
        with sessions() as session, session.begin():
            return work(session)

    return await asyncio.get_running_loop().run_in_executor(None, run)


async def _body(request: web.Request) -> dict[str, Any]:
    return payloads.json_object(await request.read())


async def health(request: web.Request) -> web.Response:
    await in_database(request, lambda session: session.execute(text("SELECT 1")).scalar_one())
    return json_response({"status": "ok"})


async def openapi(request: web.Request) -> web.Response:
    return json_response(request.app[OPENAPI])


async def lookup_order(request: web.Request) -> web.Response:
    proof = payloads.proof(await _body(request))

    def work(session: Session) -> dict[str, Any] | None:
        order = find_owned_order(session, proof.reference, **proof.as_kwargs())
        return None if order is None else order_to_dict(order)

    order = await in_database(request, work)
    if order is None:
        raise ApiError(*ORDER_NOT_FOUND)
    return json_response({"order": order})


async def lookup_loyalty(request: web.Request) -> web.Response:
    proof = payloads.proof(await _body(request))

    def work(session: Session) -> dict[str, Any] | None:
        order = find_owned_order(session, proof.reference, **proof.as_kwargs())
        return None if order is None else loyalty_to_dict(order.customer)

    loyalty = await in_database(request, work)
    if loyalty is None:
        raise ApiError(*ORDER_NOT_FOUND)
    return json_response({"loyalty": loyalty})


async def post_request(request: web.Request) -> web.Response:
    new = payloads.new_request(await _body(request))

    def work(session: Session) -> dict[str, Any] | None:
        order = find_owned_order(session, new.proof.reference, **new.proof.as_kwargs())
        if order is None:
            return None
        created = create_request(
            session,
            order,
            kind=new.kind,
            conversation_id=new.conversation_id,
            details=new.details,
            attachments=new.attachments,
            now=datetime.now(timezone.utc),
        )
        return request_to_dict(created)

    created = await in_database(request, work)
    if created is None:
        raise ApiError(*ORDER_NOT_FOUND)
    return json_response({"request": created}, status=201)


async def get_requests(request: web.Request) -> web.Response:
    reference, conversation_id = payloads.request_filter(request.query)

    def work(session: Session) -> list[dict[str, Any]]:
        found = list_requests(session, reference=reference, conversation_id=conversation_id)
        return [request_to_dict(r) for r in found]

    return json_response({"requests": await in_database(request, work)})


def load_openapi() -> dict[str, Any]:
    """openapi.yaml, with the values of the enums taken from the code (never restated)."""
    with OPENAPI_FILE.open(encoding="utf-8") as file:
        spec = yaml.safe_load(file)
    schemas = spec["components"]["schemas"]
    schemas["RequestKind"]["enum"] = RequestKind.values()
    schemas["OrderStatus"]["enum"] = [status.code for status in OrderStatus]
    schemas["ShippingMethod"]["enum"] = [method.value for method in ShippingMethod]
    return spec


def create_app(
    engine: Engine,
    api_key: str,
    *,
    proof_limit: int = DEFAULT_PROOF_LIMIT,
    key_limit: int = DEFAULT_KEY_LIMIT,
    window_s: float = DEFAULT_WINDOW_S,
) -> web.Application:
    """The API on `engine` (already migrated), for callers presenting `api_key`; a client may
    fail `proof_limit` proofs, an address `key_limit` API keys, within `window_s` seconds."""
    if not api_key:
        raise ValueError("an API key is required")
    app = web.Application(
        middlewares=[errors_as_json, require_api_key, limit_failed_proofs],
        client_max_size=MAX_BODY_BYTES,
    )
    app[API_KEY] = api_key
    app[PROOF_LIMITER] = FailureLimiter(proof_limit, window_s)
    app[KEY_LIMITER] = FailureLimiter(key_limit, window_s)
    app[SESSIONS] = session_factory(engine)
    app[OPENAPI] = load_openapi()
    app.router.add_get("/health", health)
    app.router.add_get("/openapi.json", openapi)
    app.router.add_post("/v1/orders/lookup", lookup_order)
    app.router.add_post("/v1/loyalty/lookup", lookup_loyalty)
    app.router.add_post("/v1/requests", post_request)
    app.router.add_get("/v1/requests", get_requests)
    return app
