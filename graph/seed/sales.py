"""What each customer holds and what the bank is doing with it: holdings, RM, leads, plans.

Products are suited to the customer's segment and credit rating; a lead never targets a
product the customer already holds, a won lead becomes a holding, and an open lead does not
pass QUALIFYING while a sales-blocking indicator is current (DOMAIN.md: blocks sales).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from graph.seed.chance import Weighted, chance, date_between, instant_between, start_of
from graph.seed.customers import Draft
from graph.seed.profile import Profile
from graph.seed.vocabulary import (
    ANCHOR_PRODUCT,
    CAMPAIGNS,
    CONTACT_STATUSES,
    CONTACT_TYPES,
    DEVELOPMENT_TASK_STATUSES,
    DEVELOPMENT_TASK_TYPES,
    GOAL_RESULTS,
    GOAL_TYPES,
    INCIDENT_SOURCES,
    INCIDENT_STATUSES,
    INCIDENT_TYPES,
    LEAD_SOURCES,
    LEAD_STATUSES,
    OPEN_LEAD_STATUSES,
    PLAN_STATUSES,
    PLAN_TYPES,
    PRODUCTS,
    RM_POOL_FOR_SEGMENT,
    Product,
)
from graph.seed.workforce import Workforce

Row = dict[str, Any]

PRODUCT_BY_ID = {product.product_id: product for product in PRODUCTS}
HOLDING_COUNT = Weighted({1: 20, 2: 32, 3: 25, 4: 14, 5: 9})
MAX_HOLDINGS = 5
_LEAD_STATUS = Weighted(LEAD_STATUSES)
_LEAD_SOURCE = Weighted(LEAD_SOURCES)
_PRIORITY = Weighted({1: 10, 2: 25, 3: 35, 4: 20, 5: 10})
_PLAN_TYPE = Weighted(PLAN_TYPES)
_PLAN_STATUS = Weighted(PLAN_STATUSES)
_TASK_STATUS = Weighted(DEVELOPMENT_TASK_STATUSES)
_INCIDENT_TYPE = Weighted(INCIDENT_TYPES)
_INCIDENT_STATUS = Weighted(INCIDENT_STATUSES)
_CONTACT_TYPE = Weighted(CONTACT_TYPES)
_CONTACT_STATUS = Weighted(CONTACT_STATUSES)
TASKS = {  # taskType -> description
    "ACCOUNT_REVIEW": "Review account usage and balances ahead of the plan review",
    "NEEDS_ANALYSIS": "Analyse the customer's needs for the coming year",
    "PROPOSAL": "Prepare a proposal for the products the plan targets",
    "MARKET_RESEARCH": "Gather market insight on the customer's sector",
    "DOCUMENTATION": "Collect up-to-date financial statements",
    "FOLLOW_UP": "Follow up the actions agreed at the last meeting",
}
INCIDENTS = {  # incidentType -> (description, resolution)
    "COMPLAINT": ("Customer complained about the handling of a request", "Apologised and refunded the fee"),
    "SERVICE_FAILURE": ("A servicing request was not completed", "Request completed and confirmed with the customer"),
    "PRODUCT_FAILURE": ("A product instruction failed in processing", "Instruction re-run successfully"),
    "PAYMENT_ISSUE": ("A payment was not received by the payee", "Payment traced and re-sent"),
    "ACCESS_ISSUE": ("Customer locked out of online banking", "Credentials reset and access restored"),
    "OTHER": ("Customer raised a concern with the relationship manager", "Concern addressed in a call"),
}
CONTACT_PURPOSES = ("Plan review", "Product discussion", "Service follow-up", "Annual review", "Introduce a specialist")
LEAD_ORIGINS = {
    "SERVICING_INTERACTION": "raised during a servicing contact",
    "EVENT": "following a life event",
    "CAMPAIGN": "response to a campaign",
    "MANUAL": "entered by the owner",
}
GOALS = {  # goalType -> (definition, target)
    "GROW_WALLET_SHARE": ("Grow the share of the customer's wallet held with us", "+{n}% balances within 12 months"),
    "RETAIN": ("Keep the relationship through the next renewal", "no product closed for {n} months"),
    "CROSS_SELL": ("Add a product the customer does not hold yet", "{n} new product(s) within 12 months"),
    "DIGITAL_ADOPTION": ("Move routine servicing to digital channels", "{n}% of servicing contacts digital"),
    "RISK_REDUCTION": ("Reduce credit exposure and arrears risk", "exposure down {n}%"),
    "SERVICE_QUALITY": ("Raise satisfaction with servicing", "satisfaction score at least {n}/10"),
}


def suitable_products(draft: Draft) -> list[Product]:
    rating = draft.credit_rating
    return [
        product for product in PRODUCTS
        if draft.get("segment") in product.segments
        and (product.min_credit_rating is None or rating >= product.min_credit_rating)
    ]


def holdings(rng: random.Random, draft: Draft, reference: datetime) -> list[Row]:
    """1-5 products for customers, starting with their anchor account; none for prospects."""
    if draft.get("status") == "PROSPECT":
        return []
    anchor = ANCHOR_PRODUCT[draft.get("kind")]
    others = [product.product_id for product in suitable_products(draft) if product.product_id != anchor]
    chosen = [anchor] + rng.sample(others, min(len(others), HOLDING_COUNT.pick(rng) - 1))
    rows = []
    for product_id in chosen:
        closed = draft.get("status") == "CLOSED" or (product_id != anchor and chance(rng, 0.08))
        since = date_between(rng, draft.get("customerSince"), reference.date())
        rows.append(_holding(draft, product_id, since, "CLOSED" if closed else "ACTIVE"))
    return rows


def _holding(draft: Draft, product_id: str, since: date, status: str) -> Row:
    draft.held.append(product_id)
    return {"customerId": draft.customer_id, "productId": product_id, "since": since, "status": status}


def assign_manager(rng: random.Random, draft: Draft, workforce: Workforce, reference: datetime) -> list[Row]:
    """A MANAGES row for managed customers, from an RM of the segment's pool."""
    if not draft.managed:
        return []
    pool_id = RM_POOL_FOR_SEGMENT[draft.get("segment")]
    draft.rm = workforce.relationship_manager(rng, pool_id, draft.get("language"))
    since = date_between(rng, draft.get("customerSince"), reference.date())
    return [{"resourceId": draft.rm, "customerId": draft.customer_id, "since": since}]


