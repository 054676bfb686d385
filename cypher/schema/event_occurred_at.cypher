// Timelines and trends read events by time.
CREATE INDEX event_occurred_at IF NOT EXISTS FOR (n:Event) ON (n.occurredAt)
