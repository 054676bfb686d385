"""Customer Event History's rules (BIAN), free of GraphQL.

- `categories`: the six behaviour qualifiers (EventCategory), their labels, who sees fraud events.
- `capture`: capture of events, one or in bulk (checks, idempotency, the book), and `log_event`,
  through which other domains log their steps inside their own transaction.
- `changes`: update keeping earlier versions (optimistic concurrency), and retrieve by id.
- `event_log`: the CustomerEventLog control record: initiate, close or reopen, retrieve with counts.
- `timeline`: which page of a customer's events the arguments ask for, and reading such pages.
- `analytics`: the categories counted, activity windows and buckets, the trend's direction, the reads.
"""
