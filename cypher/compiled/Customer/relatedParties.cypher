// Customer.relatedParties, both directions: (a)-[:RELATED_TO {kind}]->(b) reads "a is the kind of b", so
// the party is the kind when it is the subject and the inverse ($inverseRole) otherwise; by role, then party.
COLLECT {
  CALL ({{customer}}) {
    MATCH ({{customer}})<-[relation:RELATED_TO]-(party:Customer)
    RETURN relation, party, relation.kind AS role
    UNION ALL
    MATCH ({{customer}})-[relation:RELATED_TO]->(party:Customer)
    RETURN relation, party, $inverseRole[relation.kind] AS role
  }
  WITH relation AS {{relation}}, party AS {{party}}, role AS {{role}}
  ORDER BY {{role}}, {{party}}.customerId
  RETURN {{projection}} AS value
}
