// Creates the Customer Event History vocabulary: EventType nodes of each category, and the
// lead rules life events carry: (EventType)-[:SUGGESTS {reason}]->(Product).
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{code: 'REVIEW_MEETING', category: 'RELATIONSHIP', name: 'Relationship review meeting', suggests: []}];
UNWIND $rows AS row
MERGE (t:EventType {code: row.code})
SET t.category = row.category, t.name = row.name
WITH t, row
CALL (t, row) {
  UNWIND row.suggests AS suggestion
  MATCH (p:Product {productId: suggestion.productId})
  MERGE (t)-[s:SUGGESTS]->(p)
  SET s.reason = suggestion.reason
}
