"""What every request goes through, outermost first: errors become JSON answers (the one place
that maps domain errors to HTTP), the API key is checked on /v1, and failed proofs are counted.

Logs never contain e-mails, postcodes or bodies: only the exception type and the route pattern.
"""

from __future__ import annotations

import hmac
import logging
import traceback
from collections.abc import Awaitable, Callable

from aiohttp import web
from sqlalchemy import exc as sa_exc

from cadomaestro.backend.errors import (
    CustomerNotFound,
    DomainError,
    InvalidRequest,
    OrderNotFound,
    TooManyAttempts,
    Unauthorized,
)
from cadomaestro.backend.keys import KEY_LIMITER, PROOF_LIMITER, SETTINGS
from cadomaestro.backend.responses import error_response
from cadomaestro.backend.routes import PROOF_PATHS

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

API_KEY_HEADER = "X-API-Key"
# Set by a trusted caller (one with the API key) to name the end client it acts for: the
# assistant sends a pseudonym of the customer's address. Without it the client is the caller's.
CLIENT_HEADER = "X-Client-Key"
MAX_CLIENT_NAME = 64

# (status, error code, message) of each domain error, None for the error's own (French) message:
# the same body every time, whatever went wrong behind it.
DOMAIN_ERRORS: dict[type[DomainError], tuple[int, str, str | None]] = {
    InvalidRequest: (400, "invalid_request", None),
    Unauthorized: (401, "unauthorized", "Clé d'API absente ou invalide (en-tête X-API-Key)."),
    OrderNotFound: (404, "order_not_found", "Aucune commande ne correspond à ces informations."),
    CustomerNotFound: (
        404,
        "customer_not_found",
        "Aucun client ne correspond à cette adresse e-mail.",
    ),
    TooManyAttempts: (
        429,
        "too_many_attempts",
        "Trop de tentatives ont échoué. Réessayez plus tard (voir l'en-tête Retry-After).",
    ),
}
MAPPED_ERRORS = tuple(DOMAIN_ERRORS)
UNAVAILABLE = (
    503,
    "unavailable",
    "Le service des commandes est momentanément indisponible. Réessayez dans quelques instants.",
)
INTERNAL_ERROR = (500, "internal_error", "Une erreur inattendue est survenue. Réessayez plus tard.")
# aiohttp's own refusals (unknown route, wrong method, body too large), in the same shape.
HTTP_ERRORS = {
    404: ("not_found", "Cette adresse n'existe pas dans l'API des commandes."),
    405: ("method_not_allowed", "Cette méthode n'est pas acceptée à cette adresse."),
    413: ("invalid_request", "Le corps de la requête est trop volumineux."),
}
# Database failures that mean "try again later" rather than "bug".
UNAVAILABLE_ERRORS = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.DisconnectionError,
    sa_exc.TimeoutError,
)


def domain_error_response(error: DomainError) -> web.Response:
    kind = next(kind for kind in type(error).__mro__ if kind in DOMAIN_ERRORS)
    status, code, message = DOMAIN_ERRORS[kind]
    headers = None
    if isinstance(error, TooManyAttempts):
        headers = {"Retry-After": str(error.retry_after_s)}
    return error_response(status, code, str(error) if message is None else message, headers)


def _route_name(request: web.Request) -> str:
    """The route's pattern (no query string, no identifiers) for logs."""
    resource = request.match_info.route.resource
    return resource.canonical if resource is not None else "(no route)"


@web.middleware
async def errors_as_json(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except MAPPED_ERRORS as error:
        return domain_error_response(error)
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
    """/v1 needs the API key; an address that sent too many wrong keys is refused for a while."""
    if request.path == "/v1" or request.path.startswith("/v1/"):
        limiter, address = request.app[KEY_LIMITER], f"address:{request.remote}"
        if wait := limiter.retry_after(address):
            raise TooManyAttempts(wait)
        given = request.headers.get(API_KEY_HEADER, "").encode("utf-8")
        if not hmac.compare_digest(given, request.app[SETTINGS].api_key.encode("utf-8")):
            limiter.record_failure(address)
            raise Unauthorized()
    return await handler(request)


def client_of(request: web.Request) -> str:
    """Whom the proof limits count for: the end client the caller names, else the caller."""
    named = request.headers.get(CLIENT_HEADER, "").strip()
    if named and len(named) <= MAX_CLIENT_NAME:
        return f"client:{named}"
    return f"address:{request.remote}"


@web.middleware
async def limit_failed_proofs(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse every proof (right or wrong) from a client with too many recent failures; count
    the failures, which answer the same 404 whether the reference or the proof was wrong."""
    if request.method != "POST" or request.path not in PROOF_PATHS:
        return await handler(request)
    limiter, client = request.app[PROOF_LIMITER], client_of(request)
    if wait := limiter.retry_after(client):
        raise TooManyAttempts(wait)
    try:
        return await handler(request)
    except OrderNotFound:
        limiter.record_failure(client)
        raise


# Outermost first.
MIDDLEWARES = (errors_as_json, require_api_key, limit_failed_proofs)