def leads(rng: random.Random, draft: Draft, workforce: Workforce, profile: Profile) -> tuple[list[Row], list[Row]]:
    """A few % of customers (40% of prospects) have leads; returns (lead rows, won holdings)."""
    if draft.get("status") == "CLOSED" or not chance(rng, 0.4 if draft.get("status") == "PROSPECT" else 0.04):
        return [], []
    candidates = [product for product in suitable_products(draft) if product.product_id not in draft.held]
    rows, won = [], []
    for number in range(1, min(len(candidates), 2 if chance(rng, 0.15) else 1) + 1):
        product = candidates.pop(rng.randrange(len(candidates)))
        lead = _lead(rng, draft, workforce, profile, product, number)
        rows.append(lead)
        if lead["status"] == "WON":
            won.append(_holding(draft, product.product_id, lead["closedAt"].date(), "ACTIVE"))
    return rows, won


def _lead(rng: random.Random, draft: Draft, workforce: Workforce, profile: Profile, product: Product,
          number: int) -> Row:
    status = _lead_status(rng, draft)
    source = _LEAD_SOURCE.pick(rng)
    held_families = {PRODUCT_BY_ID[product_id].family for product_id in draft.held}
    campaign = "RETENTION" if chance(rng, 0.1) else "UP_SELL" if product.family in held_families else "CROSS_SELL"
    created, closed = _lead_dates(rng, profile, status)
    priority = _PRIORITY.pick(rng)
    score, basis, classification = lead_score(priority, source, _tier_at(profile, created), draft.rm is not None)
    from_campaign = _campaign(draft.customer_id, campaign) if source == "CAMPAIGN" else None
    return {
        "customerId": draft.customer_id, "leadId": f"LD-{draft.customer_id}-{number}", "status": status,
        "campaignType": campaign, "source": source, "priority": priority,
        "description": f"{product.name}: {LEAD_ORIGINS[source]}", "createdAt": created, "closedAt": closed,
        "productId": product.product_id, "productType": product.family, "ownerId": _lead_owner(rng, draft, workforce),
        "score": score, "scoreBasis": basis, "classification": classification,
        "campaignId": None if from_campaign is None else from_campaign[0],
        "campaignVersion": None if from_campaign is None else from_campaign[1],
    }


# A lead's score as Lead and Opportunity Management computes it at capture
# (domains/lead_and_opportunity_management/scoring.py; a test keeps the two equal).
LEAD_SOURCE_POINTS = {"SERVICING_INTERACTION": 20, "EVENT": 15, "CAMPAIGN": 10, "MANUAL": 5}
LEAD_TIER_POINTS = {"PLATINUM": 25, "GOLD": 18, "SILVER": 10, "BRONZE": 5}
LEAD_MANAGED_POINTS = 15
LEAD_POINTS_PER_PRIORITY = 8


