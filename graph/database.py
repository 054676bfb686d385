"""The Neo4j driver's lifecycle and the two ways the gateway talks to it: read and write.

One `Database` per process owns the async driver (it lives on the app's state). Each
request gets a `for_request()` view sharing the driver and counting its round trips, so
tests and the response's extensions can show that a request costs a fixed number of them.
Every view shares one `Availability` (graph/availability.py): while Neo4j is known down, calls
fail with UNAVAILABLE at once, and the ones in flight are abandoned when it goes down.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, LiteralString, TypeVar

import neo4j
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction, AsyncResult, AsyncSession, Query, unit_of_work
from neo4j.api import AsyncBookmarkManager
from neo4j.exceptions import (
    ConnectionAcquisitionTimeoutError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from gateway.settings import Settings
from graph import queries
from graph.availability import UNAVAILABLE_MESSAGE, Availability
from graph.bolt_values import bolt_parameters
from graph.errors import TimedOut, Unavailable, ValidationFailed
from graph.lru import Lru
from graph.tls import driver_security, untrusted_certificate

Record = dict[str, Any]
T = TypeVar("T")

PING = queries.load("health/ping")
# Statements remembered (the latest parameters of each) to plan again after an outage.
RECENT_STATEMENTS = 16

log = logging.getLogger("gateway.availability")
CONNECTION_ERRORS = (ServiceUnavailable, SessionExpired, ConnectionAcquisitionTimeoutError, OSError)
# What Neo4j answers when it terminates a transaction that ran past its timeout.
TIMED_OUT_CODES = frozenset({
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
    # A transaction the timeout ended while it waited for a lock (Neo4j 5 reports it as a client error).
    "Neo.ClientError.Transaction.LockClientStopped",
    "Neo.TransientError.Transaction.LockClientStopped",
})




def connect(settings: Settings) -> Database:
    if settings.neo4j_uri is None:
        raise ValueError("settings carry no neo4j_uri; start a local Neo4j or set NEO4J_URI")
    new_driver = functools.partial(_driver, settings)
    return Database(new_driver(), settings.neo4j_database, settings.neo4j_uri,
                    request_timeout=settings.neo4j_transaction_timeout, new_driver=new_driver)


def _driver(settings: Settings) -> AsyncDriver:
    assert settings.neo4j_uri is not None
    auth = (settings.neo4j_user, settings.neo4j_password) if settings.neo4j_password else None
    uri, security = driver_security(settings.neo4j_uri, settings.neo4j_trusted_ca_file)
    return AsyncGraphDatabase.driver(
        uri,
        auth=auth,
        **security,
        # A burst of contacts queues for pooled connections while allocations hold resource locks.
        connection_acquisition_timeout=30.0,
        connection_timeout=5.0,
        # Transient errors are retried, but a client waits at most this long for UNAVAILABLE.
        max_transaction_retry_time=settings.retry_seconds,
        # Only warnings are worth a log line; "property key does not exist" on a young graph is not one.
        notifications_min_severity="WARNING",
        notifications_disabled_classifications=["UNRECOGNIZED"],
    )


# Multi-statement write transactions in flight at once per process. A transaction waiting for a
# lock holds a pooled connection; past this many, callers wait here instead, so a burst of
# contacts cannot take every connection (reads keep theirs) nor pile up lock cycles in Neo4j.
MAX_CONCURRENT_TRANSACTIONS = 16


class _Link:
    """The driver every view of one Database uses; `Database.reconnect` swaps in a fresh one."""

    def __init__(self, driver: AsyncDriver, new_driver: Callable[[], AsyncDriver] | None) -> None:
        self.driver = driver
        self.new_driver = new_driver
        # statement -> (access mode, latest parameters), most recently run last
        self.recent: Lru[LiteralString, tuple[str, dict[str, Any]]] = Lru(RECENT_STATEMENTS)

    def remember(self, query: LiteralString, access: str, params: dict[str, Any]) -> None:
        self.recent.put(query, (access, params))


class Database:
    def __init__(self, driver: AsyncDriver | _Link, name: str, uri: str = "",
                 bookmarks: AsyncBookmarkManager | None = None,
                 transactions: asyncio.Semaphore | None = None, timeout: float | None = None,
                 request_timeout: float | None = None, availability: Availability | None = None,
                 new_driver: Callable[[], AsyncDriver] | None = None, guarded: bool = True) -> None:
        self._link = driver if isinstance(driver, _Link) else _Link(driver, new_driver)
        self.availability = availability or Availability()
        # Unguarded views (the monitor's, warming a recovered Neo4j) run while it is marked down.
        self.guarded = guarded
        self.name = name
        self.uri = uri
        # One bookmark manager for the process: a read that follows a write (a mutation's
        # result, the next request) sees it even when a cluster routes the read to a follower.
        self.bookmarks = bookmarks or AsyncGraphDatabase.bookmark_manager()
        self.transactions = transactions or asyncio.Semaphore(MAX_CONCURRENT_TRANSACTIONS)
        self.round_trips = 0
        # Seconds Neo4j lets each transaction run before terminating it; None: the server's default.
        # A client's runaway query then frees its connection and memory instead of holding them.
        # Only requests' views are timed: start-up (schema, warming plans that take seconds to
        # make) and seeding are the gateway's own work. The dispatcher runs on such a view too:
        # the live feed counts on no routing write committing later than this after its stamp.
        self.timeout = timeout
        self.request_timeout = request_timeout

    @property
    def driver(self) -> AsyncDriver:
        return self._link.driver

    def for_request(self) -> Database:
        return Database(self._link, self.name, self.uri, self.bookmarks, self.transactions,
                        timeout=self.request_timeout, request_timeout=self.request_timeout,
                        availability=self.availability)

    def unguarded(self) -> Database:
        """A view that runs while Neo4j is marked down: the monitor's, to warm a recovered Neo4j."""
        return Database(self._link, self.name, self.uri, self.bookmarks, self.transactions, timeout=self.timeout,
                        request_timeout=self.request_timeout, availability=self.availability, guarded=False)

    async def replan_recent(self) -> int:
        """Plan again, on a Neo4j that restarted with an empty plan cache, the statements run most
        recently: each in a transaction that is rolled back, newest first, so the first requests
        after an outage find their plans made once rather than made by each of them at once."""
        planned = 0
        for query, (access, params) in self._link.recent.newest_first():
            try:
                async with self.driver.session(database=self.name, default_access_mode=access) as session:
                    tx = await session.begin_transaction(timeout=self.request_timeout)
                    try:
                        await (await tx.run(query, bolt_parameters(params))).consume()
                    finally:
                        await tx.rollback()
                planned += 1
            except Neo4jError as error:  # e.g. a statement that cannot run in a transaction of its own
                log.info("not planned again after the outage (%s): %s", error.code, query.splitlines()[0])
        return planned

    async def reconnect(self) -> None:
        """Replace the driver with a fresh one: after an outage its pooled connections are all dead,
        and the first request on each would fail and wait out a retry delay."""
        if self._link.new_driver is None:
            return
        old, self._link.driver = self._link.driver, self._link.new_driver()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(old.close(), timeout=2.0)  # its sockets are dead: nothing to wait for

    async def wait_until_reachable(self, timeout: float) -> None:
        """Verify connectivity, retrying until `timeout` so start-up survives a slow Neo4j."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                await self.driver.verify_connectivity()
                await self.read(PING)  # the named database, not just the server, must answer
                return
            except (*CONNECTION_ERRORS, Unavailable) as error:
                if untrusted := untrusted_certificate(error, self.uri):
                    raise untrusted from None  # a refused certificate stays refused: no point waiting
                if time.monotonic() >= deadline:
                    raise Unavailable(
                        f"cannot reach Neo4j at {self.uri} after {timeout:.0f}s ({_first_line(error)}); "
                        "check NEO4J_URI, or unset it to let the gateway start a local Neo4j"
                    ) from error
                await asyncio.sleep(0.5)

    async def read(self, query: LiteralString, **params: Any) -> list[Record]:
        """Run one statement in a read transaction (routable to a cluster follower)."""
        return await self._run("READ", query, params)

    async def read_plain(self, query: LiteralString, **params: Any) -> list[Record]:
        """`read` for a statement that returns maps, lists and plain values only, never a node, a
        relationship or a path (e.g. a compiled read), in one round trip: an auto-commit transaction in
        read mode (a cluster routes it to a reader, Neo4j refuses it any write), whose RUN and PULL
        travel together and which needs no BEGIN or COMMIT of its own. Its rows as the driver decoded
        them, without the copy of every nested value that Record.data() makes (a tenth of a compiled
        read's gateway CPU). A failure the driver would retry (a transient error, a lost connection) is
        run again as a managed read transaction, which the driver retries."""
        self.round_trips += 1
        self._link.remember(query, "READ", params)

        async def statement() -> list[Record]:
            async with self._session("READ") as session:
                try:
                    return _plain([record async for record in await _result(
                        session.run, Query(query, timeout=self.timeout), params)])
                except (Neo4jError, DriverError) as error:
                    if not error.is_retryable():
                        raise
                    if isinstance(error, CONNECTION_ERRORS):
                        self.availability.suspect()  # as a managed transaction's would: the monitor looks at once
            async with self._session("READ") as session:
                return await _managed(session, "READ", self._within_timeout(_fetch_plain), query, params)
        return await self._guarded(statement())

    async def write(self, query: LiteralString, **params: Any) -> list[Record]:
        """Run one statement in a write transaction."""
        return await self._run("WRITE", query, params)

    async def write_autocommit(self, query: LiteralString, **params: Any) -> None:
        """Run a statement that manages its own transactions (CALL { } IN TRANSACTIONS)."""
        self.round_trips += 1
        await self._guarded(self._write_autocommit(query, params))

    async def _write_autocommit(self, query: LiteralString, params: dict[str, Any]) -> None:
        try:
            async with self.driver.session(database=self.name, bookmark_manager=self.bookmarks) as session:
                result = await session.run(query, bolt_parameters(params))
                await result.consume()
        except CONNECTION_ERRORS as error:
            raise Unavailable(UNAVAILABLE_MESSAGE) from error

    async def transact(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run `work` in one write transaction: its statements commit together or not at all.

        Raising inside `work` rolls everything back. The driver re-runs `work` from the
        start on a transient error (a deadlock, a leader switch), so it must not keep
        state between attempts outside the transaction.
        """
        async def transaction() -> T:
            async with self.transactions, self._session("WRITE") as session:
                return await _managed(session, "WRITE", self._within_timeout(lambda tx: work(Transaction(tx, self, "WRITE"))))
        return await self._guarded(transaction())

    async def read_transact(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Run `work` in one read transaction: a read that needs a check first (e.g. whose book a
        plan is in) sees one consistent state and can be routed to a cluster follower."""
        async def transaction() -> T:
            async with self._session("READ") as session:
                return await _managed(session, "READ", self._within_timeout(lambda tx: work(Transaction(tx, self, "READ"))))
        return await self._guarded(transaction())

    async def _run(self, access: str, query: LiteralString, params: dict[str, Any]) -> list[Record]:
        self.round_trips += 1
        self._link.remember(query, access, params)

        async def statement() -> list[Record]:
            async with self._session(access) as session:
                return await _managed(session, access, self._within_timeout(_fetch_all), query, params)
        return await self._guarded(statement())

    async def _guarded(self, call: Awaitable[T]) -> T:
        """`call`, unless Neo4j is or goes down first: then UNAVAILABLE at once, not after the
        driver's retries. An abandoned call's transaction never commits, so it rolls back."""
        if not self.guarded:
            return await call
        if not self.availability.up:
            try:
                await self.availability.admit()  # refused while down; held while warming up
            except Unavailable:
                if asyncio.iscoroutine(call):
                    call.close()  # never started
                raise
        task = asyncio.ensure_future(call)
        try:
            await asyncio.wait((task, self.availability.lost()), return_when=asyncio.FIRST_COMPLETED)
        finally:
            if not task.done():
                # Cancelled, the driver drops the connection, so the transaction cannot commit
                # later; its clean-up runs on without holding up the answer.
                task.cancel()
                task.add_done_callback(_retrieve)
        if not task.done():
            raise Unavailable(UNAVAILABLE_MESSAGE)
        return task.result()

    def _within_timeout(self, work: Callable[..., Awaitable[T]]) -> Callable[..., Awaitable[T]]:
        """`work` as a unit of work Neo4j terminates after `self.timeout` seconds."""
        async def watched(*args: Any, **kwargs: Any) -> T:
            try:
                return await work(*args, **kwargs)
            except CONNECTION_ERRORS:
                self.availability.suspect()  # the driver will retry; the monitor looks at once
                raise
        wrapped: Callable[..., Awaitable[T]] = unit_of_work(timeout=self.timeout)(watched)
        return wrapped

    @asynccontextmanager
    async def _session(self, access: str) -> AsyncIterator[AsyncSession]:
        """A session whose lost-connection errors surface as UNAVAILABLE."""
        try:
            async with self.driver.session(database=self.name, default_access_mode=access,
                                           bookmark_manager=self.bookmarks) as session:
                yield session
        except CONNECTION_ERRORS as error:
            self.availability.suspect()
            raise Unavailable(UNAVAILABLE_MESSAGE) from error
        except Neo4jError as error:
            if error.code == "Neo.TransientError.General.DatabaseUnavailable":
                raise Unavailable(UNAVAILABLE_MESSAGE) from error
            if error.code in TIMED_OUT_CODES:
                raise TimedOut(f"the request took longer than the {self.timeout:g}s the graph database allows "
                               "a transaction; ask for less (smaller pages, fewer nested lists)") from error
            raise

    async def close(self) -> None:
        await self.driver.close()


class Transaction:
    """The statements of one `Database.transact` unit of work; each `run` is a round trip."""

    def __init__(self, tx: AsyncManagedTransaction, db: Database, access: str = "WRITE") -> None:
        self.tx = tx
        self.db = db
        self.access = access

    async def run(self, query: LiteralString, **params: Any) -> list[Record]:
        self.db.round_trips += 1
        self.db._link.remember(query, self.access, params)
        return await _fetch_all(self.tx, query, params)


async def _managed(session: AsyncSession, access: str, work: Callable[..., Awaitable[T]], *args: Any) -> T:
    """`work` in one managed transaction (retried by the driver on a transient error) whose BEGIN
    travels with its first statement, as the driver's own execute_query sends it, instead of taking a
    round trip of its own: a one-statement read costs two round trips (BEGIN+RUN+PULL, COMMIT), not
    three. `_pipelined_begin` is the driver's switch for that (neo4j is pinned in pyproject.toml)."""
    run = session.execute_read if access == "READ" else session.execute_write
    with session._pipelined_begin:
        return await run(work, *args)


async def _fetch_all(tx: AsyncManagedTransaction, query: LiteralString, params: dict[str, Any]) -> list[Record]:
    return [record.data() async for record in await _result(tx.run, query, params)]


async def _fetch_plain(tx: AsyncManagedTransaction, query: LiteralString, params: dict[str, Any]) -> list[Record]:
    return _plain([record async for record in await _result(tx.run, query, params)])


def _plain(records: list[neo4j.Record]) -> list[Record]:
    return [dict(zip(record.keys(), record, strict=True)) for record in records]


async def _result(run: Callable[[Any, dict[str, Any]], Awaitable[AsyncResult]], query: LiteralString | Query,
                  params: dict[str, Any]) -> AsyncResult:
    try:
        return await run(query, bolt_parameters(params))
    except UnicodeEncodeError:
        # JSON lets a client send a lone UTF-16 surrogate ("\ud800"); Bolt carries UTF-8 only.
        raise ValidationFailed("a text holds a lone UTF-16 surrogate (e.g. \\ud800), which is not valid "
                               "Unicode: send well-formed text") from None


def _retrieve(task: asyncio.Future[Any]) -> None:
    """Collect an abandoned call's outcome, so asyncio does not report it as never retrieved."""
    if not task.cancelled():
        task.exception()


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__
