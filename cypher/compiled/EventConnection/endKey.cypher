// The keyset position of the page's last event (the extra row left out).
CASE WHEN size({{rows}}) > 0 THEN [toString({{rows}}[0..{{size}}][-1].occurredAt), {{rows}}[0..{{size}}][-1].eventId] END
