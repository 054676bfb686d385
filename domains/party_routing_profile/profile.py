"""Party Routing Profile (BIAN): a customer's statuses, ratings and alerts, as of any instant.

The profile is the PartyState control record; each indicator is a node that is never
deleted: a new value closes the previous one's validity, so history is the set of nodes
and "active at t" means validFrom <= t < validTo (no validTo: still current).

Visibility: indicators of a confidential type (e.g. POSSIBLE_FRAUD) and the narratives
of alerts are shown only to relationship managers and admins (Principal.sees_confidential).

Every change to a profile runs in one write transaction that first write-locks the PartyState,
so changes to one customer's profile happen one at a time and never interleave.
"""

from __future__ import annotations

import datetime
import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from domains.found import found
from domains.inputs import text
from gateway.security.auth import Principal
from gateway.security.book import require_reach
from graph.database import Database, Record, Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load
from graph.temporal import native

PARTY_STATES_OF_CUSTOMERS = load("party_routing_profile/party_states_of_customers")
CUSTOMER_OF_PARTY_STATE = load("party_routing_profile/customer_of_party_state")
ENSURE_PARTY_STATE = load("party_routing_profile/ensure_party_state")
LOCK_PARTY_STATE = load("party_routing_profile/lock_party_state")
UPDATE_PARTY_STATE = load("party_routing_profile/update_party_state")
REQUEST_PROFILE_REVIEW = load("party_routing_profile/request_profile_review")
LAPSE_INDICATORS = load("party_routing_profile/lapse_indicators")
VALUE_TIER_INPUTS = load("party_routing_profile/value_tier_inputs")
RECORD_INDICATOR = load("party_routing_profile/record_indicator")

NOTE_LENGTH = 2000
REASON_LENGTH = 2000


class IndicatorCategory(enum.Enum):
    """The BIAN behaviour qualifier an indicator belongs to; the stored `category` is the member's name."""

    STATUS = "STATUS"
    RATING = "RATING"
    ALERT = "ALERT"


# The label each category's indicators carry beside :RoutingIndicator.
LABELS = {IndicatorCategory.STATUS: "Status", IndicatorCategory.RATING: "Rating", IndicatorCategory.ALERT: "Alert"}


def shown(indicator: Record, trusted: bool) -> dict[str, Any]:
    """The indicator as a principal sees it: an alert's narrative only for those `trusted` with confidential ones."""
    hide = indicator["category"] == IndicatorCategory.ALERT.name and not trusted
    return {**indicator, "narrative": None if hide else indicator.get("narrative")}


def in_force(valid_from: datetime.datetime, valid_to: datetime.datetime | None, instant: datetime.datetime) -> bool:
    """Whether a value with this validity window is active at `instant`."""
    return valid_from <= instant and (valid_to is None or instant < valid_to)


def visible_indicators(indicators: Iterable[Record], trusted: bool) -> list[dict[str, Any]]:
    """The indicators the principal may see (confidential ones only when `trusted`), statuses first, then
    ratings, then alerts; within each by type, then by when each took effect."""
    order = [category.name for category in IndicatorCategory]
    visible = [shown(i, trusted) for i in indicators if trusted or not i["confidential"]]
    return sorted(visible, key=lambda i: (order.index(i["category"]), i["type"], native(i["validFrom"])))


def profile(state: Record, trusted: bool) -> dict[str, Any]:
    """A PartyState row (party_states_of_customers.cypher) as the principal may see it: visible indicators,
    review requests newest first."""
    requests = sorted(state["reviewRequests"], key=lambda r: native(r["requestedAt"]), reverse=True)
    return {**state, "indicators": visible_indicators(state["indicators"], trusted), "reviewRequests": requests}


async def customer_of(db: Database | Transaction, party_state_id: str, field: str) -> str:
    """The customer whose profile has this id; NOT_FOUND if none."""
    run = db.read if isinstance(db, Database) else db.run
    row = found(await run(CUSTOMER_OF_PARTY_STATE, partyStateId=party_state_id), "routing profile", party_state_id, field)
    return str(row["customerId"])


