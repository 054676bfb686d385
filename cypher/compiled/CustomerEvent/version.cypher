// CustomerEvent.version: 1 when captured (none stored); each update adds one.
CASE WHEN coalesce({{event}}.version, 0) = 0 THEN 1 ELSE {{event}}.version END
