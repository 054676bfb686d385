"""The LeadandOpportunityProcedure, BIAN Lead and Opportunity Management's control record:
Initiate (`initiateLead`), Update (`updateLead`) and Retrieve (`lead`).

The resolvers are `lead_capture` (Initiate), `lead_update` (Update) and `lead_model` (the types and
Retrieve); the rules are domains/lead_and_opportunity_management/ (capture, update, lead, scoring,
triggers); docs/lead-and-opportunity.md has them in words.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from gateway.security.auth import ALL_ROLES, Role, allow
from gateway.security.book import require_reach_for
from resolvers.context import Info
from resolvers.lead_and_opportunity_management.lead_capture import InitiateLeadInput, LeadInitiation, initiate
from resolvers.lead_and_opportunity_management.lead_model import Lead, retrieve_lead
from resolvers.lead_and_opportunity_management.lead_update import UpdateLeadInput, update

WRITERS = (Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN)


@strawberry.type
class ProcedureQuery:
    @strawberry.field(
        description="A lead by its id (BIAN Retrieve LeadandOpportunityProcedure), in one round trip: BIAN's fields, "
                    "status, priority, score and classification, customer, product, campaign, owner and why, the "
                    "interaction it came from, its offer and its SALES_PROSPECT status. Unknown: NOT_FOUND.",
        extensions=allow(*ALL_ROLES))
    async def lead(
        self, info: Info,
        lead_id: Annotated[strawberry.ID, strawberry.argument(description="The lead, e.g. LD-…")],
    ) -> Lead:
        await require_reach_for(info, "leadId", f"lead '{lead_id}'", leadId=str(lead_id))
        return await retrieve_lead(info.context.db, str(lead_id))


@strawberry.type
class ProcedureMutation:
    @strawberry.mutation(
        description="Captures a lead (BIAN Initiate LeadandOpportunityProcedure) in one write transaction: status "
                    "CAPTURED, scored and classified, owned by the resource named or chosen by the assignment rules, "
                    "linked to its campaign and the interaction it came from; raises SALES_PROSPECT on the customer's "
                    "routing profile and logs LEAD_CAPTURED. An open lead of the customer for the product is returned "
                    "instead of a second one (duplicate: true); a repeated idempotencyKey returns the first lead.",
        extensions=allow(*WRITERS))
    async def initiate_lead(
        self, info: Info,
        input: Annotated[InitiateLeadInput, strawberry.argument(description="The lead to capture.")],
        idempotency_key: Annotated[str | None, strawberry.argument(
            description="A client-chosen key (1 to 128 characters): a retry with it returns the first lead.")] = None,
    ) -> LeadInitiation:
        await require_reach_for(info, "input.customerId", f"customer '{input.customer_id}'",
                                customerId=str(input.customer_id))
        return await initiate(info, input, idempotency_key)

    @strawberry.mutation(
        description="Changes a lead (BIAN Update LeadandOpportunityProcedure) in one write transaction: a legal status "
                    "move (CONFIRMED and OFFER_INITIATED only after a passing evaluation; OFFER_INITIATED initiates the "
                    "Offer; closing ends its SALES_PROSPECT status), priority control, owner (its owner or an admin) "
                    "and details. Each change is a Sales event; a failed check changes nothing.",
        extensions=allow(*WRITERS))
    async def update_lead(
        self, info: Info,
        input: Annotated[UpdateLeadInput, strawberry.argument(description="The lead and its changes.")],
    ) -> Lead:
        await require_reach_for(info, "input.leadId", f"lead '{input.lead_id}'", leadId=str(input.lead_id))
        return await update(info, input)
