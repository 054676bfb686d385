// One page of what one principal ($subject, the token's subject) did, newest first (ties by
// auditId, descending), in a time window, optionally narrowed by field, outcome and an
// identifier among the recorded arguments. auditRecords(filter: {subject}) without a request id
// (resolvers/audit_trail.py). A seek on the audit_record_subject_at index (subject equality,
// `at` range) read in descending order, so other principals' records are never read.
// Window, cursor and identifier as in audit_records.cypher.
// In Neo4j Browser:
// :param subject => 'R000001';
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
USING INDEX a:AuditRecord(subject, at)
WHERE a.subject = $subject AND a.at >= $from AND a.at < $to
  AND a.at <= datetime({epochSeconds: $afterSeconds, nanosecond: $afterNanos})
  AND CASE WHEN a.at = datetime({epochSeconds: $afterSeconds, nanosecond: $afterNanos})
           THEN a.auditId < $afterId ELSE true END
  AND ($field IS NULL OR a.field = $field)
  AND ($outcome IS NULL OR a.outcome = $outcome)
  AND ($identifierValue IS NULL OR any(pair IN coalesce(a.identifierPairs, []) WHERE
         CASE WHEN $identifierName IS NULL THEN substring(pair, size(split(pair, '=')[0]) + 1) = $identifierValue
              ELSE pair = $identifierName + '=' + $identifierValue END))
WITH a
// subject is one value here; ordering by it first lets the planner read the index backwards
// (PartialTop) instead of sorting every record of the principal (Top).
ORDER BY a.subject DESC, a.at DESC, a.auditId DESC
LIMIT $limit
RETURN a {.auditId, .at, .subject, .roles, .resourceId, .requestId, .operation, .field, .identifiers, .outcome,
          atSeconds: a.at.epochSeconds, atNanos: a.at.nanosecond} AS record
