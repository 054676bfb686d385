"""What an event's page may add: its earlier versions and the leads a life event suggests.

Both load through UNWIND DataLoaders, so a timeline page costs one more round trip for each,
whatever its size.
"""

from __future__ import annotations

import datetime
from typing import Any

import strawberry

from graph.queries import load
from graph.temporal import native
from resolvers.batching import batched
from resolvers.context import Info

VERSIONS_OF_EVENTS = load("customer_event_history/versions_of_events")
LEAD_SUGGESTIONS_OF_EVENTS = load("customer_event_history/lead_suggestions_of_events")


@strawberry.type(description="What an event said before an update, and who changed which fields when.")
class EventVersion:
    version: int = strawberry.field(description="The version number it had (the first capture is 1).")
    type: str = strawberry.field(description="The event type it had.")
    occurred_at: datetime.datetime = strawberry.field(description="The instant it had.")
    record: str | None = strawberry.field(description="The details it had.")
    result: str | None = strawberry.field(description="The result it had.")
    superseded_at: datetime.datetime = strawberry.field(description="When the update replaced it.")
    superseded_by: str = strawberry.field(description="Who made the update.")
    changed_fields: list[str] = strawberry.field(description="The fields the update changed.")

    @classmethod
    def from_record(cls, row: dict[str, Any]) -> EventVersion:
        return cls(
            version=row["version"], type=row["type"], occurred_at=native(row["occurredAt"]), record=row.get("record"),
            result=row.get("result"), superseded_at=native(row["supersededAt"]), superseded_by=row["supersededBy"],
            changed_fields=list(row.get("changedFields") or []),
        )


@strawberry.type(description="A lead a life event suggests, by a rule kept in the graph: (EventType)-[:SUGGESTS]->(Product).")
class LeadSuggestion:
    product_id: strawberry.ID = strawberry.field(description="The product to offer.")
    product_name: str | None = strawberry.field(description="Its name.")
    reason: str | None = strawberry.field(description="Why the event suggests it, from the rule.")


async def versions_of(info: Info, event_id: str) -> list[EventVersion]:
    rows = await batched(info, VERSIONS_OF_EVENTS, keys_param="eventIds", key_column="eventId",
                         value_column="versions", missing=[]).load(event_id)
    return [EventVersion.from_record(row) for row in rows]


async def lead_suggestions_of(info: Info, event_id: str) -> list[LeadSuggestion]:
    rows = await batched(info, LEAD_SUGGESTIONS_OF_EVENTS, keys_param="eventIds", key_column="eventId",
                         value_column="suggestions", missing=[]).load(event_id)
    return [LeadSuggestion(product_id=strawberry.ID(row["productId"]), product_name=row.get("name"),
                           reason=row.get("reason")) for row in rows]
