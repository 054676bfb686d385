// One page of the audit trail, newest first (ties by auditId, descending), in a time window,
// optionally narrowed by field, outcome and an identifier among the recorded arguments.
// auditRecords without a subject or request id (resolvers/audit_trail.py). A seek on the
// audit_record_at index read in descending order: a page costs about $limit index entries,
// more when a rare filter makes it read further down the window (bounded by the window).
// The window is $from <= at < $to. The keyset cursor is the last record's instant
// ($afterSeconds, $afterNanos: its epoch seconds and nanosecond, exact) and auditId; without a
// cursor pass $to's instant and ''. The CASE drops the cursor's own instant up to its auditId.
// $identifierName null matches $identifierValue under any argument name; identifierPairs holds
// 'name=value' strings and names never contain '='.
// In Neo4j Browser:
// :param from => datetime() - duration({days: 30});
// :param to => datetime();
// :param afterSeconds => datetime().epochSeconds + 1;
// :param afterNanos => 0;
// :param afterId => '';
// :param field => null;
// :param outcome => null;
// :param identifierName => null;
// :param identifierValue => null;
// :param limit => 51;
MATCH (a:AuditRecord)
WHERE a.at >= $from AND a.at < $to
  AND a.at <= datetime({epochSeconds: $afterSeconds, nanosecond: $afterNanos})
  AND CASE WHEN a.at = datetime({epochSeconds: $afterSeconds, nanosecond: $afterNanos})
           THEN a.auditId < $afterId ELSE true END
  AND ($field IS NULL OR a.field = $field)
  AND ($outcome IS NULL OR a.outcome = $outcome)
  AND ($identifierValue IS NULL OR any(pair IN coalesce(a.identifierPairs, []) WHERE
         CASE WHEN $identifierName IS NULL THEN substring(pair, size(split(pair, '=')[0]) + 1) = $identifierValue
              ELSE pair = $identifierName + '=' + $identifierValue END))
WITH a
ORDER BY a.at DESC, a.auditId DESC
LIMIT $limit
RETURN a {.auditId, .at, .subject, .roles, .resourceId, .requestId, .operation, .field, .identifiers, .outcome,
          atSeconds: a.at.epochSeconds, atNanos: a.at.nanosecond} AS record
