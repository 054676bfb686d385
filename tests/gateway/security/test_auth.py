"""The principal from a token and the one permission check resolvers use."""

from __future__ import annotations

from dataclasses import replace

import pytest
import strawberry

from gateway.errors import ErrorContract
from gateway.security.auth import LOCAL_DEVELOPER, Principal, Role, allow, authenticate, issue_token
from gateway.settings import Settings
from graph.errors import Unauthenticated
from resolvers.context import Context

SETTINGS = Settings(jwt_secret="s" * 40, jwt_issuer="bank-idp", jwt_audience="routing-gateway")


def test_a_token_round_trips_to_its_principal() -> None:
    token = issue_token(SETTINGS, "rm-017", frozenset({Role.RELATIONSHIP_MANAGER, Role.ANALYST}))
    assert authenticate(SETTINGS, f"Bearer {token}") == Principal("rm-017", frozenset({Role.RELATIONSHIP_MANAGER, Role.ANALYST}))


def test_issuer_and_audience_are_checked() -> None:
    token = issue_token(replace(SETTINGS, jwt_issuer="someone-else"), "x", frozenset({Role.ADMIN}))
    with pytest.raises(Unauthenticated, match="Invalid issuer"):
        authenticate(SETTINGS, f"Bearer {token}")
    token = issue_token(replace(SETTINGS, jwt_audience="another-api"), "x", frozenset({Role.ADMIN}))
    with pytest.raises(Unauthenticated, match="Audience doesn't match"):
        authenticate(SETTINGS, f"Bearer {token}")


def test_only_development_mode_accepts_a_missing_token() -> None:
    assert authenticate(replace(SETTINGS, dev_mode=True), None) == LOCAL_DEVELOPER
    with pytest.raises(Unauthenticated):
        authenticate(SETTINGS, None)
    with pytest.raises(Unauthenticated):  # a bad token is refused even in development mode
        authenticate(replace(SETTINGS, dev_mode=True), "Bearer garbage")


@strawberry.type
class Query:
    @strawberry.field(description="admin only", extensions=allow(Role.ADMIN))
    def vocabulary(self) -> str:
        return "edited"

    @strawberry.field(description="analysts and admins", extensions=allow(Role.ANALYST, Role.ADMIN))
    def counts(self) -> int:
        return 3


SCHEMA = strawberry.Schema(query=Query, extensions=[ErrorContract])


def run(principal: Principal | None, query: str) -> tuple[object, list[tuple[str, object]]]:
    context = Context(db=None, principal=principal, settings=SETTINGS)  # type: ignore[arg-type]
    result = SCHEMA.execute_sync(query, context_value=context)
    return result.data, [(e.message, e.extensions) for e in result.errors or []]


def test_roles_allow_and_forbid_fields() -> None:
    analyst = Principal("a", frozenset({Role.ANALYST}))
    assert run(analyst, "{ counts }") == ({"counts": 3}, [])
    assert run(analyst, "{ vocabulary }") == (None, [
        ("Query.vocabulary needs one of the roles: admin", {"code": "FORBIDDEN"})])
    assert run(Principal("b", frozenset({Role.ADMIN})), "{ vocabulary counts }") == ({"vocabulary": "edited", "counts": 3}, [])
    assert run(None, "{ counts }") == (None, [("a bearer token is required", {"code": "UNAUTHENTICATED"})])
