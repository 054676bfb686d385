"""Lead analytics against tests/data/lead_analytics.cypher: funnel, conversion per owner, ageing, portfolio.

The figures are worked out by hand from the fixture's thirteen leads. How far each lead in
January-March 2026 got (0 CAPTURED .. 4 WON): L01 WON 4, L02 LOST 3, L03 OFFER_INITIATED 3,
L04 CAPTURED 0, L05 REJECTED but its events show CONFIRMED 2, L06 EXPIRED without stage events 0,
L07 QUALIFYING 1, L08 CONFIRMED 2, L09 WON 4, L10 CAPTURED 0. L11 and L12 were captured before
2026, L13 on 2 April.
"""

from __future__ import annotations

import datetime
from typing import Any, LiteralString

import pytest

from domains.lead_and_opportunity_management import analytics
from domains.lead_and_opportunity_management.vocabulary import OPEN_STATUSES
from gateway.security.auth import Role
from gateway.settings import Settings
from graph.database import Database
from resolvers.lead_and_opportunity_management.vocabulary import LeadStatus
from tests.support import ADMIN, ANALYST, FRONTEND, RM, bank_graph, execute, fails, plan_afresh

STAGES = "campaignType product { productId } captured qualifying confirmed offerInitiated won lost rejected " \
         "expired open qualifyingRate confirmationRate offerRate winRate conversionRate"
FUNNEL = f"""query ($from: DateTime!, $to: DateTime!, $campaignType: CampaignType, $productId: ID) {{
  leadFunnel(from: $from, to: $to, campaignType: $campaignType, productId: $productId) {{
    from to campaignType productId total {{ {STAGES} }} funnels {{ {STAGES} }}
  }}
}}"""
CONVERSION = """query ($from: DateTime!, $to: DateTime!, $resourceId: ID, $limit: Int) {
  leadConversionByResource(from: $from, to: $to, resourceId: $resourceId, limit: $limit) {
    from to owners
    resources { resourceId name closed won lost rejected expired conversionRate averageDaysToClose
                medianDaysToClose openLeads }
  }
}"""
AGEING = """query ($at: DateTime, $buckets: [Int!], $limit: Int) {
  leadAgeing(at: $at, buckets: $buckets, limit: $limit) {
    asOf openLeads
    buckets { minDays maxDays leads byStatus { status leads } }
    oldest { leadId status createdAt ageDays customer { customerId name } product { productId name family }
             owner { resourceId name } }
  }
}"""
PORTFOLIO = """query ($at: DateTime) {
  leadPortfolio(at: $at) {
    asOf leads byStatus { status leads } byClassification { classification leads }
    byCampaignType { campaignType leads } bySource { source leads }
    openPipeline { family openLeads byStatus { status leads } }
  }
}"""
QUARTER: dict[str, Any] = {"from": "2026-01-01T00:00:00Z", "to": "2026-04-01T00:00:00Z"}
END_OF_MARCH = "2026-03-31T00:00:00Z"
OPEN = tuple(status.value for status in LeadStatus if status in OPEN_STATUSES)  # lifecycle order
ALL_STATUSES = (*OPEN, "WON", "LOST", "REJECTED", "EXPIRED")


@pytest.fixture
async def bank(database: Database) -> Database:
    return await bank_graph(database, "lead_analytics")


async def answer(bank: Database, settings: Settings, query: str, roles: frozenset[Role] = ANALYST,
                 **variables: Any) -> Any:
    """The field's data, asserting it succeeded in one round trip."""
    result, context = await execute(bank, settings, query, variables, roles)
    assert result.errors is None, result.errors
    assert context.db.round_trips == 1
    return next(iter(result.data.values()))  # type: ignore[union-attr]


def stages(campaign: str | None, product: str | None, *counts: int, rates: tuple[float | None, ...]) -> dict[str, Any]:
    """A funnel: captured, qualifying, confirmed, offerInitiated, won, lost, rejected, expired, open; then rates."""
    names = ("captured", "qualifying", "confirmed", "offerInitiated", "won", "lost", "rejected", "expired", "open")
    rate_names = ("qualifyingRate", "confirmationRate", "offerRate", "winRate", "conversionRate")
    return {"campaignType": campaign, "product": None if product is None else {"productId": product},
            **dict(zip(names, counts, strict=True)), **dict(zip(rate_names, rates, strict=True))}


