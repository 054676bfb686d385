// The keyset position of the page's first event: occurredAt exactly as Neo4j writes it, and eventId
// (the post-pass joins them with timeline.event_key and encodes the cursor).
CASE WHEN size({{rows}}) > 0 THEN [toString({{rows}}[0].occurredAt), {{rows}}[0].eventId] END
