"""What a lead's steps trigger in other domains, inside the step's own write transaction.

- Party Routing Profile: an open lead raises a SALES_PROSPECT status (value: the productId) on the
  customer's routing profile, through the profile's own capture path (the profile's lock, its
  checks, `record_indicator`, its event), and the lead SETS it. A profile holds one value of a
  type at a time, so the newest open lead's product is the one in force. When a lead closes and
  the status it SETS is still in force, the customer's most recently captured other open lead
  takes it over (a new value with that lead's product); with no other open lead it ends now.
- Customer Offer: reaching OFFER_INITIATED creates the Offer (the hand-over).
- Customer Event History: every step is a Sales event that CONCERNS the lead.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

# Other domains' capture paths, still in resolvers/ (to be repointed when they move to domains/).
from domains.customer_event_history.capture import log_event
from domains.customer_event_history.categories import EventCategory
from domains.lead_and_opportunity_management.vocabulary import OPEN
from domains.party_routing_profile.indicators import Change, change_context, check_type, end, log_change, record
from domains.party_routing_profile.profile import ENSURE_PARTY_STATE, LOCK_PARTY_STATE, IndicatorCategory
from graph.database import Transaction
from graph.errors import Conflict, ValidationFailed
from graph.queries import load

LEAD_SETS_STATUS = load("lead_and_opportunity_management/lead_sets_status")
LEAD_PROSPECT_STATUS = load("lead_and_opportunity_management/lead_prospect_status")
OFFER_INITIATE = load("lead_and_opportunity_management/offer_initiate")

PROSPECT = "SALES_PROSPECT"
PROSPECT_SOURCE = "LEAD_AND_OPPORTUNITY"


async def raise_prospect(tx: Transaction, customer_id: str, lead_id: str, product_id: str, by: str) -> str:
    """Records SALES_PROSPECT = product_id on the customer's profile (started if missing) and links
    the lead to it; returns the status's indicatorId."""
    profile = await tx.run(ENSURE_PARTY_STATE, customerId=customer_id, createdBy=by, nextReviewDue=None, note=None)
    party_state_id = profile[0]["partyStateId"]
    change = Change(operation="initiateLead", category=IndicatorCategory.STATUS, type=PROSPECT, value=product_id,
                    narrative=f"Open lead {lead_id} for {product_id}", valid_from=None, valid_to=None,
                    source=PROSPECT_SOURCE, captured_by=by, idempotency_key=None)
    context = await change_context(tx, party_state_id, change, indicator_id=None)
    try:
        check_type(context, change)
    except ValidationFailed:
        # The routing policy lacks the type: an administrator's fix, not the caller's input.
        raise Conflict(f"the routing policy defines no {PROSPECT} status type; an admin must define it "
                       "(defineIndicatorType) before leads can be captured", field="input.customerId") from None
    recorded = await record(tx, party_state_id, change, context)
    await log_change(tx, customer_id, recorded, "CAPTURED", by)
    await tx.run(LEAD_SETS_STATUS, leadId=lead_id, indicatorId=recorded["indicatorId"])
    return str(recorded["indicatorId"])


async def settle_prospect(tx: Transaction, lead_id: str, customer_id: str, by: str) -> None:
    """After a lead closed: hands its SALES_PROSPECT status over to the customer's next open lead,
    or ends it now; nothing when the status is no longer in force. Reads under the profile's lock."""
    if not await tx.run(LOCK_PARTY_STATE, partyStateId=f"PS-{customer_id}"):
        return  # no routing profile: no status to settle
    [row] = await tx.run(LEAD_PROSPECT_STATUS, lead={"leadId": lead_id, "openStatuses": OPEN})
    status, successor = row["status"], row["nextOpenLead"]
    if status is None or row["partyStateId"] is None:
        return
    if successor is not None:
        await raise_prospect(tx, row["customerId"], successor["leadId"], successor["productId"], by)
        return
    await _end_status(tx, row["partyStateId"], row["customerId"], status["indicatorId"], by)


async def _end_status(tx: Transaction, party_state_id: str, customer_id: str, indicator_id: str, by: str) -> None:
    probe = Change("updateLead", IndicatorCategory.STATUS, PROSPECT, None, None, None, None, "", by, None)
    context = await change_context(tx, party_state_id, probe, indicator_id=indicator_id)
    now: Any = context["now"]
    ended = await end(tx, party_state_id, context["target"], now.to_native(), context, by)
    await log_change(tx, customer_id, ended, "ENDED", by)


async def initiate_offer(tx: Transaction, lead_id: str, now: datetime.datetime, by: str) -> str:
    """The Offer the lead hands over to Customer Offer; returns its offerId."""
    offer_id = f"OF-{uuid.uuid4()}"
    await tx.run(OFFER_INITIATE, offer={"leadId": lead_id, "offerId": offer_id, "now": now, "by": by})
    return offer_id


async def log_step(tx: Transaction, customer_id: str, lead_id: str, event_type: str, record: str, by: str,
                   result: str | None = None, resource_id: str | None = None) -> None:
    """One step of the lead as a Sales event in the customer's history, CONCERNING the lead."""
    await log_event(tx, customer_id, EventCategory.SALES, event_type, record, by, result=result,
                    resource_id=resource_id, lead_id=lead_id)
