// The whole graph as one comparable value, computed in Neo4j (tests/support.py, fingerprint):
// equal fingerprints mean no node, relationship, label or property changed. Each node and
// relationship becomes one line (labels or type, then its properties by key, each value with its
// type, relationships with their ends' ids); the lines are sorted, so the order Neo4j happens to
// return them in does not matter. AuditRecord nodes count only when $audit is true: every
// mutation writes one, refused or not (gateway/security/audit.py).
// :param audit => false
CALL () {
  MATCH (n) WHERE $audit OR NOT n:AuditRecord
  WITH elementId(n) + '|' + reduce(s = '', label IN COLLECT { UNWIND labels(n) AS l RETURN l ORDER BY l } | s + ':' + label)
       + reduce(s = '', key IN COLLECT { UNWIND keys(n) AS k RETURN k ORDER BY k } |
                s + '|' + key + '=' + valueType(n[key]) + ' ' +
                CASE WHEN valueType(n[key]) STARTS WITH 'LIST'
                     THEN reduce(t = '', item IN n[key] | t + size(toString(item)) + '#' + toString(item))
                     ELSE size(toString(n[key])) + '#' + toString(n[key]) END) AS line
  ORDER BY line
  RETURN count(line) AS nodes, collect(line) AS nodeLines
}
CALL () {
  MATCH (a)-[r]->(b) WHERE $audit OR NOT (a:AuditRecord OR b:AuditRecord)
  WITH elementId(a) + '-' + type(r) + '->' + elementId(b) + '|' + elementId(r)
       + reduce(s = '', key IN COLLECT { UNWIND keys(r) AS k RETURN k ORDER BY k } |
                s + '|' + key + '=' + valueType(r[key]) + ' ' +
                CASE WHEN valueType(r[key]) STARTS WITH 'LIST'
                     THEN reduce(t = '', item IN r[key] | t + size(toString(item)) + '#' + toString(item))
                     ELSE size(toString(r[key])) + '#' + toString(r[key]) END) AS line
  ORDER BY line
  RETURN count(line) AS relationships, collect(line) AS relationshipLines
}
RETURN nodes, relationships, nodeLines, relationshipLines
