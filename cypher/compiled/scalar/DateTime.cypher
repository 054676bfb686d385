// A DateTime field's value as the instant's parts, [epochMillis, nanosecond, offsetSeconds], when it has
// an offset (datetime() and every date-time the gateway writes) and a year Python holds: the gateway
// writes the ISO string from them (resolvers/compiled/shape.py, instant_iso) in a few microseconds, where
// the driver takes about 80 to build a neo4j.time.DateTime first. epochMillis, not epochSeconds: it
// rounds down before 1970 too. A date-time in a named zone, or any other value, comes back as it is and
// is written the resolvers' way.
[instant IN [{{value}}] |
  CASE WHEN instant IS :: ZONED DATETIME NOT NULL AND left(instant.timezone, 1) IN ['Z', '+', '-']
            AND instant.year >= 1 AND instant.year <= 9999
       THEN [instant.epochMillis, instant.nanosecond, instant.offsetSeconds]
       ELSE instant END][0]
