// One page of what one request ($requestId, from X-Request-ID or an INTERNAL error) did, newest
// first (ties by auditId, descending), in a time window, optionally narrowed by subject, field,
// outcome and an identifier among the recorded arguments. auditRecords(filter: {requestId})
// (resolvers/audit_trail.py). A seek on the audit_record_request_id index: a request leaves a
// record per root mutation field, so the few rows found are sorted, not read in index order.
// Window, cursor and identifier as in audit_records.cypher.
// In Neo4j Browser:
// :param requestId => 'req-0001-example';
// :param subject => null;
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
USING INDEX a:AuditRecord(requestId)
WHERE a.requestId = $requestId AND a.at >= $from AND a.at < $to
  AND a.at <= datetime({epochSeconds: $afterSeconds, nanosecond: $afterNanos})
  AND CASE WHEN a.at = datetime({epochSeconds: $afterSeconds, nanosecond: $afterNanos})
           THEN a.auditId < $afterId ELSE true END
  AND ($subject IS NULL OR a.subject = $subject)
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
