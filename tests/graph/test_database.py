"""graph/database.py against the session's Neo4j: how a plain read travels, and what it does when the
driver would have retried."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncSession
from neo4j.exceptions import CypherSyntaxError, SessionExpired

from graph.database import Database

STATEMENT = "RETURN {answer: $n, items: [1, 2], at: date('2026-12-07')} AS value"


async def test_a_plain_read_is_one_auto_commit_read_and_answers_as_decoded(
        database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """read_plain: one auto-commit statement in read mode (no managed transaction), its maps as the driver
    decoded them; the same values `read` gives after its copy."""
    managed: list[str] = []
    original = AsyncSession._run_transaction

    async def counted(self: AsyncSession, access_mode: str, *args: Any, **kwargs: Any) -> Any:
        managed.append(access_mode)
        return await original(self, access_mode, *args, **kwargs)

    monkeypatch.setattr(AsyncSession, "_run_transaction", counted)
    [row] = await database.read_plain(STATEMENT, n=42)
    assert managed == []
    assert row == (await database.read(STATEMENT, n=42))[0]
    assert row["value"]["answer"] == 42 and row["value"]["items"] == [1, 2]
    assert managed == ["READ"]  # `read`: one managed read transaction
    with pytest.raises(Exception, match="read access mode|not allowed|Writing in read access"):
        await database.read_plain("CREATE (:Probe) RETURN {made: true} AS value")
    assert await database.read("MATCH (p:Probe) RETURN count(p) AS n") == [{"n": 0}]


async def test_a_plain_read_the_driver_would_retry_runs_again_as_a_managed_read(
        database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """A lost connection on the auto-commit statement: the availability monitor told, and the statement
    asked again in a managed read transaction, which the driver retries; an error no retry can mend (a
    syntax error) is raised at once."""
    failures: list[str] = []
    original = AsyncSession.run

    async def flaky(self: AsyncSession, query: Any, *args: Any, **kwargs: Any) -> Any:
        if not failures:
            failures.append(str(query))
            raise SessionExpired("the connection went away (a test)")
        return await original(self, query, *args, **kwargs)

    suspected: list[bool] = []
    monkeypatch.setattr(AsyncSession, "run", flaky)
    monkeypatch.setattr(database.availability, "suspect", lambda: suspected.append(True))
    assert (await database.read_plain(STATEMENT, n=7))[0]["value"]["answer"] == 7
    assert len(failures) == 1
    assert suspected == [True]  # the availability monitor is asked to look at once, as for a managed read
    with pytest.raises(CypherSyntaxError):
        await database.read_plain("RETURN {broken: } AS value")