def by_status(counts: dict[str, int], statuses: tuple[str, ...] = OPEN) -> list[dict[str, Any]]:
    return [{"status": status, "leads": counts.get(status, 0)} for status in statuses]


def owner(resource_id: str, name: str, closed: int, won: int, lost: int, rejected: int, expired: int,
          rate: float | None, average: float | None, median: float | None, open_leads: int) -> dict[str, Any]:
    return {"resourceId": resource_id, "name": name, "closed": closed, "won": won, "lost": lost, "rejected": rejected,
            "expired": expired, "conversionRate": rate, "averageDaysToClose": average, "medianDaysToClose": median,
            "openLeads": open_leads}


RITA = ("R000201", "Rita Owen")
SAM = ("R000202", "Sam Price")


async def test_the_funnel_of_a_quarter_per_campaign_type_and_product(bank: Database, settings: Settings) -> None:
    funnel = await answer(bank, settings, FUNNEL, **QUARTER)
    assert funnel == {
        "from": "2026-01-01T00:00:00+00:00", "to": "2026-04-01T00:00:00+00:00", "campaignType": None,
        "productId": None,
        # L01-L10; reached >= 1: 7, >= 2: 6, >= 3: 4 (L01, L02, L03, L09); open: L03, L04, L07, L08, L10.
        "total": stages(None, None, 10, 7, 6, 4, 2, 1, 1, 1, 5, rates=(0.7, 0.8571, 0.6667, 0.5, 0.2)),
        "funnels": [
            # L01 4, L02 3, L03 3, L04 0
            stages("CROSS_SELL", "P-CARD-GOLD", 4, 3, 3, 3, 1, 1, 0, 0, 2, rates=(0.75, 1.0, 1.0, 0.3333, 0.25)),
            # L05 rejected after CONFIRMED (its events), L06 expired at CAPTURED
            stages("CROSS_SELL", "P-MORTGAGE-FIXED", 2, 1, 1, 0, 0, 0, 1, 1, 0, rates=(0.5, 1.0, 0.0, None, 0.0)),
            # L08 2, L09 4
            stages("RETENTION", "P-CURRENT", 2, 2, 2, 1, 1, 0, 0, 0, 1, rates=(1.0, 1.0, 0.5, 1.0, 0.5)),
            stages("UP_SELL", "P-MORTGAGE-FIXED", 1, 1, 0, 0, 0, 0, 0, 0, 1, rates=(1.0, 0.0, None, None, 0.0)),
            # L10 has no campaign type: last
            stages(None, "P-CURRENT", 1, 0, 0, 0, 0, 0, 0, 0, 1, rates=(0.0, None, None, None, 0.0)),
        ],
    }


async def test_the_funnel_window_includes_from_and_excludes_to(bank: Database, settings: Settings) -> None:
    # L01 at 01-05 00:00 is in; L03 and L09 at 02-01 00:00 are out; L06 (01-02) is before.
    funnel = await answer(bank, settings, FUNNEL, **{"from": "2026-01-05T00:00:00", "to": "2026-02-01T00:00:00Z"})
    assert funnel["from"] == "2026-01-05T00:00:00+00:00"  # no zone: UTC
    assert funnel["total"] == stages(None, None, 3, 3, 3, 2, 1, 1, 1, 0, 0, rates=(1.0, 1.0, 0.6667, 0.5, 0.3333))
    assert [(f["campaignType"], f["product"]["productId"], f["captured"]) for f in funnel["funnels"]] == [
        ("CROSS_SELL", "P-CARD-GOLD", 2), ("CROSS_SELL", "P-MORTGAGE-FIXED", 1)]


