// EventEdge.cursor: the event's keyset position (occurredAt as Neo4j writes it, eventId), encoded by the post-pass.
[toString({{event}}.occurredAt), {{event}}.eventId]
