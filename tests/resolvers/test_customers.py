"""The first vertical slice: customer and customers against the real Neo4j."""

from __future__ import annotations

import dataclasses

import pytest

from gateway.settings import Settings
from graph.database import Database
from resolvers.pagination import encode_cursor
from tests.support import bank_graph, execute

CUSTOMER_WITH_NETWORK = """
query ($id: ID!) {
  customer(customerId: $id) {
    customerId name kind segment status language country customerSince
    holdings { status since product { productId name family } }
    household { householdId name role members { role customer { customerId name } } }
    relatedParties { role kind since party { customerId name } }
  }
}
"""


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database)


async def test_customer_with_holdings_household_and_related_parties(bank: Database, settings: Settings) -> None:
    result, _ = await execute(bank, settings, CUSTOMER_WITH_NETWORK, {"id": "C0000001"})
    assert result.errors is None
    assert result.data == {"customer": {
        "customerId": "C0000001", "name": "Alice Martin", "kind": "PERSON", "segment": "PREMIER",
        "status": "ACTIVE", "language": "en", "country": "GB", "customerSince": "2015-03-01",
        "holdings": [
            {"status": "ACTIVE", "since": "2019-06-01",
             "product": {"productId": "P-MORTGAGE-FIXED", "name": "Fixed-Rate Mortgage", "family": "LENDING"}},
            {"status": "ACTIVE", "since": "2015-03-01",
             "product": {"productId": "P-CURRENT", "name": "Current Account", "family": "DEPOSITS"}},
            {"status": "CLOSED", "since": "2016-02-01",
             "product": {"productId": "P-CARD-GOLD", "name": "Gold Credit Card", "family": "CARDS"}},
        ],
        "household": {"householdId": "H0000001", "name": "Martin household", "role": "HEAD", "members": [
            {"role": "HEAD", "customer": {"customerId": "C0000001", "name": "Alice Martin"}},
            {"role": "PARTNER", "customer": {"customerId": "C0000002", "name": "Bob Martin"}},
            {"role": "DEPENDANT", "customer": {"customerId": "C0000003", "name": "Chloe Martin"}},
        ]},
        "relatedParties": [
            {"role": "CHILD", "kind": "PARENT", "since": "2005-02-11", "party": {"customerId": "C0000003", "name": "Chloe Martin"}},
            {"role": "DIRECTED_COMPANY", "kind": "DIRECTOR", "since": "2020-01-01",
             "party": {"customerId": "C0000004", "name": "Acme Widgets Ltd"}},
            {"role": "EMPLOYER", "kind": "EMPLOYER", "since": "2018-04-01",
             "party": {"customerId": "C0000004", "name": "Acme Widgets Ltd"}},
            {"role": "SPOUSE", "kind": "SPOUSE", "since": "2014-06-21", "party": {"customerId": "C0000002", "name": "Bob Martin"}},
        ],
    }}


async def test_related_parties_read_from_the_other_end(bank: Database, settings: Settings) -> None:
    query = "query ($id: ID!) { customer(customerId: $id) { relatedParties { role party { customerId } } household { name } } }"
    result, _ = await execute(bank, settings, query, {"id": "C0000004"})
    assert result.data == {"customer": {"household": None, "relatedParties": [
        {"role": "DIRECTOR", "party": {"customerId": "C0000001"}},
        {"role": "EMPLOYEE", "party": {"customerId": "C0000001"}},
        {"role": "GUARANTOR", "party": {"customerId": "C0000005"}},
        {"role": "PARENT_COMPANY", "party": {"customerId": "C0000006"}},
    ]}}


async def test_unknown_customer_is_not_found(bank: Database, settings: Settings) -> None:
    result, _ = await execute(bank, settings, "{ customer(customerId: \"C9999999\") { name } }")
    assert result.data == {"customer": None}
    assert [(e.message, e.extensions) for e in result.errors] == [
        ("no customer has the id C9999999", {"code": "NOT_FOUND", "field": "customerId"})]


