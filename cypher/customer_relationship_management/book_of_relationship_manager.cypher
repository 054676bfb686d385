// The book of the servicing resource $book.resourceId (a relationship manager's desk): the customers
// it MANAGES; those it covers as BACKUP_FOR their RM (with that RM); and for all of them (the book)
// the open plans ($book.openPlanStatuses) due for review by $book.reviewUntil (overdue: due before
// $book.today), the open incidents ($book.openIncidentStatuses) of their plans, the open leads
// ($book.openLeadStatuses) of the book's customers or OWNED_BY the resource, and their plans'
// contacts HELD from $book.recentFrom to $book.now or SCHEDULED from $book.now until
// $book.upcomingUntil (excluded). Each list has its total and at most $book.limit items. A customer's plan is
// its open one, else its latest; its value tier the VALUE_TIER rating in force at $book.now.
// Orders: customers by customerId (covered ones by their RM first); plans due, oldest review
// first; incidents, highest priority then oldest first; leads, oldest first; contacts, latest first.
// No row: no such resource.
// In Neo4j Browser:
// :param book => ({resourceId: 'R000001', now: datetime(), today: date(), reviewUntil: date() + duration({days: 30}), recentFrom: datetime() - duration({days: 30}), upcomingUntil: datetime() + duration({days: 30}), limit: 50, openPlanStatuses: ['DRAFT', 'VERIFIED', 'ACTIVE', 'SUSPENDED'], openIncidentStatuses: ['OPEN', 'IN_PROGRESS', 'ON_HOLD'], openLeadStatuses: ['CAPTURED', 'QUALIFYING', 'CONFIRMED', 'OFFER_INITIATED'], held: 'HELD', scheduled: 'SCHEDULED'});
MATCH (me:ServicingResource {resourceId: $book.resourceId})
CALL (me) {
  MATCH (me)-[:MANAGES]->(c:Customer)
  WITH c ORDER BY c.customerId
  RETURN collect({customer: c, rm: null}) AS managed
}
CALL (me) {
  MATCH (me)-[:BACKUP_FOR]->(rm:ServicingResource)-[:MANAGES]->(c:Customer)
  WITH rm, c ORDER BY rm.resourceId, c.customerId
  RETURN collect({customer: c, rm: rm}) AS covered
}
WITH me, managed + covered AS members
CALL (members) {
  UNWIND members AS m
  WITH m.customer AS c, m.rm AS rm
  RETURN collect(c {
    .customerId, .name, .segment, .kind,
    valueTier: COLLECT {
      MATCH (c)-[:HAS_PROFILE]->(:PartyState)-[:HAS_INDICATOR]->(tier:Indicator)
      WHERE tier.type = 'VALUE_TIER' AND tier.validFrom <= $book.now
        AND (tier.validTo IS NULL OR tier.validTo > $book.now)
      WITH tier ORDER BY tier.validFrom DESC LIMIT 1
      RETURN tier.value
    }[0],
    plan: COLLECT {
      MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan)
      WITH p ORDER BY p.status IN $book.openPlanStatuses DESC, p.createdAt DESC, p.planId LIMIT 1
      RETURN p {.planId, .status, .reviewDue}
    }[0],
    coveredFor: rm {.resourceId, .name}
  }) AS customers
}
WITH me, [m IN members | m.customer] AS book, customers
CALL (book) {
  UNWIND book AS c
  MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan)
  WHERE p.status IN $book.openPlanStatuses AND p.reviewDue <= $book.reviewUntil
  WITH c, p ORDER BY p.reviewDue, p.planId
  RETURN count(*) AS plansDue,
         collect(p {.planId, .status, .reviewDue, overdue: p.reviewDue < $book.today,
                    customer: c {.customerId, .name}})[..$book.limit] AS plansDueItems
}
CALL (book) {
  UNWIND book AS c
  MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan)-[:HAS_INCIDENT]->(i:Incident)
  WHERE i.status IN $book.openIncidentStatuses
  WITH c, p, i ORDER BY i.priority DESC, i.createdAt, i.incidentId
  RETURN count(*) AS incidents,
         collect(i {.incidentId, .incidentType, .priority, .status, .createdAt, planId: p.planId,
                    ageDays: duration.inDays(i.createdAt, $book.now).days,
                    customer: c {.customerId, .name}})[..$book.limit] AS incidentItems
}
CALL (me, book) {
  CALL (me, book) {
    UNWIND book AS c
    MATCH (c)-[:HAS_LEAD]->(l:Lead)
    WHERE l.status IN $book.openLeadStatuses
    RETURN l
    UNION
    MATCH (me)<-[:OWNED_BY]-(l:Lead)
    WHERE l.status IN $book.openLeadStatuses
    RETURN l
  }
  WITH l ORDER BY l.createdAt, l.leadId
  RETURN count(*) AS leads,
         collect(l {.leadId, .status, .createdAt,
                    customer: [(c:Customer)-[:HAS_LEAD]->(l) | c {.customerId, .name}][0],
                    product: [(l)-[:FOR_PRODUCT]->(p:Product) | p {.productId, .name, .family}][0],
                    owner: [(l)-[:OWNED_BY]->(o:ServicingResource) | o {.resourceId, .name}][0]
         })[..$book.limit] AS leadItems
}
CALL (book) {
  UNWIND book AS c
  MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan)-[:HAS_CONTACT]->(k:PlanContact)
  WHERE (k.status = $book.held AND $book.recentFrom <= k.scheduledAt <= $book.now)
     OR (k.status = $book.scheduled AND $book.now <= k.scheduledAt < $book.upcomingUntil)
  WITH c, p, k ORDER BY k.scheduledAt DESC, k.contactId
  RETURN count(*) AS contacts,
         collect(k {.contactId, .contactType, .status, .scheduledAt, planId: p.planId,
                    customer: c {.customerId, .name},
                    withResource: [(k)-[:WITH_RESOURCE]->(r:ServicingResource) | r {.resourceId, .name}][0]
         })[..$book.limit] AS contactItems
}
WITH me, customers, plansDue, plansDueItems, incidents, incidentItems, leads, leadItems, contacts, contactItems,
     [x IN customers WHERE x.coveredFor IS NULL] AS managedRows,
     [x IN customers WHERE x.coveredFor IS NOT NULL] AS coveredRows
RETURN me {.resourceId, .name, .kind} AS resource,
       {total: size(managedRows), items: managedRows[..$book.limit]} AS managedCustomers,
       {total: size(coveredRows), items: coveredRows[..$book.limit]} AS coveredCustomers,
       {total: plansDue, items: plansDueItems} AS plansDueForReview,
       {total: incidents, items: incidentItems} AS openIncidents,
       {total: leads, items: leadItems} AS openLeads,
       {total: contacts, items: contactItems} AS recentContacts