def profile_named(party_state_id: str) -> str:
    """How the book rule's NOT_FOUND names a profile asked for by its id."""
    return f"routing profile '{party_state_id}'"


async def require_profile_reach(db: Database | Transaction, principal: Principal, party_state_id: str) -> None:
    """The book rule for a profile named by its partyStateId argument (gateway/security/book.py)."""
    await require_reach(db, principal, "partyStateId", profile_named(party_state_id), partyStateId=party_state_id)


async def retrieve(db: Database, principal: Principal, party_state_id: str) -> str:
    """The customer of the profile the principal asks for by id, once the book allows it; NOT_FOUND if none."""
    await require_profile_reach(db, principal, party_state_id)
    return await customer_of(db, party_state_id, "partyStateId")


async def lock_party_state(tx: Transaction, party_state_id: str, field: str) -> Record:
    """Write-locks the profile for the rest of the transaction; NOT_FOUND if there is none."""
    return found(await tx.run(LOCK_PARTY_STATE, partyStateId=party_state_id), "routing profile", party_state_id, field)


# Value tier, derived from holdings on refresh: each active holding scores by its product
# family, the total picks the tier, and the customer's segment sets a floor beneath it.
FAMILY_SCORE = {"INVESTMENTS": 3, "LENDING": 2, "BUSINESS_BANKING": 2, "INSURANCE": 2}  # any other family: 1
TIER_THRESHOLDS = (("PLATINUM", 10), ("GOLD", 6), ("SILVER", 3), ("BRONZE", 0))
TIER_FLOOR = {"PRIVATE": "GOLD", "PREMIER": "SILVER", "CORPORATE": "SILVER"}
TIERS = ("BRONZE", "SILVER", "GOLD", "PLATINUM")


def value_tier(segment: str | None, held_families: list[str]) -> tuple[str, int]:
    """The tier the holdings earn (never below the segment's floor) and their score."""
    score = sum(FAMILY_SCORE.get(family, 1) for family in held_families)
    earned = next(tier for tier, threshold in TIER_THRESHOLDS if score >= threshold)
    floor = TIER_FLOOR.get(segment or "", "BRONZE")
    return max(earned, floor, key=TIERS.index), score


@dataclass(frozen=True)
class Monitoring:
    """BIAN Initiate: start monitoring a customer's routing profile, with its first settings."""

    customer_id: str
    next_review_due: datetime.date | None = None
    note: str | None = None


async def initiate(db: Database, principal: Principal, monitoring: Monitoring) -> str:
    """Creates the customer's profile and answers its partyStateId; CONFLICT if it has one already."""
    note = text(monitoring.note, "input.note", NOTE_LENGTH, required=False)
    customer_id = monitoring.customer_id

    async def work(tx: Transaction) -> str:
        await require_reach(tx, principal, "input.customerId", f"customer '{customer_id}'", customerId=customer_id)
        row = found(await tx.run(ENSURE_PARTY_STATE, customerId=customer_id, createdBy=principal.subject,
                                 nextReviewDue=monitoring.next_review_due, note=note),
                    "customer", customer_id, "input.customerId")
        if not row["created"]:
            raise Conflict(f"customer '{customer_id}' already has routing profile "
                           f"'{row['partyStateId']}'; update it instead", field="input.customerId")
        return str(row["partyStateId"])

    party_state_id: str = await db.transact(work)
    return party_state_id


async def update(db: Database, principal: Principal, party_state_id: str, given: Mapping[str, Any],
                 review_outcome: str | None) -> None:
    """BIAN Update: `given` holds "nextReviewDue" and/or "note" (None clears one); a review outcome
    completes every open review request."""
    outcome = text(review_outcome, "changes.reviewOutcome", NOTE_LENGTH, required=False)
    if not given and outcome is None:
        raise ValidationFailed("give nextReviewDue, note or reviewOutcome", field="changes")
    note = text(given["note"], "changes.note", NOTE_LENGTH, required=False) if "note" in given else None
    names = [name for name in ("nextReviewDue", "note") if name in given]

    async def work(tx: Transaction) -> None:
        await require_profile_reach(tx, principal, party_state_id)
        locked = await lock_party_state(tx, party_state_id, "partyStateId")
        await tx.run(UPDATE_PARTY_STATE, partyStateId=locked["partyStateId"], set=names,
                     nextReviewDue=given.get("nextReviewDue"), note=note, reviewOutcome=outcome, now=locked["now"],
                     updatedBy=principal.subject)

    await db.transact(work)


