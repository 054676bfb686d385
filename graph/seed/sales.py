"""What each customer holds and what the bank is doing with it: holdings, RM, leads, plans.

Products are suited to the customer's segment and credit rating; a lead never targets a
product the customer already holds, a won lead becomes a holding, and an open lead does not
pass QUALIFYING while a sales-blocking indicator is current (DOMAIN.md: blocks sales).
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from graph.seed.chance import Weighted, chance, date_between
from graph.seed.customers import Draft
from graph.seed.profile import Profile
from graph.seed.vocabulary import (
    ANCHOR_PRODUCT,
    CAMPAIGNS,
    GOAL_RESULTS,
    GOAL_TYPES,
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
# (resolvers/lead_and_opportunity_management/lead_scoring.py; a test keeps the two equal).
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


def relationship_plan(rng: random.Random, draft: Draft, reference: datetime) -> list[Row]:
    """Most RM-managed customers have one plan, owned by their RM, with 1-3 goals."""
    if draft.rm is None or not chance(rng, 0.85):
        return []
    today = reference.date()
    status = _PLAN_STATUS.pick(rng)
    valid_from = date_between(rng, max(draft.get("customerSince"), today - timedelta(days=730)), today)
    valid_to = valid_from + timedelta(days=365 * rng.randint(1, 3))
    if status == "CLOSED":
        valid_to = date_between(rng, valid_from, today)
    plan_id = f"RP-{draft.customer_id}"
    return [{
        "customerId": draft.customer_id, "planId": plan_id, "planType": _PLAN_TYPE.pick(rng),
        "status": status, "description": f"{_segment_name(draft)} relationship plan for {draft.get('name')}",
        "validFrom": valid_from, "validTo": valid_to, "reviewDue": _review_due(rng, valid_from, today),
        "ownerId": draft.rm, "goals": _goals(rng, plan_id, status),
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

