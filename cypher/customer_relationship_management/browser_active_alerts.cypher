// For Neo4j Browser: the alerts in force at $alerts.at on the customers of a relationship
// manager's book (managed by $alerts.resourceId, or covered as BACKUP_FOR their RM), as paths
// Browser draws: RM, customer, routing profile, alert and its type (which says whether it blocks
// sales, needs a skill or routes to a pool). In force: validFrom <= at < validTo (no validTo:
// current), as every reader of indicators takes it. No row: no alert in force in that book.
// :param alerts => ({resourceId: 'R000001', at: datetime()})
MATCH (me:ServicingResource {resourceId: $alerts.resourceId})
CALL (me) {
  MATCH book = (me)-[:MANAGES]->(c:Customer)
  RETURN book, c
  UNION ALL
  MATCH book = (me)-[:BACKUP_FOR]->(:ServicingResource)-[:MANAGES]->(c:Customer)
  RETURN book, c
}
MATCH alert = (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(a:Alert)-[:OF_TYPE]->(:IndicatorType)
WHERE a.validFrom <= $alerts.at AND (a.validTo IS NULL OR $alerts.at < a.validTo)
RETURN book, alert
