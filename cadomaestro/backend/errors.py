"""What can go wrong in the order service, as plain exceptions: the service and the checks raise
them without knowing HTTP, and one middleware (middlewares.py) turns each into its answer."""

from __future__ import annotations


class DomainError(Exception):
    """A refusal the caller should hear about (as opposed to a bug or an outage)."""


class InvalidRequest(DomainError, ValueError):
    """A request refused before anything touches the database; the message is French and meant
    for the caller."""


class OrderNotFound(DomainError):
    """No order matches the reference and the proof: the same error whichever part was wrong, so
    that nothing tells an order exists."""


class CustomerNotFound(DomainError):
    """No customer has this e-mail address."""


class Unauthorized(DomainError):
    """The caller did not present the API key."""


class TooManyAttempts(DomainError):
    """The caller failed too often recently; it may try again in `retry_after_s` seconds."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(retry_after_s)
        self.retry_after_s = retry_after_s