async def test_the_funnel_counts_only_the_campaign_type_or_product_asked_for(
        bank: Database, settings: Settings) -> None:
    cross_sell = await answer(bank, settings, FUNNEL, campaignType="CROSS_SELL", **QUARTER)
    assert cross_sell["campaignType"] == "CROSS_SELL"
    assert cross_sell["total"] == stages(None, None, 6, 4, 4, 3, 1, 1, 1, 1, 2,
                                         rates=(0.6667, 1.0, 0.75, 0.3333, 0.1667))
    assert [f["product"]["productId"] for f in cross_sell["funnels"]] == ["P-CARD-GOLD", "P-MORTGAGE-FIXED"]
    current = await answer(bank, settings, FUNNEL, productId="P-CURRENT", **QUARTER)
    assert current["productId"] == "P-CURRENT"
    assert current["total"] == stages(None, None, 3, 2, 2, 1, 1, 0, 0, 0, 2, rates=(0.6667, 1.0, 0.5, 1.0, 0.3333))
    assert [f["campaignType"] for f in current["funnels"]] == ["RETENTION", None]
    both = await answer(bank, settings, FUNNEL, campaignType="UP_SELL", productId="P-CURRENT", **QUARTER)
    assert both["total"] == stages(None, None, 0, 0, 0, 0, 0, 0, 0, 0, 0, rates=(None, None, None, None, None))
    assert both["funnels"] == []


async def test_conversion_per_owner_over_a_quarter(bank: Database, settings: Settings) -> None:
    conversion = await answer(bank, settings, CONVERSION, roles=RM, **QUARTER)
    assert conversion == {
        "from": "2026-01-01T00:00:00+00:00", "to": "2026-04-01T00:00:00+00:00", "owners": 2,
        "resources": [
            # L01 won in 10 days, L02 lost in 20.5, L11 (captured in 2025) won in 70; open: L03, L07, L12.
            owner(*RITA, 3, 2, 1, 0, 0, 0.6667, 33.5, 20.5, 3),
            # L05 rejected in 30 days, L06 expired in 60, L09 won in 4; open: L04, L08, L13 (captured in April).
            owner(*SAM, 3, 1, 0, 1, 1, 0.3333, 31.33, 30.0, 3),
        ],
    }


async def test_conversion_lists_owners_with_open_leads_only_and_honours_the_limit(
        bank: Database, settings: Settings) -> None:
    february: dict[str, Any] = {"from": "2026-02-01T00:00:00Z", "to": "2026-03-01T00:00:00Z"}
    conversion = await answer(bank, settings, CONVERSION, **february)
    assert conversion["owners"] == 2 and conversion["resources"] == [
        owner(*SAM, 2, 1, 0, 1, 0, 0.5, 17.0, 17.0, 3),  # L09 won in 4 days, L05 rejected in 30
        owner(*RITA, 0, 0, 0, 0, 0, None, None, None, 3),  # nothing closed, three open
    ]
    first = await answer(bank, settings, CONVERSION, limit=1, **QUARTER)
    assert first["owners"] == 2 and [r["resourceId"] for r in first["resources"]] == ["R000201"]


async def test_conversion_of_one_owner_lists_it_even_without_leads(bank: Database, settings: Settings) -> None:
    sam = await answer(bank, settings, CONVERSION, resourceId="R000202", **QUARTER)
    assert sam["owners"] == 1 and sam["resources"] == [owner(*SAM, 3, 1, 0, 1, 1, 0.3333, 31.33, 30.0, 3)]
    tom = await answer(bank, settings, CONVERSION, resourceId="R000203", **QUARTER)
    assert tom["owners"] == 1 and tom["resources"] == [
        owner("R000203", "Tom Quinn", 0, 0, 0, 0, 0, None, None, None, 0)]