def lead_score(priority: int, source: str, value_tier: str | None, managed: bool) -> tuple[int, int, str]:
    """(score, scoreBasis, classification): HOT from 70, WARM from 40, else COLD."""
    basis = LEAD_SOURCE_POINTS[source] + LEAD_TIER_POINTS.get(value_tier or "", 0) + (LEAD_MANAGED_POINTS if managed else 0)
    score = LEAD_POINTS_PER_PRIORITY * priority + basis
    return score, basis, "HOT" if score >= 70 else "WARM" if score >= 40 else "COLD"


def _campaign(customer_id: str, campaign_type: str) -> tuple[str, int] | None:
    """A campaign of the lead's type, chosen without the random stream (so the rest of the bank is unchanged)."""
    choices = [c for c in CAMPAIGNS if c.type == campaign_type]
    if not choices:
        return None
    chosen = choices[int(customer_id.lstrip("CP")) % len(choices)]
    return chosen.campaign_id, chosen.version


def _tier_at(profile: Profile, instant: datetime) -> str | None:
    tiers = [row for row in profile.rows if row["type"] == "VALUE_TIER" and row["validFrom"] <= instant
             and (row["validTo"] is None or row["validTo"] > instant)]
    return str(tiers[-1]["value"]) if tiers else None


def _lead_status(rng: random.Random, draft: Draft) -> str:
    status = _LEAD_STATUS.pick(rng)
    if draft.blocked and status in ("CONFIRMED", "OFFER_INITIATED"):
        return "QUALIFYING"  # sales are blocked: the lead cannot progress towards an offer
    if status == "WON" and draft.get("status") == "PROSPECT":
        return "QUALIFYING"  # a won lead would have made the prospect a customer
    if status == "WON" and len(draft.held) >= MAX_HOLDINGS:
        return "LOST"
    return status


def _lead_dates(rng: random.Random, profile: Profile, status: str) -> tuple[datetime, datetime | None]:
    if status in OPEN_LEAD_STATUSES:
        return profile.recent(rng, 0.5, 120), None
    created = profile.recent(rng, 60, 700)
    closed = min(created + timedelta(days=rng.uniform(5, 60)), profile.reference - timedelta(hours=1))
    return created, max(closed.replace(microsecond=0), created)


def _lead_owner(rng: random.Random, draft: Draft, workforce: Workforce) -> str:
    if draft.rm is not None:
        return draft.rm
    pool_id = "POOL-SALES" if draft.get("kind") == "PERSON" else "POOL-CORPORATE"
    return workforce.member(rng, pool_id)


def relationship_plan(rng: random.Random, draft: Draft, reference: datetime, held: list[str]) -> list[Row]:
    """Most RM-managed customers have one plan, owned by their RM, with 1-3 goals and its work:
    development tasks, incidents about held products, and contacts (`held`: the productIds held)."""
    if draft.rm is None or not chance(rng, 0.85):
        return []
    today = reference.date()
    status = _PLAN_STATUS.pick(rng)
    valid_from = date_between(rng, max(draft.get("customerSince"), today - timedelta(days=730)), today)
    valid_to = valid_from + timedelta(days=365 * rng.randint(1, 3))
    if status == "CLOSED":
        valid_to = date_between(rng, valid_from, today)
    plan_id = f"RP-{draft.customer_id}"
    created = int(start_of(valid_from, reference).timestamp())
    # Its own generator: the plan's work does not shift what is drawn for later customers.
    work = random.Random(f"plan-work:{plan_id}:{draft.get('name')}")
    start, end = start_of(valid_from, reference), min(reference, start_of(valid_to, reference))
    return [{
        "customerId": draft.customer_id, "planId": plan_id, "planType": _PLAN_TYPE.pick(rng),
        "status": status, "description": f"{_segment_name(draft)} relationship plan for {draft.get('name')}",
        "validFrom": valid_from, "validTo": valid_to, "reviewDue": _review_due(rng, valid_from, today),
        "createdAt": created, "acceptedAt": created,
        "closedAt": int(start_of(valid_to, reference).timestamp()) if status == "CLOSED" else None,
        "ownerId": draft.rm, "goals": _goals(rng, plan_id, status),
        "tasks": _tasks(work, plan_id, status, start, end, draft.rm),
        "incidents": _incidents(work, plan_id, status, start, end, draft.rm, held),
        "contacts": _contacts(work, plan_id, status, start, end, reference, draft.rm),
    }]