@dataclass(frozen=True)
class Refresh:
    """What a refresh changed, as the principal may see it: the indicators lapsed and those re-derived."""

    lapsed: list[dict[str, Any]]
    derived: list[dict[str, Any]]


async def refresh(db: Database, principal: Principal, party_state_id: str) -> Refresh:
    """BIAN Execute REFRESH: closes indicators whose type's validity ran out, and re-derives the value tier
    from the customer's active holdings (unless a newer tier is dated ahead)."""
    by = principal.subject

    async def work(tx: Transaction) -> tuple[list[Record], list[Record]]:
        await require_profile_reach(tx, principal, party_state_id)
        locked = await lock_party_state(tx, party_state_id, "partyStateId")
        now = locked["now"]
        lapsed: list[Record] = (await tx.run(LAPSE_INDICATORS, partyStateId=locked["partyStateId"],
                                              now=now, closedBy=by))[0]["lapsed"]
        inputs = (await tx.run(VALUE_TIER_INPUTS, customerId=locked["customerId"], now=now))[0]
        tier, score = value_tier(inputs["segment"], inputs["heldFamilies"])
        future_dated = inputs["latestTierFrom"] is not None and inputs["latestTierFrom"] >= now
        if not inputs["tierDefined"] or tier == inputs["currentTier"] or future_dated:
            await log_refresh(tx, locked["customerId"], lapsed, [], by)
            return lapsed, []
        derived = await tx.run(
            RECORD_INDICATOR, partyStateId=locked["partyStateId"], type="VALUE_TIER", label="Rating",
            indicatorId=new_indicator_id(), value=tier, validFrom=now, validTo=None, now=now,
            narrative=f"Derived from {len(inputs['heldFamilies'])} active holdings (score {score})",
            source="PROFILE_REFRESH", capturedBy=by, idempotencyKey=None, idempotencyFingerprint=None)
        await log_refresh(tx, locked["customerId"], lapsed, [derived[0]["indicator"]], by)
        return lapsed, [derived[0]["indicator"]]

    lapsed, derived = await db.transact(work)
    trusted = principal.sees_confidential
    return Refresh(lapsed=[shown(row, trusted) for row in lapsed if trusted or not row["confidential"]],
                   derived=[shown(row, trusted) for row in derived])


async def request_review(db: Database, principal: Principal, party_state_id: str, reason: str) -> str:
    """BIAN Request: a manual review of the profile, OPEN until an update completes it; its id."""
    why = text(reason, "reason", REASON_LENGTH)
    request_id = f"RR-{uuid.uuid4()}"

    async def work(tx: Transaction) -> None:
        await require_profile_reach(tx, principal, party_state_id)
        locked = await lock_party_state(tx, party_state_id, "partyStateId")
        await tx.run(REQUEST_PROFILE_REVIEW, partyStateId=locked["partyStateId"], reviewRequestId=request_id,
                     reason=why, now=locked["now"], requestedBy=principal.subject)

    await db.transact(work)
    return request_id


async def log_refresh(tx: Transaction, customer_id: str, lapsed: list[Record], derived: list[Record],
                      by: str) -> None:
    """A refresh that changed something is an event in the customer's history; one that did not is not."""
    if not lapsed and not derived:
        return
    # A lapsed confidential indicator is not named: relationship events are visible beyond RMs.
    closed = ", ".join(i["type"] for i in lapsed if not i["confidential"]) or "none named"
    changed = ", ".join(f"{i['type']} = {i['value']}" for i in derived) or "none"
    await log_event(tx, customer_id, EventCategory.RELATIONSHIP, "ROUTING_PROFILE_REFRESHED", by=by,
                    record=f"lapsed: {closed}; re-derived: {changed}", result="REFRESHED")


def new_indicator_id() -> str:
    return f"IN-{uuid.uuid4()}"