async def test_ageing_of_the_open_leads_at_the_end_of_march(bank: Database, settings: Settings) -> None:
    ageing = await answer(bank, settings, AGEING, at=END_OF_MARCH)

    def aged(lead_id: str, status: str, created: str, days: int, customer: tuple[str, str],
             product: tuple[str, str, str], owned_by: tuple[str, str] | None) -> dict[str, Any]:
        return {"leadId": lead_id, "status": status, "createdAt": created, "ageDays": days,
                "customer": {"customerId": customer[0], "name": customer[1]},
                "product": {"productId": product[0], "name": product[1], "family": product[2]},
                "owner": None if owned_by is None else {"resourceId": owned_by[0], "name": owned_by[1]}}

    card = ("P-CARD-GOLD", "Gold Credit Card", "CARDS")
    mortgage = ("P-MORTGAGE-FIXED", "Fixed-Rate Mortgage", "LENDING")
    current = ("P-CURRENT", "Current Account", "DEPOSITS")
    assert ageing == {
        "asOf": "2026-03-31T00:00:00+00:00",
        "openLeads": 6,  # L13 is captured after `at`
        "buckets": [
            {"minDays": 0, "maxDays": 7, "leads": 2, "byStatus": by_status({"CAPTURED": 2})},  # L04 6 days, L10 0
            {"minDays": 8, "maxDays": 30, "leads": 1, "byStatus": by_status({"QUALIFYING": 1})},  # L07 11
            {"minDays": 31, "maxDays": 90, "leads": 2,
             "byStatus": by_status({"CONFIRMED": 1, "OFFER_INITIATED": 1})},  # L08 44, L03 58
            {"minDays": 91, "maxDays": None, "leads": 1, "byStatus": by_status({"CAPTURED": 1})},  # L12 120
        ],
        "oldest": [
            aged("L12", "CAPTURED", "2025-12-01T00:00:00+00:00", 120, ("C0000006", "Acme Holdings plc"), mortgage, RITA),
            aged("L03", "OFFER_INITIATED", "2026-02-01T00:00:00+00:00", 58, ("C0000003", "Chloe Martin"), card, RITA),
            aged("L08", "CONFIRMED", "2026-02-15T00:00:00+00:00", 44, ("C0000005", "Dieter Braun"), current, SAM),
            aged("L07", "QUALIFYING", "2026-03-20T00:00:00+00:00", 11, ("C0000001", "Alice Martin"), mortgage, RITA),
            aged("L04", "CAPTURED", "2026-03-25T00:00:00+00:00", 6, ("C0000004", "Acme Widgets Ltd"), card, SAM),
            aged("L10", "CAPTURED", "2026-03-30T12:00:00+00:00", 0, ("C0000004", "Acme Widgets Ltd"), current, None),
        ],
    }


async def test_ageing_buckets_include_their_upper_bound(bank: Database, settings: Settings) -> None:
    ageing = await answer(bank, settings, AGEING, roles=ADMIN, at=END_OF_MARCH, buckets=[6, 11], limit=0)
    assert ageing["buckets"] == [
        {"minDays": 0, "maxDays": 6, "leads": 2, "byStatus": by_status({"CAPTURED": 2})},  # L04 is 6 days old
        {"minDays": 7, "maxDays": 11, "leads": 1, "byStatus": by_status({"QUALIFYING": 1})},  # L07 is 11
        {"minDays": 12, "maxDays": None, "leads": 3,
         "byStatus": by_status({"CAPTURED": 1, "CONFIRMED": 1, "OFFER_INITIATED": 1})},
    ]
    assert ageing["oldest"] == []


async def test_the_portfolio_by_status_classification_campaign_type_source_and_family(
        bank: Database, settings: Settings) -> None:
    portfolio = await answer(bank, settings, PORTFOLIO, at="2026-04-30T00:00:00Z")
    assert portfolio == {
        "asOf": "2026-04-30T00:00:00+00:00", "leads": 13,
        "byStatus": by_status({"CAPTURED": 4, "QUALIFYING": 1, "CONFIRMED": 1, "OFFER_INITIATED": 1, "WON": 3,
                               "LOST": 1, "REJECTED": 1, "EXPIRED": 1}, ALL_STATUSES),
        "byClassification": [{"classification": "HOT", "leads": 2}, {"classification": "WARM", "leads": 2},
                             {"classification": "COLD", "leads": 1}, {"classification": None, "leads": 8}],
        "byCampaignType": [{"campaignType": "CROSS_SELL", "leads": 9}, {"campaignType": "UP_SELL", "leads": 1},
                           {"campaignType": "RETENTION", "leads": 2}, {"campaignType": None, "leads": 1}],
        "bySource": [{"source": "SERVICING_INTERACTION", "leads": 2}, {"source": "EVENT", "leads": 1},
                     {"source": "CAMPAIGN", "leads": 5}, {"source": "MANUAL", "leads": 4}, {"source": None, "leads": 1}],
        "openPipeline": [
            {"family": "DEPOSITS", "openLeads": 3, "byStatus": by_status({"CAPTURED": 2, "CONFIRMED": 1})},
            {"family": "CARDS", "openLeads": 2, "byStatus": by_status({"CAPTURED": 1, "OFFER_INITIATED": 1})},
            {"family": "LENDING", "openLeads": 2, "byStatus": by_status({"CAPTURED": 1, "QUALIFYING": 1})},
        ],
    }