def _segment_name(draft: Draft) -> str:
    return str(draft.get("segment")).replace("_", " ").capitalize()


def _review_due(rng: random.Random, valid_from: date, today: date) -> date:
    """Half-yearly reviews; about one plan in ten is overdue."""
    due = valid_from + timedelta(days=182)
    while due < today:
        due += timedelta(days=182)
    return due - timedelta(days=182) if chance(rng, 0.1) and due - timedelta(days=182) > valid_from else due


def _goals(rng: random.Random, plan_id: str, status: str) -> list[Row]:
    results = GOAL_RESULTS if status != "ACTIVE" else ("NOT_STARTED", "ON_TRACK", "AT_RISK")
    rows = []
    for number, goal_type in enumerate(rng.sample(GOAL_TYPES, rng.randint(1, 3)), start=1):
        definition, target = GOALS[goal_type]
        rows.append({
            "goalId": f"{plan_id}-G{number}", "goalType": goal_type, "definition": definition,
            "target": target.format(n=rng.choice((2, 3, 5, 8, 10, 15))), "result": rng.choice(results),
        })
    return rows



def _epoch(rng: random.Random, start: datetime, end: datetime) -> int:
    return int(instant_between(rng, start, end).timestamp())


def _tasks(rng: random.Random, plan_id: str, status: str, start: datetime, end: datetime, owner: str) -> list[Row]:
    rows = []
    for number in range(1, rng.randint(0, 2) + 1):
        task_type = rng.choice(DEVELOPMENT_TASK_TYPES)
        task_status = _TASK_STATUS.pick(rng) if status != "CLOSED" else rng.choice(("ACCEPTED", "CANCELLED"))
        created = _epoch(rng, start, end)
        rows.append({
            "taskId": f"DT-{plan_id}-{number}", "taskType": task_type, "status": task_status,
            "description": TASKS[task_type], "createdAt": created, "assigneeId": owner,
            "result": "Done as planned" if task_status in ("SUBMITTED", "ACCEPTED") else None,
        })
    return rows


def _incidents(rng: random.Random, plan_id: str, status: str, start: datetime, end: datetime, owner: str,
               held: list[str]) -> list[Row]:
    if not held or not chance(rng, 0.25):
        return []
    incident_type = _INCIDENT_TYPE.pick(rng)
    incident_status = _INCIDENT_STATUS.pick(rng) if status != "CLOSED" else "CLOSED"
    description, resolution = INCIDENTS[incident_type]
    created = _epoch(rng, start, end)
    resolved = incident_status in ("RESOLVED", "CLOSED")
    return [{
        "incidentId": f"IN-{plan_id}-1", "incidentType": incident_type, "source": rng.choice(INCIDENT_SOURCES),
        "status": incident_status, "priority": rng.randint(1, 5), "description": description,
        "resolution": resolution if resolved else None, "createdAt": created,
        "resolvedAt": created + rng.randint(1, 20) * 86400 if resolved else None, "assigneeId": owner,
        "productIds": [rng.choice(held)],
    }]


def _contacts(rng: random.Random, plan_id: str, status: str, start: datetime, end: datetime, reference: datetime,
              owner: str) -> list[Row]:
    """Past contacts, held or not; an active plan has one in four times a meeting booked in the next month."""
    rows = []
    for number in range(1, rng.randint(1, 3) + 1):
        contact_status = _CONTACT_STATUS.pick(rng)
        rows.append(_contact(rng, f"PC-{plan_id}-{number}", contact_status, _epoch(rng, start, end), owner))
    if status == "ACTIVE" and chance(rng, 0.25):
        upcoming = _epoch(rng, reference + timedelta(days=1), reference + timedelta(days=30))
        rows.append(_contact(rng, f"PC-{plan_id}-{len(rows) + 1}", "SCHEDULED", upcoming, owner))
    return rows


def _contact(rng: random.Random, contact_id: str, status: str, at: int, owner: str) -> Row:
    return {
        "contactId": contact_id, "contactType": _CONTACT_TYPE.pick(rng), "status": status, "scheduledAt": at,
        "purpose": rng.choice(CONTACT_PURPOSES), "durationMinutes": rng.choice((30, 45, 60)),
        "result": "Discussed the plan's goals" if status == "HELD" else None, "resourceId": owner,
    }
