"""Customer.events: the customer's timeline, newest first, on the event_customer_timeline index."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from domains.customer_event_history.timeline import EVENTS_OF_CUSTOMERS
from gateway.security.auth import ALL_ROLES, Principal, Role
from gateway.settings import Settings
from graph.database import Database
from resolvers.customer_event_history import CustomerEvent, timeline_page
from resolvers.pagination import encode_cursor
from tests.support import ADMIN, ANALYST, FRONTEND, bank_graph, execute, fails, plan_afresh, run

EVENTS = """
query ($id: ID!, $first: Int, $after: String, $categories: [EventCategory!], $types: [String!],
       $from: DateTime, $to: DateTime) {
  customer(customerId: $id) {
    events(first: $first, after: $after, categories: $categories, types: $types, from: $from, to: $to) {
      edges { cursor node { eventId category type occurredAt channel record result } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""
ALICE_NEWEST_FIRST = ["10", "09", "08", "07", "06", "05", "04", "03", "02", "01"]  # 05, 04, 03 share an instant
ACME_NEWEST_FIRST = ["03", "04", "02", "01"]  # 03 is a nanosecond after 04
BOB_NEWEST_FIRST = ["02", "01"]  # 02 is stored with a +02:00 offset


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "event_history")


async def events(bank: Database, settings: Settings, customer_id: str = "C0000001", roles: frozenset[Role] = ADMIN,
                 **arguments: Any) -> Any:
    data = await run(bank, settings, EVENTS, roles, id=customer_id, **arguments)
    return data["customer"]["events"]


def numbers(connection: Any) -> list[str]:
    """The eventIds of a page without their customer prefix: EV-C0000001-07 -> 07."""
    return [edge["node"]["eventId"].rsplit("-", 1)[1] for edge in connection["edges"]]


# Ordering and paging


async def test_the_timeline_is_newest_first_with_ties_by_event_id_descending(bank: Database, settings: Settings) -> None:
    timeline = await events(bank, settings, first=4)
    assert [edge["node"] for edge in timeline["edges"]] == [
        {"eventId": "EV-C0000001-10", "category": "SERVICING", "type": "BALANCE_ENQUIRY",
         "occurredAt": "2026-01-05T11:00:00+00:00", "channel": "MOBILE",
         "record": "Balance and recent transactions enquiry", "result": "RESOLVED"},
        {"eventId": "EV-C0000001-09", "category": "PRODUCT_PROCESSING", "type": "STATEMENT_ISSUED",
         "occurredAt": "2025-11-30T17:45:00+00:00", "channel": "WEB", "record": "Annual statement issued",
         "result": "COMPLETED"},
        {"eventId": "EV-C0000001-08", "category": "RELATIONSHIP", "type": "REVIEW_MEETING",
         "occurredAt": "2025-09-15T15:00:00+00:00", "channel": "BRANCH", "record": "Relationship review meeting",
         "result": "COMPLETED"},
        {"eventId": "EV-C0000001-07", "category": "SERVICING", "type": "ADDRESS_CHANGE",
         "occurredAt": "2025-06-01T00:00:00+00:00", "channel": "WEB", "record": "Postal address updated",
         "result": "RESOLVED"},
    ]
    cursors = [edge["cursor"] for edge in timeline["edges"]]
    assert timeline["pageInfo"] == {"hasNextPage": True, "hasPreviousPage": False, "startCursor": cursors[0],
                                    "endCursor": cursors[-1]}
    assert numbers(await events(bank, settings)) == ALICE_NEWEST_FIRST  # first defaults to 20


async def test_an_instant_stored_with_an_offset_keeps_it(bank: Database, settings: Settings) -> None:
    bob = await events(bank, settings, "C0000002")
    assert [(e["node"]["eventId"], e["node"]["occurredAt"]) for e in bob["edges"]] == [
        ("EV-C0000002-02", "2025-10-10T12:00:00+02:00"), ("EV-C0000002-01", "2025-04-01T14:00:00+00:00")]


@pytest.mark.parametrize("first", [1, 2, 3, 4, 7])
@pytest.mark.parametrize(("customer_id", "expected"), [
    ("C0000001", ALICE_NEWEST_FIRST), ("C0000002", BOB_NEWEST_FIRST), ("C0000004", ACME_NEWEST_FIRST)])
async def test_pages_follow_cursors_without_gaps_or_duplicates(
    bank: Database, settings: Settings, first: int, customer_id: str, expected: list[str],
) -> None:
    seen: list[str] = []
    after = None
    for _ in range(len(expected) + 1):  # a cursor that does not advance fails instead of looping
        page = await events(bank, settings, customer_id, first=first, after=after)
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen += numbers(page)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == expected


async def test_a_customer_without_events_has_an_empty_page(bank: Database, settings: Settings) -> None:
    assert await events(bank, settings, "C0000003") == {"edges": [], "pageInfo": {
        "hasNextPage": False, "hasPreviousPage": False, "startCursor": None, "endCursor": None}}


# Filters


@pytest.mark.parametrize(("arguments", "expected"), [
    ({"categories": ["SERVICING"]}, ["10", "07", "05", "01"]),
    ({"categories": ["LIFE", "RELATIONSHIP", "LIFE"]}, ["08", "06"]),
    ({"categories": ["FRAUD"]}, ["04", "03"]),
    ({"types": ["BALANCE_ENQUIRY", "CARD_BLOCKED"]}, ["10", "04", "01"]),
    ({"types": ["NO_SUCH_TYPE"]}, []),
    ({"categories": ["SERVICING"], "types": ["BALANCE_ENQUIRY", "CARD_BLOCKED"]}, ["10", "01"]),
    ({"from": "2025-03-01T12:00:00Z"}, ["10", "09", "08", "07", "06", "05", "04", "03"]),  # from is inclusive
    ({"to": "2025-03-01T12:00:00Z"}, ["02", "01"]),  # to is exclusive
    ({"from": "2025-03-01T12:00:00Z", "to": "2025-03-01T12:00:00.000001Z"}, ["05", "04", "03"]),
    ({"from": "2025-05-01T00:00:00", "to": "2025-10-01T00:00:00"}, ["08", "07", "06"]),  # no zone: UTC
    ({"from": "2025-06-01T02:00:00+02:00", "to": "2025-06-01T02:00:01+02:00"}, ["07"]),  # 00:00 UTC
])
async def test_filters(bank: Database, settings: Settings, arguments: dict[str, Any], expected: list[str]) -> None:
    assert numbers(await events(bank, settings, **arguments)) == expected


async def test_a_filtered_timeline_pages_through_its_matches(bank: Database, settings: Settings) -> None:
    first = await events(bank, settings, first=2, categories=["SERVICING", "FRAUD"])
    rest = await events(bank, settings, first=5, categories=["SERVICING", "FRAUD"], after=first["pageInfo"]["endCursor"])
    assert (numbers(first), numbers(rest), rest["pageInfo"]["hasNextPage"]) == (["10", "07"], ["05", "04", "03", "01"], False)


# Validation and visibility


@pytest.mark.parametrize(("arguments", "field", "message"), [
    ({"from": "2025-06-01T00:00:00Z", "to": "2025-06-01T00:00:00Z"}, "to",
     "`to` (2025-06-01T00:00:00+00:00) must be after `from` (2025-06-01T00:00:00+00:00)"),
    ({"from": "2025-06-01T00:00:00Z", "to": "2025-06-01T01:00:00+02:00"}, "to",
     "`to` (2025-06-01T01:00:00+02:00) must be after `from` (2025-06-01T00:00:00+00:00)"),
    ({"first": 0}, "first", "first must be between 1 and 100, got 0"),
    ({"first": 101}, "first", "first must be between 1 and 100, got 101"),
    ({"after": "not-a-cursor"}, "after", "after is not a cursor from this list; pass an endCursor you received"),
    ({"after": encode_cursor("customer", "C0000001")}, "after",
     "after is not a cursor from this list; pass an endCursor you received"),
    ({"after": encode_cursor("event", "yesterday|EV-C0000001-01")}, "after",
     "after is not a cursor from this list; pass an endCursor you received"),
    ({"after": encode_cursor("event", "2025-01-10T09:00:00Z|")}, "after",
     "after is not a cursor from this list; pass an endCursor you received"),
    ({"after": encode_cursor("event", "2025-13-45T09:00:00Z|EV-C0000001-01")}, "after",
     "after is not a cursor from this list; pass an endCursor you received"),
    ({"after": encode_cursor("event", "2025-01-10T09:00:00+01:00[Nowhere/Atlantis]|EV-C0000001-01")}, "after",
     "after is not a cursor from this list; pass an endCursor you received"),
    ({"categories": []}, "categories", "categories must name at least one category; leave it out for all"),
    ({"types": []}, "types", "types must name at least one event type; leave it out for all"),
])
async def test_bad_arguments_are_validation_errors(
    bank: Database, settings: Settings, arguments: dict[str, Any], field: str, message: str,
) -> None:
    assert await fails(bank, settings, EVENTS, ADMIN, id="C0000001", **arguments) == {
        "message": message, "code": "VALIDATION", "field": field}


@pytest.mark.parametrize(("roles", "alice", "acme"), [
    (ADMIN, ALICE_NEWEST_FIRST, ACME_NEWEST_FIRST),
    (ADMIN, ALICE_NEWEST_FIRST, ACME_NEWEST_FIRST),
    (FRONTEND, ["10", "09", "08", "07", "06", "05", "02", "01"], ["03", "04", "02"]),
    (ANALYST, ["10", "09", "08", "07", "06", "05", "02", "01"], ["03", "04", "02"]),
])
async def test_fraud_events_only_for_relationship_managers_and_admins(
    bank: Database, settings: Settings, roles: frozenset[Role], alice: list[str], acme: list[str],
) -> None:
    assert numbers(await events(bank, settings, "C0000001", roles)) == alice
    assert numbers(await events(bank, settings, "C0000004", roles)) == acme


@pytest.mark.parametrize("roles", [FRONTEND, ANALYST])
@pytest.mark.parametrize("categories", [["FRAUD"], ["SALES", "FRAUD"]])
async def test_asking_for_fraud_events_without_the_role_is_forbidden(
    bank: Database, settings: Settings, roles: frozenset[Role], categories: list[str],
) -> None:
    assert await fails(bank, settings, EVENTS, roles, id="C0000001", categories=categories) == {
        "message": "FRAUD events are shown only to relationship managers and admins", "code": "FORBIDDEN",
        "field": "categories"}


def test_an_event_ignores_properties_it_does_not_show() -> None:
    row = {"eventId": "EV-1", "category": "LIFE", "type": "BIRTH", "occurredAt": None, "customerId": "C1",
           "concerns": ["P-1"], "capturedBy": "crm"}
    event = CustomerEvent.from_record(row)
    assert (event.event_id, event.category.value, event.channel, event.record, event.result) == ("EV-1", "LIFE", None, None, None)


# Cost


PAGE_WITH_EVENTS = """
query ($first: Int) {
  customers(first: $first) { edges { node {
    customerId
    events(first: 2) { edges { node { eventId } } pageInfo { hasNextPage } }
    older: events(first: 1, to: "2025-03-01T00:00:00Z") { edges { node { eventId } } }
  } } }
}
"""


async def test_round_trips_for_a_page_of_customers_do_not_grow_with_its_size(bank: Database, settings: Settings) -> None:
    costs = {}
    resolvers_only = dataclasses.replace(settings, compiled_reads=False)  # the resolver path's batching
    for first in (1, 3, 6):
        result, context = await execute(bank, resolvers_only, PAGE_WITH_EVENTS, {"first": first}, FRONTEND)
        assert result.errors is None, result.errors
        costs[first] = context.db.round_trips
        compiled, compiled_context = await execute(bank, settings, PAGE_WITH_EVENTS, {"first": first}, FRONTEND)
        assert compiled.data == result.data and compiled_context.db.round_trips == 1  # resolvers/compiled/
    # The page, then one statement per distinct set of `events` arguments, whatever the page size.
    assert costs == {1: 3, 3: 3, 6: 3}
    assert [(node["customerId"], [e["node"]["eventId"] for e in node["events"]["edges"]],
             node["events"]["pageInfo"]["hasNextPage"], [e["node"]["eventId"] for e in node["older"]["edges"]])
            for node in (edge["node"] for edge in result.data["customers"]["edges"])] == [  # type: ignore[index]
        ("C0000001", ["EV-C0000001-10", "EV-C0000001-09"], True, ["EV-C0000001-02"]),
        ("C0000002", ["EV-C0000002-02", "EV-C0000002-01"], False, []),
        ("C0000003", [], False, []),
        ("C0000004", ["EV-C0000004-03", "EV-C0000004-04"], True, ["EV-C0000004-02"]),
        ("C0000005", [], False, []),
        ("C0000006", [], False, []),
    ]


MANY_EVENTS = """
MATCH (log:CustomerEventLog {customerId: $customerId})
UNWIND range(1, $count) AS n
CREATE (log)-[:RECORDED]->(:Event:ServicingEvent {
  eventId: 'EV-' + $customerId + '-' + right('00000' + toString(n), 5), customerId: $customerId,
  category: CASE WHEN n % 10 = 0 THEN 'FRAUD' ELSE 'SERVICING' END, type: 'BALANCE_ENQUIRY', channel: 'WEB',
  occurredAt: datetime('2024-01-01T00:00:00Z') + duration({minutes: n / 3}), record: 'Balance enquiry', result: 'RESOLVED'
})
"""


async def profile(bank: Database, customer_ids: list[str], mode: str = "PROFILE", roles: frozenset[Role] = ALL_ROLES,
                  **arguments: Any) -> Any:
    """The plan of the statement `events` runs for these arguments (executed and measured with PROFILE)."""
    page = timeline_page(Principal("tester", roles), arguments.pop("first", 20), arguments.pop("after", None),
                         None, None, None, None)
    return await plan_afresh(bank, mode, EVENTS_OF_CUSTOMERS, customerIds=customer_ids, **page.params())


def operators(plan: Any) -> list[tuple[str, str]]:
    """(operator, details) of every step of a plan, as PROFILE (dicts) or EXPLAIN (objects) gives it."""
    if isinstance(plan, dict):
        step = (plan["operatorType"].split("@")[0], plan.get("args", {}).get("Details", ""))
        return [step, *(op for child in plan.get("children", []) for op in operators(child))]
    step = (plan.operator_type.split("@")[0], plan.arguments.get("Details", ""))
    return [step, *(op for child in plan.children for op in operators(child))]


def db_hits(plan: dict[str, Any]) -> int:
    return int(plan.get("dbHits", 0)) + sum(db_hits(child) for child in plan.get("children", []))


async def test_the_timeline_seeks_the_index_and_reads_it_in_order(bank: Database) -> None:
    plan = operators(await profile(bank, ["C0000001"], "EXPLAIN"))
    names = {name for name, _ in plan}
    seeks = [details for name, details in plan if name == "NodeIndexSeek"]
    assert len(seeks) == 1 and seeks[0].startswith("RANGE INDEX e:Event(customerId, occurredAt) WHERE customerId = customerId")
    # The index gives the order: a partial top over its output, no sort of all events, no union of seeks.
    assert "PartialTop" in names
    assert not names & {"Top", "Sort", "Union", "AllNodesScan", "NodeByLabelScan", "NodeIndexScan"}
    indexes = await bank.read("SHOW INDEXES YIELD name, labelsOrTypes, properties WHERE 'Event' IN labelsOrTypes "
                              "AND properties = ['customerId', 'occurredAt'] RETURN name")
    assert indexes == [{"name": "event_customer_timeline"}]


async def test_a_page_costs_the_same_whatever_the_customer_s_event_count(bank: Database) -> None:
    for customer_id, count in (("C0000005", 100), ("C0000006", 5000)):
        await bank.write(MANY_EVENTS, customerId=customer_id, count=count)
    small, large = [db_hits(await profile(bank, [c])) for c in ("C0000005", "C0000006")]
    # A page deep into the long timeline (a cursor at its 4,000th newest event) costs the same too.
    cursor = encode_cursor("event", "2024-01-01T05:33:00Z|EV-C0000006-01000")
    deep = db_hits(await profile(bank, ["C0000006"], after=cursor))
    hidden = db_hits(await profile(bank, ["C0000006"], roles=FRONTEND))  # 1 in 10 left out: reads ~10% more
    assert small < 400 and abs(large - small) <= 10 and abs(deep - small) <= 10, (small, large, deep)
    assert hidden < 1.3 * small, (small, hidden)
