"""The error contract: typed codes for expected failures, masking for the rest."""

from __future__ import annotations

import logging

import pytest
import strawberry
from graphql import GraphQLError

from gateway.errors import ErrorContract, apply_contract
from gateway.request_id import current_request_id
from graph.errors import Conflict, GatewayError, NotFound, Unavailable, ValidationFailed


def test_expected_errors_keep_their_message_and_carry_code_and_field() -> None:
    cases: list[GatewayError] = [NotFound("no customer 'X'", field="customerId"), ValidationFailed("too big", field="first"),
                                 Conflict("already closed"), Unavailable("retry shortly")]
    shaped = [apply_contract(GraphQLError("raw", original_error=e)) for e in cases]
    assert [(e.message, e.extensions) for e in shaped] == [
        ("no customer 'X'", {"code": "NOT_FOUND", "field": "customerId"}),
        ("too big", {"code": "VALIDATION", "field": "first"}),
        ("already closed", {"code": "CONFLICT"}),
        ("retry shortly", {"code": "UNAVAILABLE"}),
    ]


def test_unexpected_errors_are_masked_and_logged_with_the_request_id(caplog: pytest.LogCaptureFixture) -> None:
    token = current_request_id.set("req-0123456789")
    try:
        with caplog.at_level(logging.ERROR, logger="gateway.errors"):
            shaped = apply_contract(GraphQLError("boom", path=["customer"], original_error=KeyError("secret detail")))
    finally:
        current_request_id.reset(token)
    assert shaped.message == "internal error; quote request id req-0123456789 to support"
    assert shaped.extensions == {"code": "INTERNAL", "requestId": "req-0123456789"}
    assert "secret detail" not in str(shaped.formatted)
    [record] = caplog.records
    assert record.exc_info is not None and "secret detail" in str(record.exc_info[1])


def test_a_schema_with_the_contract_never_leaks_a_trace() -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def broken(self) -> int:
            raise RuntimeError("Traceback: password=hunter2")

    result = strawberry.Schema(query=Query, extensions=[ErrorContract]).execute_sync("{ broken }")
    assert result.errors is not None
    assert [e.extensions["code"] for e in result.errors] == ["INTERNAL"]
    assert "hunter2" not in result.errors[0].message


@strawberry.input
class Window:
    days: int


def test_variables_that_do_not_fit_their_types_are_validation_errors() -> None:
    @strawberry.type
    class Query:
        @strawberry.field
        def echo(self, window: Window) -> int:
            return window.days

    schema = strawberry.Schema(query=Query, extensions=[ErrorContract])
    result = schema.execute_sync("query ($w: Window!) { echo(window: $w) }", variable_values={"w": {"days": 1, "weeks": 2}})
    assert result.errors is not None
    assert [(e.extensions or {}).get("code") for e in result.errors] == ["VALIDATION"]
    assert "weeks" in result.errors[0].message
