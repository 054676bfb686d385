// Objects outside Tom's book (R000303, BACKUP_FOR Rita: Alice, Bob and Acme are his book) that the
// paths of tests/gateway/security/test_book_paths.py reach from inside it (load after small_bank,
// relationship_plans, authz_book, book_extras and customer_network). Chloe (C0000003), Alice's
// daughter and household member, gets a routing profile and an event log with an event; Acme
// Holdings (C0000006), Acme's parent, an event log with an event. POOL-PATHS holds allocations of
// customers in and outside the book: Dieter's ACCEPTED by Sam, Alice's ACCEPTED by Tom, Chloe's
// QUEUED in it, and Dieter's offered to Tom and REJECTED (a REJECTED offer puts no one in a book).
MATCH (chloe:Customer {customerId: 'C0000003'}), (group:Customer {customerId: 'C0000006'}),
      (alice:Customer {customerId: 'C0000001'}), (dieter:Customer {customerId: 'C0000005'}),
      (sam:ServicingResource {resourceId: 'R000302'}), (tom:ServicingResource {resourceId: 'R000303'})
CREATE (chloe)-[:HAS_PROFILE]->(chloeState:PartyState {partyStateId: 'PS-C0000003', customerId: 'C0000003'})
CREATE (chloeState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-PATHS-1', type: 'VALUE_TIER', value: 'BRONZE',
  validFrom: datetime() - duration({days: 30}), source: 'CORE_BANKING'})
CREATE (pool:ServicingPool {poolId: 'POOL-PATHS', name: 'Paths pool', purpose: 'SERVICING', strategy: 'LEAST_LOAD',
  offerTimeoutSeconds: 45, serviceLevelSeconds: 30})
CREATE (tom)-[:MEMBER_OF]->(pool)
WITH chloe, group, alice, dieter, sam, tom, pool
UNWIND [[chloe, 'C0000003', 'LifeEvent', 'LIFE', 'RELOCATION', 'RECORDED'],
        [group, 'C0000006', 'ServicingEvent', 'SERVICING', 'BALANCE_ENQUIRY', 'RESOLVED']] AS e
WITH chloe, alice, dieter, sam, tom, pool, e, e[0] AS owner
CREATE (owner)-[:HAS_EVENT_LOG]->(log:CustomerEventLog {eventLogId: 'EL-' + e[1], customerId: e[1], status: 'ACTIVE'})
CREATE (log)-[:RECORDED]->(:Event:$(e[2]) {eventId: 'EV-PATHS-' + e[1], customerId: e[1], category: e[3], type: e[4],
  occurredAt: datetime() - duration({days: 3}), channel: 'PHONE', record: e[4], result: e[5], source: 'CORE',
  capturedAt: datetime() - duration({days: 3}), capturedBy: 'feed', version: 1})
WITH DISTINCT chloe, alice, dieter, sam, tom, pool
UNWIND [['AL-PATHS-1', dieter, sam, 'ACCEPTED', 40], ['AL-PATHS-2', alice, tom, 'ACCEPTED', 30],
        ['AL-PATHS-3', chloe, null, 'QUEUED', 20], ['AL-PATHS-4', dieter, tom, 'REJECTED', 10]] AS a
WITH pool, a, a[1] AS customer
CREATE (allocation:Allocation {allocationId: a[0], contactId: a[0], customerId: a[1].customerId, status: a[3],
  channel: 'PHONE', purpose: 'SERVICING', priority: 1, requestedAt: datetime() - duration({minutes: a[4]}),
  updatedAt: datetime() - duration({minutes: a[4]})})-[:FOR_CUSTOMER]->(customer)
FOREACH (resource IN CASE WHEN a[2] IS NULL THEN [] ELSE [a[2]] END |
  CREATE (allocation)-[:ASSIGNED_TO]->(resource) CREATE (allocation)-[:IN_POOL]->(pool))
FOREACH (queued IN CASE WHEN a[2] IS NULL THEN [pool] ELSE [] END | CREATE (allocation)-[:QUEUED_IN]->(queued))
// Every object the paths reach reads whole: authz_book's bare objects of Dieter get the properties
// their types need, and Alice's lead a development (the book's side of DV-AUTHZ-1).
WITH DISTINCT 1 AS done
MATCH (p:PartyState) WHERE p.createdAt IS NULL
SET p.createdAt = datetime() - duration({days: 400})
WITH DISTINCT 1 AS done
MATCH (i:Indicator) WHERE i.capturedAt IS NULL
SET i.type = coalesce(i.type, 'IN_ARREARS'), i.value = coalesce(i.value, '30_DPD'),
    i.validFrom = coalesce(i.validFrom, datetime() - duration({days: 20})), i.capturedAt = coalesce(i.validFrom, datetime() - duration({days: 20})),
    i.source = coalesce(i.source, 'CORE_BANKING')
