"""Customer Event History (BIAN): the events in each customer's CustomerEventLog.

One module per job: `timeline` (the customer's events newest first, a page at a time, on the
event_customer_timeline index), `capture` (capture, one at a time or in bulk, and `log_event`
for other domains), `changes` (update keeping earlier versions, and retrieve),
`behaviour_qualifiers` (the root fields of the six categories), `event_log` (the control
record), `event_details` (versions and lead suggestions), `analytics` (activity and trends).
"""

from __future__ import annotations

import strawberry

from resolvers.customer_event_history.analytics import EventAnalyticsQuery
from resolvers.customer_event_history.behaviour_qualifiers import BehaviourQualifierMutation, BehaviourQualifierQuery
from resolvers.customer_event_history.event_log import EventLogMutation, EventLogQuery
from resolvers.customer_event_history.timeline import (
    TIMELINE_READERS,
    CustomerEvent,
    EventCategory,
    EventConnection,
    TimelinePage,
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
