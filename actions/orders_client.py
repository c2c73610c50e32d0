"""The action server's client of the order backend's HTTP API (cadomaestro/backend/, described in
its openapi.yaml).

One aiohttp session per action-server process, short timeouts, one retry on connection errors
(never on a timeout: the request may have been processed). Failures become BackendUnavailable,
which the actions turn into an apology with the contact options.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

from actions.settings import ActionSettings
from cadomaestro.backend.middlewares import CLIENT_HEADER
from cadomaestro.backend.throttle import DEFAULT_WINDOW_S
from cadomaestro.replies.order import CustomerAccount, Loyalty, Order

logger = logging.getLogger(__name__)


class BackendUnavailable(Exception):
    """The order backend could not answer (down, too slow, or an unexpected answer)."""


class OrderNotFound(Exception):
    """No order matches the reference and proof (the same answer for both cases)."""


class CustomerNotFound(Exception):
    """No customer has this e-mail address."""


class TooManyAttempts(Exception):
    """The backend refuses proofs from this client for `retry_after_s` seconds."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(retry_after_s)
        self.retry_after_s = retry_after_s


def _retry_after(value: str | None) -> int:
    return int(value) if value and value.isdigit() else DEFAULT_WINDOW_S


def _proof(reference: str, proof: str) -> dict[str, str]:
    key = "email" if "@" in proof else "postcode"
    return {"reference": reference, key: proof}


class OrdersClient:
    def __init__(self, base_url: str, api_key: str, timeout_s: float) -> None:
        self.base_url = base_url.rstrip("/")
        self._headers = {"X-API-Key": api_key}
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def from_settings(cls, settings: ActionSettings) -> OrdersClient:
        return cls(settings.orders_api_url, settings.orders_api_key, settings.orders_api_timeout_s)

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(headers=self._headers, timeout=self._timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _post(
        self, path: str, body: dict[str, Any], client: str | None
    ) -> tuple[int, dict[str, Any]]:
        url = f"{self.base_url}{path}"
        headers = {CLIENT_HEADER: client} if client else None
        for attempt in (1, 2):
            try:
                async with self._client().post(url, json=body, headers=headers) as response:
                    if response.status == 429:
                        raise TooManyAttempts(_retry_after(response.headers.get("Retry-After")))
                    payload = await response.json(content_type=None)
                    return response.status, payload if isinstance(payload, dict) else {}
            except asyncio.TimeoutError as error:  # no retry: it may have been processed
                logger.warning("order backend timed out on %s", path)
                raise BackendUnavailable(path) from error
            except aiohttp.ClientConnectionError as error:
                if attempt == 2:
                    logger.warning("order backend unreachable: %s", type(error).__name__)
                    raise BackendUnavailable(path) from error
            except (aiohttp.ClientError, ValueError) as error:
                logger.warning("order backend failed on %s: %s", path, type(error).__name__)
                raise BackendUnavailable(path) from error
        raise AssertionError("unreachable")

    async def _owned(
        self,
        path: str,
        body: dict[str, Any],
        key: str,
        client: str | None,
        not_found: type[Exception] = OrderNotFound,
    ) -> dict[str, Any]:
        """The `key` part of the answer; `client` names the customer's client for the backend's
        limits on failed proofs (the channel's pseudonym of their address); a 404 raises
        `not_found`."""
        status, payload = await self._post(path, body, client)
        if status == 404:
            raise not_found()
        if status not in (200, 201) or key not in payload:
            logger.warning("order backend answered %s on %s", status, path)
            raise BackendUnavailable(path)
        return payload[key]

    async def find_order(self, reference: str, proof: str, client: str | None = None) -> Order:
        body = _proof(reference, proof)
        return Order.from_api(await self._owned("/v1/orders/lookup", body, "order", client))

    async def loyalty(self, reference: str, proof: str, client: str | None = None) -> Loyalty:
        body = _proof(reference, proof)
        return Loyalty.from_api(await self._owned("/v1/loyalty/lookup", body, "loyalty", client))

    async def customer_account(
        self, email: str, *, limit: int, client: str | None = None
    ) -> CustomerAccount:
        """The `limit` most recent orders (newest first) and the points of the customer whose
        e-mail is `email`, which the caller vouches for (a customer logged in on the shop's
        site): no proof is asked. CustomerNotFound when the shop has no such customer."""
        body = {"email": email, "limit": limit}
        account = await self._owned(
            "/v1/customers/lookup", body, "customer", client, not_found=CustomerNotFound
        )
        return CustomerAccount.from_api(account)

    async def create_request(
        self,
        reference: str,
        proof: str,
        *,
        kind: str,
        conversation_id: str,
        details: str,
        attachments: list[str],
        client: str | None = None,
    ) -> dict[str, Any]:
        body = {
            **_proof(reference, proof),
            "kind": kind,
            "conversation_id": conversation_id,
            "details": details,
            "attachments": attachments,
        }
        return await self._owned("/v1/requests", body, "request", client)
