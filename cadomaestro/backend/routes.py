"""The API's routes, in one table (openapi.yaml documents each; a test compares them)."""

from __future__ import annotations

from aiohttp import web

from cadomaestro.backend import views

ROUTES = [
    web.get("/health", views.health),
    web.get("/openapi.json", views.openapi),
    web.post("/v1/orders/lookup", views.lookup_order),
    web.post("/v1/loyalty/lookup", views.lookup_loyalty),
    web.post("/v1/customers/lookup", views.lookup_customer),
    web.post("/v1/requests", views.post_request),
    web.get("/v1/requests", views.get_requests),
]
# The routes that take a proof of ownership: their failures count towards the client's limit.
# Not /v1/customers/lookup: it takes no proof (the caller vouches for the e-mail, see views.py).
PROOF_PATHS = frozenset({"/v1/orders/lookup", "/v1/loyalty/lookup", "/v1/requests"})


def setup_routes(app: web.Application) -> None:
    app.router.add_routes(ROUTES)
