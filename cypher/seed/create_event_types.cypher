// Creates the Customer Event History vocabulary: EventType nodes of each category, and the
// lead rules life events carry: (EventType)-[:SUGGESTS {reason}]->(Product).
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
