"""The per-request Context: the database view, the principal, the settings, the DataLoaders and the live feed."""

from __future__ import annotations

from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.extensions import SchemaExtension

from gateway.security.auth import Principal
from gateway.settings import Settings
from graph.database import Database
from graph.errors import Unauthenticated

if TYPE_CHECKING:
    from gateway.routing_feed import RoutingFeed
    from resolvers.compiled.payload import Payloads


# (resourceId, customerId) pairs the operation's book checks found in that resource's book: every
# check goes through security.book.reach, which records them here, so the book guard on the types
# (security/book_guard.py) asks no second time, without each domain passing its Context down.
found_in_book: ContextVar[set[tuple[str, str]] | None] = ContextVar("found_in_book", default=None)


@dataclass
class Context:
    db: Database
    principal: Principal | None
    settings: Settings
    loaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)
    # WebSocket only: the connection_init payload and the handshake's Authorization header.
    connection_params: dict[str, Any] | None = None
    handshake_authorization: str | None = None
    # The process's live routing feed (subscriptions); None outside the app, e.g. in unit tests.
    feed: RoutingFeed | None = None
    # A mutation's compiled read-backs, set by resolvers/compiled/execute.py when compiled reads are on.
    payloads: Payloads | None = None

    @property
    def caller(self) -> Principal:
        """The principal the request acts as: every field behind an authorization rule has one (the
        view refuses a request without a valid token before any resolver runs)."""
        if self.principal is None:
            raise Unauthenticated("a bearer token is required: send 'Authorization: Bearer <JWT>'")
        return self.principal

    def loader(self, name: str, load_fn: Any) -> DataLoader[Any, Any]:
        """The request's DataLoader for `name`, created on first use so each batches once per tick."""
        if name not in self.loaders:
            self.loaders[name] = DataLoader(load_fn=load_fn)
        return self.loaders[name]


class PerOperationLoaders(SchemaExtension):
    """Starts every operation with empty DataLoaders.

    A WebSocket keeps one Context for all its operations; without this, a loader's cache
    would serve a long-lived connection data read minutes ago, and grow without bound.
    """

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context.context
        if isinstance(context, Context):
            context.loaders.clear()
        found_in_book.set(set())
        yield

    def on_stream_result(self, result: Any) -> Iterator[None]:
        """A subscription runs one operation for many events: each event reads afresh (the book it is
        checked against included), so what a subscriber sees follows the graph as it changes."""
        context = self.execution_context.context
        if isinstance(context, Context):
            context.loaders.clear()
        found_in_book.set(set())
        yield


# What every resolver receives: `info.context` is a Context, so mypy checks what resolvers take from it.
Info = strawberry.Info[Context, None]
