"""What a mutation returns is read back compiled where it can be (resolvers/compiled/payload.py): the same
answer as the resolvers' read-back, data and errors, in one statement (the resolvers' took two for an
updated or refreshed profile).

Each mutation runs twice on the same freshly loaded bank, compiled and through the resolvers alone
(GATEWAY_COMPILED_READS off), and the two answers are compared whole. The selections leave out only
the instants the mutation itself sets (createdAt, updatedAt, a completed review's completedAt) and
`asOf` (now).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from gateway.security.auth import Principal
from gateway.settings import Settings
from graph.database import Database
from tests.support import ADMIN, FRONTEND, RM, bank_graph, execute

INDICATOR = "indicatorId category type value narrative validFrom validTo capturedAt source capturedBy closedAt closedBy"
STATE = f"""partyStateId customerId version nextReviewDue note __typename
  active: activeIndicators {{ {INDICATOR} }} ...History reviewRequests {{ reviewRequestId reason status requestedAt
  requestedBy completedBy outcome }}"""
HISTORY = f"fragment History on PartyState {{ history(types: $types) {{ {INDICATOR} }} }}"
UPDATE = f"""mutation ($id: ID!, $changes: UpdatePartyRoutingProfileInput!, $types: [String!]) {{
  updatePartyRoutingProfile(partyStateId: $id, changes: $changes) {{ {STATE} }} }} {HISTORY}"""
INITIATE = f"""mutation ($input: InitiatePartyRoutingProfileInput!, $types: [String!]) {{
  profile: initiatePartyRoutingProfile(input: $input) {{ {STATE} }} }} {HISTORY}"""


async def both_ways(database: Database, settings: Settings, query: str, variables: dict[str, Any],
                    principal: Principal) -> tuple[Any, Any, int, int]:
    """The mutation's result compiled, then through the resolvers, each on the bank as loaded; and the
    round trips each took."""
    results = []
    for compiled in (True, False):
        bank = await bank_graph(database, "routing_profiles", "compiled_reads")
        result, context = await execute(bank, dataclasses.replace(settings, compiled_reads=compiled), query,
                                        variables, principal)
        results.append((result, context.db.round_trips))
    (actual, compiled_trips), (expected, resolver_trips) = results
    return actual, expected, compiled_trips, resolver_trips


def errors_of(result: Any) -> list[tuple[Any, ...]]:
    return sorted((str(e.get("path")), e["message"], repr(e.get("extensions"))) for e in
                  (error.formatted for error in result.errors or []))


@pytest.mark.parametrize(("principal", "types"), [
    (Principal("tester", ADMIN), None),
    (Principal("R-CR-1", RM), ["POSSIBLE_FRAUD", "VALUE_TIER"]),
], ids=["admin", "rm-in-book"])
async def test_an_updated_profile_reads_back_compiled_as_the_resolvers_read_it(
        database: Database, settings: Settings, principal: Principal, types: list[str] | None) -> None:
    variables = {"id": "PS-C0000001", "changes": {"note": "Called back", "reviewOutcome": "Reviewed"}, "types": types}
    actual, expected, compiled_trips, resolver_trips = await both_ways(database, settings, UPDATE, variables, principal)
    assert expected.errors is None and expected.data["updatePartyRoutingProfile"]["note"] == "Called back"
    assert expected.data["updatePartyRoutingProfile"]["reviewRequests"], "the bank's profile has review requests"
    assert (actual.data, errors_of(actual)) == (expected.data, errors_of(expected))
    assert compiled_trips == resolver_trips - 1, (compiled_trips, resolver_trips)


async def test_an_initiated_profile_reads_back_compiled_with_the_fields_a_front_end_may_not_read_refused(
        database: Database, settings: Settings) -> None:
    variables = {"input": {"customerId": "C0000006", "note": "New"}, "types": None}
    actual, expected, compiled_trips, resolver_trips = await both_ways(
        database, settings, INITIATE, variables, Principal("tester", FRONTEND))
    assert expected.data["profile"]["partyStateId"] == "PS-C0000006"
    # history is for relationship managers and admins: FORBIDDEN at its path, the rest answered.
    assert [(e[0], e[2]) for e in errors_of(expected)] == [("['profile', 'history']", "{'code': 'FORBIDDEN'}")]
    assert (actual.data, errors_of(actual)) == (expected.data, errors_of(expected))
    # The resolvers read the new profile in one round trip too (its customer is known): no fewer here.
    assert compiled_trips == resolver_trips, (compiled_trips, resolver_trips)


async def test_a_refused_change_is_refused_alike_and_reads_nothing_back(database: Database, settings: Settings) -> None:
    """Sam's book does not hold Alice: the write is refused before anything is read back."""
    variables = {"id": "PS-C0000001", "changes": {"note": "Not mine"}, "types": None}
    actual, expected, _, _ = await both_ways(database, settings, UPDATE, variables, Principal("R-CR-2", RM))
    assert expected.data is None and [e[2] for e in errors_of(expected)] == ["{'code': 'FORBIDDEN', 'field': 'partyStateId'}"]
    assert (actual.data, errors_of(actual)) == (expected.data, errors_of(expected))


async def test_include_and_skip_choose_the_fields_read_back_on_every_call(database: Database, settings: Settings) -> None:
    """The compiled read-back is cached per value of the variables @include/@skip read, as compiled reads are."""
    query = """mutation ($id: ID!, $changes: UpdatePartyRoutingProfileInput!, $withNote: Boolean!) {
      updatePartyRoutingProfile(partyStateId: $id, changes: $changes) { partyStateId note @include(if: $withNote) } }"""
    bank = await bank_graph(database, "routing_profiles", "compiled_reads")
    for with_note in (True, False, True):
        variables = {"id": "PS-C0000001", "changes": {"note": "Called back"}, "withNote": with_note}
        result, _ = await execute(bank, settings, query, variables, Principal("tester", ADMIN))
        expected = {"partyStateId": "PS-C0000001", **({"note": "Called back"} if with_note else {})}
        assert result.errors is None and result.data == {"updatePartyRoutingProfile": expected}


async def test_a_refreshed_profile_reads_back_compiled_within_its_payload(database: Database, settings: Settings) -> None:
    """executePartyRoutingProfile returns the profile in its payload's partyState; the indicators a refresh
    derives get new ids and instants, so only what they say is compared."""
    query = """mutation ($id: ID!) { executePartyRoutingProfile(partyStateId: $id) { derived { type value }
      state: partyState { partyStateId customerId version note activeIndicators { category type value }
      history(types: ["VALUE_TIER"]) { type value closedBy } reviewRequests { reviewRequestId status } } } }"""
    actual, expected, compiled_trips, resolver_trips = await both_ways(
        database, settings, query, {"id": "PS-C0000001"}, Principal("R-CR-1", RM))
    assert expected.errors is None and expected.data["executePartyRoutingProfile"]["state"]["activeIndicators"]
    assert actual.data == expected.data and actual.errors is None
    assert compiled_trips == resolver_trips - 1, (compiled_trips, resolver_trips)
