// Creates Customer nodes, each with its routing profile (PartyState) and its CustomerEventLog.
// Dates arrive as ISO-8601 strings and instants as epoch seconds (see graph/seed/loader.py).
// replan=skip: seeding changes the statistics so fast that Neo4j would keep re-planning this
// statement; its plan (unique-index seeks) does not depend on them.
// In Neo4j Browser (graph/seed sends thousands of such rows; one shown):
// :param rows => [{customerId: 'C0000001', name: 'William Taylor', kind: 'PERSON', segment: 'AFFLUENT', status: 'ACTIVE', language: 'en', customerSince: '1997-04-04', country: 'IE', profileCreatedAt: 860155637}];
CYPHER replan=skip
UNWIND $rows AS row
CREATE (c:Customer {
  customerId: row.customerId, name: row.name, searchName: toLower(row.name), kind: row.kind, segment: row.segment, status: row.status,
  language: row.language, customerSince: date(row.customerSince), country: row.country
})
CREATE (c)-[:HAS_PROFILE]->(:PartyState {
  partyStateId: 'PS-' + row.customerId, customerId: row.customerId,
  createdAt: datetime({epochSeconds: row.profileCreatedAt})
})
CREATE (c)-[:HAS_EVENT_LOG]->(:CustomerEventLog {eventLogId: 'EL-' + row.customerId, customerId: row.customerId})