PAGE = """
query ($first: Int, $after: String, $filter: CustomerFilter) {
  customers(first: $first, after: $after, filter: $filter) {
    edges { cursor node { customerId } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


def ids(result: object) -> list[str]:
    return [edge["node"]["customerId"] for edge in result.data["customers"]["edges"]]  # type: ignore[attr-defined]


async def test_customers_pages_follow_cursors_to_the_end(bank: Database, settings: Settings) -> None:
    seen: list[str] = []
    after = None
    while True:
        result, _ = await execute(bank, settings, PAGE, {"first": 4, "after": after})
        assert result.errors is None
        seen += ids(result)
        info = result.data["customers"]["pageInfo"]
        assert info["hasPreviousPage"] is (after is not None)
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]
    assert seen == ["C0000001", "C0000002", "C0000003", "C0000004", "C0000005", "C0000006"]
    assert result.data["customers"]["pageInfo"]["endCursor"] == encode_cursor("customer", "C0000006")


@pytest.mark.parametrize(("filter_", "expected"), [
    ({"segment": "CORPORATE"}, ["C0000004", "C0000006"]),
    ({"status": "DORMANT"}, ["C0000005"]),
    ({"namePrefix": "Acme"}, ["C0000004", "C0000006"]),
    ({"namePrefix": "acme h"}, ["C0000006"]),
    ({"namePrefix": "MARTIN"}, []),
    ({"kind": "PERSON", "segment": "PREMIER"}, ["C0000001", "C0000002"]),
    ({"namePrefix": "Zed"}, []),
])
async def test_customers_filter(bank: Database, settings: Settings, filter_: dict[str, str], expected: list[str]) -> None:
    result, _ = await execute(bank, settings, PAGE, {"first": 10, "filter": filter_})
    assert result.errors is None
    assert ids(result) == expected


async def test_empty_page_has_no_cursors(bank: Database, settings: Settings) -> None:
    result, _ = await execute(bank, settings, PAGE, {"filter": {"namePrefix": "Zed"}})
    assert result.data["customers"]["pageInfo"] == {
        "hasNextPage": False, "hasPreviousPage": False, "startCursor": None, "endCursor": None}


@pytest.mark.parametrize(("variables", "field", "message"), [
    ({"first": 0}, "first", "first must be between 1 and 100, got 0"),
    ({"first": 101}, "first", "first must be between 1 and 100, got 101"),
    ({"after": "not-a-cursor"}, "after", "after is not a cursor from this list; pass an endCursor you received"),
    ({"after": encode_cursor("event", "E1")}, "after", "after is not a cursor from this list; pass an endCursor you received"),
])
async def test_bad_paging_input_is_a_validation_error(
    bank: Database, settings: Settings, variables: dict[str, object], field: str, message: str,
) -> None:
    result, _ = await execute(bank, settings, PAGE, variables)
    assert result.data is None
    assert [(e.message, e.extensions) for e in result.errors] == [(message, {"code": "VALIDATION", "field": field})]


NETWORK_PAGE = """
query ($first: Int) {
  customers(first: $first) { edges { node {
    customerId holdings { product { productId } }
    household { name members { customer { customerId } } }
    relatedParties { role party { customerId holdings { status } } }
  } } }
}
"""


async def test_round_trips_do_not_grow_with_page_size(bank: Database, settings: Settings) -> None:
    costs, compiled = {}, {}
    # The resolver path (GATEWAY_COMPILED_READS=0, and the fallback of what does not compile) batches.
    resolvers_only = dataclasses.replace(settings, compiled_reads=False)
    for first in (1, 3, 6):
        result, context = await execute(bank, resolvers_only, NETWORK_PAGE, {"first": first})
        assert result.errors is None and len(result.data["customers"]["edges"]) == first
        costs[first] = context.db.round_trips
        _, compiled_context = await execute(bank, settings, NETWORK_PAGE, {"first": first})
        compiled[first] = compiled_context.db.round_trips
    # page, holdings, households, members, related parties, the parties' holdings: at most six,
    # whatever the size; with the whole bank on one page the parties' holdings are already loaded.
    assert costs == {1: 6, 3: 6, 6: 5}
    assert compiled == {1: 1, 3: 1, 6: 1}  # compiled (resolvers/compiled/): one statement