async def test_the_portfolio_leaves_out_leads_captured_after_at(bank: Database, settings: Settings) -> None:
    portfolio = await answer(bank, settings, PORTFOLIO, at=END_OF_MARCH)
    assert portfolio["leads"] == 12  # without L13
    assert portfolio["byStatus"][0] == {"status": "CAPTURED", "leads": 3}
    assert portfolio["openPipeline"][0] == {"family": "CARDS", "openLeads": 2,
                                            "byStatus": by_status({"CAPTURED": 1, "OFFER_INITIATED": 1})}


async def test_an_empty_graph_has_zero_counts_and_no_rates(clean_graph: Database, settings: Settings) -> None:
    funnel = await answer(clean_graph, settings, FUNNEL, **QUARTER)
    assert funnel["total"]["captured"] == 0 and funnel["funnels"] == []
    assert (await answer(clean_graph, settings, CONVERSION, **QUARTER))["resources"] == []
    ageing = await answer(clean_graph, settings, AGEING)
    assert ageing["openLeads"] == 0 and [b["leads"] for b in ageing["buckets"]] == [0, 0, 0, 0]
    portfolio = await answer(clean_graph, settings, PORTFOLIO)
    assert portfolio["leads"] == 0 and portfolio["openPipeline"] == []


BAD_INPUT = [
    (FUNNEL, {"from": "2026-04-01T00:00:00Z", "to": "2026-04-01T00:00:00Z"}, "VALIDATION", "to"),
    (FUNNEL, {"from": "2026-04-01T00:00:00Z", "to": "2026-01-01T00:00:00Z"}, "VALIDATION", "to"),
    (FUNNEL, {"from": "2025-01-01T00:00:00Z", "to": "2026-01-03T00:00:00Z"}, "VALIDATION", "to"),
    (FUNNEL, {**QUARTER, "productId": "P-NOPE"}, "NOT_FOUND", "productId"),
    (CONVERSION, {"from": "2026-04-01T00:00:00Z", "to": "2026-03-01T00:00:00Z"}, "VALIDATION", "to"),
    (CONVERSION, {**QUARTER, "limit": 0}, "VALIDATION", "limit"),
    (CONVERSION, {**QUARTER, "limit": 101}, "VALIDATION", "limit"),
    (CONVERSION, {**QUARTER, "resourceId": "R999999"}, "NOT_FOUND", "resourceId"),
    (AGEING, {"buckets": []}, "VALIDATION", "buckets"),
    (AGEING, {"buckets": [30, 7]}, "VALIDATION", "buckets"),
    (AGEING, {"buckets": [7, 7]}, "VALIDATION", "buckets"),
    (AGEING, {"buckets": [-1, 7]}, "VALIDATION", "buckets"),
    (AGEING, {"buckets": [3651]}, "VALIDATION", "buckets"),
    (AGEING, {"buckets": list(range(1, 12))}, "VALIDATION", "buckets"),
    (AGEING, {"limit": -1}, "VALIDATION", "limit"),
    (AGEING, {"limit": 101}, "VALIDATION", "limit"),
]


@pytest.mark.parametrize(("query", "variables", "code", "field"), BAD_INPUT,
                         ids=[f"{q.split('(', 2)[1].split()[-1]}-{n}" for n, (q, *_) in enumerate(BAD_INPUT)])
async def test_bad_input_is_refused_with_the_field_to_change(
        bank: Database, settings: Settings, query: str, variables: dict[str, Any], code: str, field: str) -> None:
    error = await fails(bank, settings, query, ANALYST, **variables)
    assert (error["code"], error["field"]) == (code, field), error


@pytest.mark.parametrize("query", [FUNNEL, CONVERSION, AGEING, PORTFOLIO])
async def test_front_ends_may_not_read_lead_analytics(bank: Database, settings: Settings, query: str) -> None:
    variables = QUARTER if "from" in query.split(")")[0] else {}
    result, context = await execute(bank, settings, query, variables, FRONTEND)
    assert result.errors is not None and len(result.errors) == 1
    assert (result.errors[0].extensions or {}).get("code") == "FORBIDDEN" and context.db.round_trips == 0