WITH DISTINCT 1 AS done
MATCH (log:CustomerEventLog) WHERE log.status IS NULL
SET log.status = 'ACTIVE'
WITH DISTINCT 1 AS done
MATCH (e:Event {eventId: 'EV-AUTHZ-1'})
SET e += {customerId: 'C0000005', category: 'LIFE', type: 'RELOCATION', occurredAt: datetime() - duration({days: 4}),
          channel: 'PHONE', record: 'RELOCATION', result: 'RECORDED', source: 'CORE',
          capturedAt: datetime() - duration({days: 4}), capturedBy: 'feed', version: 1}
WITH DISTINCT 1 AS done
MATCH (lead:Lead {leadId: 'LD-AUTHZ-1'}), (card:Product {productId: 'P-CARD-GOLD'}), (sam:ServicingResource {resourceId: 'R000302'})
SET lead += {status: 'QUALIFYING', campaignType: 'CROSS_SELL', source: 'MANUAL', priority: 3, createdAt: datetime() - duration({days: 6})}
CREATE (lead)-[:FOR_PRODUCT]->(card)
CREATE (lead)-[:OWNED_BY]->(sam)
WITH DISTINCT 1 AS done
MATCH (d:LeadDevelopment {developmentId: 'DV-AUTHZ-1'})
SET d += {type: 'GENERATE_MESSAGE', status: 'OPEN', documents: [], workProducts: [], createdAt: datetime() - duration({days: 5}),
          createdBy: 'R000302', updatedAt: datetime() - duration({days: 5}), updatedBy: 'R000302'}
WITH DISTINCT 1 AS done
MATCH (lead:Lead {leadId: 'LD-BOOK-1'}), (rita:ServicingResource {resourceId: 'R000301'})
CREATE (lead)-[:HAS_DEVELOPMENT]->(d:LeadDevelopment {developmentId: 'DV-PATHS-1', type: 'GENERATE_MESSAGE', status: 'OPEN',
  documents: [], workProducts: [], createdAt: datetime() - duration({days: 5}), createdBy: 'R000301',
  updatedAt: datetime() - duration({days: 5}), updatedBy: 'R000301'})
CREATE (d)-[:ASSIGNED_TO]->(rita)
WITH DISTINCT 1 AS done
MATCH (a:Allocation {allocationId: 'AL-AUTHZ-1'}), (dieter:Customer {customerId: 'C0000005'})
SET a += {contactId: 'AL-AUTHZ-1', channel: 'PHONE', purpose: 'SERVICING', priority: 1,
          requestedAt: datetime() - duration({days: 1}), updatedAt: datetime() - duration({days: 1})}
CREATE (a)-[:FOR_CUSTOMER]->(dieter)
WITH DISTINCT 1 AS done
MATCH (d:LeadDevelopment {developmentId: 'DV-AUTHZ-1'}), (sam:ServicingResource {resourceId: 'R000302'})
CREATE (d)-[:ASSIGNED_TO]->(sam)
// An event of every category for Dieter (outside the book) and of the two Alice lacks for her:
// each by-category look-up has one of each side to name.
WITH DISTINCT 1 AS done
UNWIND [['C0000005', 'RelationshipEvent', 'RELATIONSHIP', 'REVIEW_MEETING'], ['C0000005', 'SalesEvent', 'SALES', 'PRODUCT_ENQUIRY'],
        ['C0000005', 'ServicingEvent', 'SERVICING', 'BALANCE_ENQUIRY'],
        ['C0000005', 'ProductProcessingEvent', 'PRODUCT_PROCESSING', 'STATEMENT_ISSUED'],
        ['C0000005', 'FraudEvent', 'FRAUD', 'CARD_BLOCKED'], ['C0000001', 'RelationshipEvent', 'RELATIONSHIP', 'REVIEW_MEETING'],
        ['C0000001', 'FraudEvent', 'FRAUD', 'CARD_BLOCKED']] AS e
MATCH (log:CustomerEventLog {customerId: e[0]})
CREATE (log)-[:RECORDED]->(:Event:$(e[1]) {eventId: 'EV-PATHS-' + e[0] + '-' + e[2], customerId: e[0], category: e[2],
  type: e[3], occurredAt: datetime() - duration({days: 2}), channel: 'PHONE', record: e[3], result: 'COMPLETED',
  source: 'CORE', capturedAt: datetime() - duration({days: 2}), capturedBy: 'feed', version: 1})
// A development task on Acme Holdings' plan (outside the book), beside its incident and contact.
WITH DISTINCT 1 AS done
MATCH (plan:RelationshipPlan {planId: 'RP-C0000006'}), (sam:ServicingResource {resourceId: 'R000302'})
CREATE (plan)-[:HAS_DEVELOPMENT_TASK]->(task:DevelopmentTask {taskId: 'DT-PATHS-1', taskType: 'NEEDS_ANALYSIS', status: 'OPEN',
  description: 'Review the facility', createdAt: datetime() - duration({days: 8}), createdBy: 'R000302',
  updatedAt: datetime() - duration({days: 8}), updatedBy: 'R000302'})
CREATE (task)-[:ASSIGNED_TO]->(sam)
