"""Customer Event History (BIAN) in GraphQL: the events in each customer's CustomerEventLog.

The rules are in domains/customer_event_history/; here are the Strawberry types, inputs and thin
resolvers. One module per job: `timeline` (the CustomerEvent type, EventCategory's descriptions, a
customer's page of events through a DataLoader), `inputs` (the capture and update inputs and their
conversion for the rules), `behaviour_qualifiers` (the root fields of the six categories and the
bulk capture), `event_log` (the control record), `event_details` (versions and lead suggestions,
batched), `analytics` (activity and trends), `capture` (where other domains still import
`log_event` from: it lives in domains.customer_event_history.capture).
"""

from __future__ import annotations

import strawberry

from domains.customer_event_history.timeline import TimelinePage
from resolvers.customer_event_history.analytics import EventAnalyticsQuery
from resolvers.customer_event_history.behaviour_qualifiers import BehaviourQualifierMutation, BehaviourQualifierQuery
from resolvers.customer_event_history.event_log import EventLogMutation, EventLogQuery
from resolvers.customer_event_history.timeline import (
    TIMELINE_READERS,
    CustomerEvent,
    EventCategory,
    EventConnection,
    customer_events,
    timeline_page,
)

__all__ = [
    "TIMELINE_READERS", "CustomerEvent", "CustomerEventHistoryMutation", "CustomerEventHistoryQuery", "EventCategory",
    "EventConnection", "TimelinePage", "customer_events", "timeline_page",
]


@strawberry.type
class CustomerEventHistoryQuery(EventLogQuery, BehaviourQualifierQuery, EventAnalyticsQuery):
    pass


@strawberry.type
class CustomerEventHistoryMutation(EventLogMutation, BehaviourQualifierMutation):
    pass
