"""The README's GraphQL examples, run in order against a demo bank loaded today.

Every ```graphql block of README.md goes through the real app in development mode (no token: the
local developer, every role), in the order a reader runs them. Each must answer without errors and
show what the README says it shows; none may break the next. `AL-...` and `LD-...` stand for the
allocation and the lead the previous examples returned, as the README tells the reader.

The bank is smaller than `make run`'s to keep the test short: the story (graph/seed/story.py),
its RMs' ids included, is the same at any scale, so the README's ids are used as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from graphql import FieldNode, OperationDefinitionNode, parse
from starlette.testclient import TestClient

from app import DEMO_CUSTOMERS, DEMO_SEED, create_app
from gateway.settings import Settings
from graph.database import Database
from graph.seed import seed_bank, story
from graph.seed.generator import load_day, reference_data

README = Path(__file__).resolve().parent.parent / "README.md"
CUSTOMERS = 200
README_RM = "R000001"  # Alice's relationship manager at every scale, as the README names her
Data = dict[str, Any]


def readme_examples() -> list[str]:
    return re.findall(r"```graphql\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def root_fields(document: str) -> list[str]:
    operation = parse(document).definitions[0]
    assert isinstance(operation, OperationDefinitionNode)
    return [field.name.value for field in operation.selection_set.selections if isinstance(field, FieldNode)]


def nodes(connection: Data) -> list[Data]:
    return [edge["node"] for edge in connection["edges"]]


# What each example must show, by its root field: (what the README promises, the check).
SHOWS: dict[str, tuple[str, Callable[[Data], bool]]] = {
    "customers": ("premier customers with a household and related parties",
                  lambda d: any(n["household"] and n["relatedParties"] for n in nodes(d["customers"]))),
    "customer": ("a profile with active indicators, or a timeline with events",
                 lambda d: bool((d["customer"].get("routingProfile") or {}).get("activeIndicators")
                                or nodes(d["customer"].get("events") or {"edges": []}))),
    "indicatorTypes": ("the alert types", lambda d: bool(d["indicatorTypes"])),
    "captureRoutingStatus": ("the status recorded", lambda d: bool(d["captureRoutingStatus"]["indicatorId"])),
    "captureLifeEvent": ("the event and the leads it suggests",
                         lambda d: bool(d["captureLifeEvent"]["eventId"] and d["captureLifeEvent"]["suggestedLeads"])),
    "routingCandidates": ("someone chosen, sales not blocked",
                          lambda d: d["routingCandidates"]["chosen"] is not None
                          and not d["routingCandidates"]["salesBlocked"]),
    "requestAllocation": ("an allocation", lambda d: bool(d["requestAllocation"]["allocation"]["allocationId"])),
    "initiateLead": ("a lead with an owner",
                     lambda d: d["initiateLead"]["lead"]["owner"] is not None),
    "evaluateLead": ("an evaluation that passes", lambda d: d["evaluateLead"]["passed"] is True),
    "updateLead": ("the lead moved on", lambda d: d["updateLead"]["status"] == "QUALIFYING"),
    "relationshipManagerBook": ("a plan due for review",
                                lambda d: bool(d["relationshipManagerBook"]["plansDueForReview"]["items"])),
    "relationshipActivityReview": ("someone flagged, with a plan or an agenda",
                                   lambda d: bool(d["relationshipActivityReview"]["flagged"])),
    "relationshipPlan": ("the plan with goals and contacts",
                         lambda d: bool(d["relationshipPlan"]["goals"] and d["relationshipPlan"]["contacts"])),
}


def alices_rm(customers: int) -> str:
    _, workforce = reference_data(customers, DEMO_SEED, load_day())
    return story.relationship_managers(workforce)[story.PREMIER_TEAM]


# The guides' analytics with their default windows (the last 90 days, ending now): the story's
# activity shows without any date (docs/lead-and-opportunity.md, docs/customer-event-history.md).
GUIDE_ANALYTICS = """{
  leadFunnel { total { captured } }
  leadConversionByResource { resources { resourceId openLeads } }
  customerEventTrend(customerId: "C0000002", days: 90) { recent earlier direction }
}"""


@pytest.fixture
async def demo_bank(clean_graph: Database) -> Database:
    """The demo bank's seed at a smaller scale, dated from today (seed_bank's default)."""
    await seed_bank(clean_graph, customers=CUSTOMERS, seed=DEMO_SEED, progress=False)
    return clean_graph


def test_the_readme_names_alices_relationship_manager_in_the_bank_make_run_loads() -> None:
    assert alices_rm(DEMO_CUSTOMERS) == README_RM
    assert f'"{README_RM}"' in README.read_text(encoding="utf-8")


def test_the_readme_examples_run_in_order_and_each_shows_something_as_do_the_default_analytics(
        settings: Settings, demo_bank: Database) -> None:
    examples = readme_examples()
    assert len(examples) >= 10, "the README's examples went missing"
    assert alices_rm(CUSTOMERS) == README_RM
    returned = {"AL": "AL-...", "LD": "LD-..."}
    with TestClient(create_app(replace(settings, dev_mode=True, production=False))) as client:
        for number, example in enumerate(examples, start=1):
            document = example.replace('"AL-..."', f'"{returned["AL"]}"').replace('"LD-..."', f'"{returned["LD"]}"')
            answer = client.post("/graphql", json={"query": document}).json()
            assert "errors" not in answer, f"example {number}:\n{example}\n{answer}"
            for field in root_fields(document):
                promise, shows = SHOWS[field]
                assert shows(answer["data"]), f"example {number} should show {promise}:\n{example}\n{answer}"
            if "routingCandidates" in answer["data"]:  # the README says her own RM is chosen
                assert answer["data"]["routingCandidates"]["chosen"]["resource"]["resourceId"] == README_RM, answer
            if "requestAllocation" in answer["data"]:
                returned["AL"] = answer["data"]["requestAllocation"]["allocation"]["allocationId"]
            if "initiateLead" in answer["data"]:
                returned["LD"] = answer["data"]["initiateLead"]["lead"]["leadId"]
        analytics = client.post("/graphql", json={"query": GUIDE_ANALYTICS}).json()
    assert "errors" not in analytics, analytics
    assert analytics["data"]["leadFunnel"]["total"]["captured"] >= 2  # Alice's open lead and the README's
    owners = {row["resourceId"]: row["openLeads"] for row in analytics["data"]["leadConversionByResource"]["resources"]}
    assert owners.get(README_RM, 0) >= 2  # the RM owns both of Alice's open leads
    assert analytics["data"]["customerEventTrend"] == {"recent": 1, "earlier": 5, "direction": "FALLING"}  # Bob
