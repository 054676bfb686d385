"""BIAN Update of the LeadandOpportunityProcedure as the schema shows it: the input and the
resolver's work (input → domains/lead_and_opportunity_management/update.Changes, once). The rules
(legal moves, evaluation, priority control, owner rights) are in that module.
"""

from __future__ import annotations

import strawberry

from domains.lead_and_opportunity_management import update as updates
from resolvers.context import Info
from resolvers.lead_and_opportunity_management.lead_model import Lead, retrieve_lead
from resolvers.lead_and_opportunity_management.vocabulary import LeadStatus, PriorityAction


@strawberry.input(description="Changes to a lead (BIAN Update LeadandOpportunityProcedure); only given fields change.")
class UpdateLeadInput:
    lead_id: strawberry.ID = strawberry.field(description="The lead, e.g. LD-…")
    status: LeadStatus | None = strawberry.field(
        default=None, description="The next status; only a legal move (CAPTURED → QUALIFYING → CONFIRMED → "
                                  "OFFER_INITIATED → WON or LOST; REJECTED or EXPIRED from any open status). "
                                  "CONFIRMED and OFFER_INITIATED need a passing evaluation.")
    status_reason: str | None = strawberry.field(default=None, description="Why, at most 2000 characters.")
    description: str | None = strawberry.field(
        default=None, description="BIAN LeadandOpportunityDescription, at most 2000 characters.")
    priority_action: PriorityAction | None = strawberry.field(
        default=None, description="RAISE or LOWER one step (CONFLICT beyond 1..5), SUSPEND or RESUME.")
    owner_id: strawberry.ID | None = strawberry.field(
        default=None, description="The new owner (must exist); only the current owner or an admin may change it.")
    date_time_location: str | None = strawberry.field(
        default=None, description="BIAN DateTimeLocation, at most 200 characters.")
    campaign_version: int | None = strawberry.field(default=None, description="BIAN CustomerCampaignVersionNumber.")


async def update(info: Info, input: UpdateLeadInput) -> Lead:
    changes = updates.Changes(
        lead_id=str(input.lead_id), status=input.status, status_reason=input.status_reason,
        description=input.description, priority_action=input.priority_action,
        owner_id=None if input.owner_id is None else str(input.owner_id),
        date_time_location=input.date_time_location, campaign_version=input.campaign_version)
    db = info.context.db
    lead_id = await updates.update(db, changes, info.context.caller)
    return await retrieve_lead(db, lead_id, "input.leadId")