@pytest.mark.parametrize("roles", [ANALYST, RM, ADMIN])
async def test_analysts_relationship_managers_and_admins_read_lead_analytics(
        bank: Database, settings: Settings, roles: frozenset[Role]) -> None:
    assert (await answer(bank, settings, PORTFOLIO, roles=roles, at=END_OF_MARCH))["leads"] == 12


MANY_LEADS: LiteralString = """
MATCH (c:Customer {customerId: 'C0000001'}), (p:Product {productId: 'P-CURRENT'}),
      (r:ServicingResource {resourceId: 'R000201'})
UNWIND range(1, 3000) AS n
CREATE (c)-[:HAS_LEAD]->(l:Lead {leadId: 'LB' + n, status: ['CAPTURED', 'WON', 'LOST', 'EXPIRED'][n % 4],
  campaignType: 'CROSS_SELL', source: 'MANUAL', createdAt: datetime('2020-01-01T00:00:00Z') + duration({hours: n}),
  closedAt: CASE WHEN n % 4 > 0 THEN datetime('2020-01-01T00:00:00Z') + duration({hours: n + 48}) END})
CREATE (l)-[:FOR_PRODUCT]->(p)
CREATE (l)-[:OWNED_BY]->(r)
"""
JANUARY = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
APRIL = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
PLANS = [  # statement, its parameters, the indexes its plan must seek
    (analytics.LEAD_FUNNEL, {"from": JANUARY, "to": APRIL, "funnel": {"campaignType": None, "productId": None}},
     ("l:Lead(createdAt) WHERE createdAt >= $from AND createdAt < $to",)),
    (analytics.LEAD_CONVERSION_BY_RESOURCE, {"from": JANUARY, "to": APRIL,
                                             "conversion": {"resourceId": None, "limit": 20}},
     ("l:Lead(closedAt) WHERE closedAt >= $from AND closedAt < $to", "l:Lead(status)")),
    (analytics.LEAD_AGEING, {"at": APRIL, "bounds": [7, 30, 90], "limit": 10}, ("l:Lead(status)",)),
    (analytics.LEAD_PORTFOLIO, {"at": datetime.datetime(2020, 1, 2, tzinfo=datetime.UTC), "portfolio": {
        "statuses": [], "classifications": [], "campaignTypes": [], "sources": []}},
     ("l:Lead(createdAt) WHERE createdAt <= $at", "l:Lead(status)")),
]


def operators(plan: dict[str, Any]) -> list[str]:
    """Every operator of a PROFILE plan with its Details, for a failure message."""
    step = f"{plan['operatorType']}: {plan.get('args', {}).get('Details', '')}"
    return [step, *(op for child in plan.get("children", []) for op in operators(child))]


def seeks(plan: dict[str, Any]) -> list[str]:
    """The Details of every index seek in a PROFILE plan."""
    own = [plan.get("args", {}).get("Details", "")] if "IndexSeek" in plan["operatorType"] else []
    return own + [details for child in plan.get("children", []) for details in seeks(child)]


@pytest.mark.parametrize(("statement", "parameters", "indexes"), PLANS,
                         ids=["funnel", "conversion", "ageing", "portfolio"])
async def test_the_statements_seek_the_lead_indexes(bank: Database, statement: LiteralString,
                                                    parameters: dict[str, Any], indexes: tuple[str, ...]) -> None:
    await bank.write(MANY_LEADS)
    profile = await plan_afresh(bank, "PROFILE", statement, **parameters)
    assert profile is not None
    for index in indexes:
        assert any(index in details for details in seeks(profile)), "\n".join([index, *operators(profile)])


def test_the_statements_name_the_open_statuses_of_the_vocabulary() -> None:
    # The statements list them literally, so the planner seeks lead_status (docs in their headers).
    literal = "[" + ", ".join(f"'{status}'" for status in OPEN) + "]"
    for statement in (analytics.LEAD_FUNNEL, analytics.LEAD_CONVERSION_BY_RESOURCE, analytics.LEAD_AGEING,
                      analytics.LEAD_PORTFOLIO):
        assert literal in statement
