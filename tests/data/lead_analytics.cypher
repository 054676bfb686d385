// Lead analytics (load small_bank.cypher first): thirteen leads of the Martin household, Acme and
// Dieter in every status, owned by Rita Owen (R000201) or Sam Price (R000202); Tom Quinn (R000203)
// owns none; L10 has no owner, campaign type or source. Seeded-style leads carry no classification.
// Lead L05 (REJECTED) has Sales events showing it reached CONFIRMED; L06 (EXPIRED) only a
// LEAD_ASSIGNED event, so it counts at CAPTURED. tests/resolvers/lead_and_opportunity_management/test_lead_analytics.py computes
// every expected figure from these rows by hand.
CREATE (:ServicingResource {resourceId: 'R000201', name: 'Rita Owen', kind: 'RELATIONSHIP_MANAGER', status: 'AVAILABLE', languages: ['en']})
CREATE (:ServicingResource {resourceId: 'R000202', name: 'Sam Price', kind: 'AGENT', status: 'AVAILABLE', languages: ['en']})
CREATE (:ServicingResource {resourceId: 'R000203', name: 'Tom Quinn', kind: 'AGENT', status: 'OFFLINE', languages: ['en']})
WITH 1 AS done
UNWIND [
  {id: 'L01', customer: 'C0000001', product: 'P-CARD-GOLD', campaign: 'CROSS_SELL', source: 'CAMPAIGN', status: 'WON', classification: 'HOT',
   created: '2026-01-05T00:00:00Z', closed: '2026-01-15T00:00:00Z', owner: 'R000201'},
  {id: 'L02', customer: 'C0000002', product: 'P-CARD-GOLD', campaign: 'CROSS_SELL', source: 'CAMPAIGN', status: 'LOST', classification: 'WARM',
   created: '2026-01-10T00:00:00Z', closed: '2026-01-30T12:00:00Z', owner: 'R000201'},
  {id: 'L03', customer: 'C0000003', product: 'P-CARD-GOLD', campaign: 'CROSS_SELL', source: 'SERVICING_INTERACTION', status: 'OFFER_INITIATED', classification: 'HOT',
   created: '2026-02-01T00:00:00Z', closed: null, owner: 'R000201'},
  {id: 'L04', customer: 'C0000004', product: 'P-CARD-GOLD', campaign: 'CROSS_SELL', source: 'MANUAL', status: 'CAPTURED', classification: null,
   created: '2026-03-25T00:00:00Z', closed: null, owner: 'R000202'},
  {id: 'L05', customer: 'C0000002', product: 'P-MORTGAGE-FIXED', campaign: 'CROSS_SELL', source: 'EVENT', status: 'REJECTED', classification: 'COLD',
   created: '2026-01-20T00:00:00Z', closed: '2026-02-19T00:00:00Z', owner: 'R000202'},
  {id: 'L06', customer: 'C0000003', product: 'P-MORTGAGE-FIXED', campaign: 'CROSS_SELL', source: 'CAMPAIGN', status: 'EXPIRED', classification: null,
   created: '2026-01-02T00:00:00Z', closed: '2026-03-03T00:00:00Z', owner: 'R000202'},
  {id: 'L07', customer: 'C0000001', product: 'P-MORTGAGE-FIXED', campaign: 'UP_SELL', source: 'SERVICING_INTERACTION', status: 'QUALIFYING', classification: 'WARM',
   created: '2026-03-20T00:00:00Z', closed: null, owner: 'R000201'},
  {id: 'L08', customer: 'C0000005', product: 'P-CURRENT', campaign: 'RETENTION', source: 'MANUAL', status: 'CONFIRMED', classification: null,
   created: '2026-02-15T00:00:00Z', closed: null, owner: 'R000202'},
  {id: 'L09', customer: 'C0000006', product: 'P-CURRENT', campaign: 'RETENTION', source: 'CAMPAIGN', status: 'WON', classification: null,
   created: '2026-02-01T00:00:00Z', closed: '2026-02-05T00:00:00Z', owner: 'R000202'},
  {id: 'L10', customer: 'C0000004', product: 'P-CURRENT', campaign: null, source: null, status: 'CAPTURED', classification: null,
   created: '2026-03-30T12:00:00Z', closed: null, owner: null},
  {id: 'L11', customer: 'C0000005', product: 'P-CARD-GOLD', campaign: 'CROSS_SELL', source: 'CAMPAIGN', status: 'WON', classification: null,
   created: '2025-11-01T00:00:00Z', closed: '2026-01-10T00:00:00Z', owner: 'R000201'},
  {id: 'L12', customer: 'C0000006', product: 'P-MORTGAGE-FIXED', campaign: 'CROSS_SELL', source: 'MANUAL', status: 'CAPTURED', classification: null,
   created: '2025-12-01T00:00:00Z', closed: null, owner: 'R000201'},
  {id: 'L13', customer: 'C0000001', product: 'P-CURRENT', campaign: 'CROSS_SELL', source: 'MANUAL', status: 'CAPTURED', classification: null,
   created: '2026-04-02T00:00:00Z', closed: null, owner: 'R000202'}
] AS row
MATCH (c:Customer {customerId: row.customer}), (p:Product {productId: row.product})
CREATE (c)-[:HAS_LEAD]->(l:Lead {leadId: row.id, status: row.status, campaignType: row.campaign, source: row.source,
  classification: row.classification, priority: 3, description: 'Lead ' + row.id, createdAt: datetime(row.created),
  closedAt: datetime(row.closed)})
CREATE (l)-[:FOR_PRODUCT]->(p)
WITH l, row
OPTIONAL MATCH (owner:ServicingResource {resourceId: row.owner})
FOREACH (o IN CASE WHEN owner IS NULL THEN [] ELSE [owner] END | CREATE (l)-[:OWNED_BY]->(o))
WITH count(*) AS leads
UNWIND [
  {id: 'EV-L05-1', customer: 'C0000002', lead: 'L05', type: 'LEAD_CAPTURED', at: '2026-01-20T00:00:00Z'},
  {id: 'EV-L05-2', customer: 'C0000002', lead: 'L05', type: 'LEAD_QUALIFYING', at: '2026-01-25T00:00:00Z'},
  {id: 'EV-L05-3', customer: 'C0000002', lead: 'L05', type: 'LEAD_CONFIRMED', at: '2026-02-01T00:00:00Z'},
  {id: 'EV-L05-4', customer: 'C0000002', lead: 'L05', type: 'LEAD_REJECTED', at: '2026-02-19T00:00:00Z'},
  {id: 'EV-L06-1', customer: 'C0000003', lead: 'L06', type: 'LEAD_ASSIGNED', at: '2026-01-03T00:00:00Z'}
] AS row
MATCH (c:Customer {customerId: row.customer}), (l:Lead {leadId: row.lead})
MERGE (c)-[:HAS_EVENT_LOG]->(log:CustomerEventLog {eventLogId: 'EL-' + row.customer, customerId: row.customer})
CREATE (log)-[:RECORDED]->(e:Event:SalesEvent {eventId: row.id, customerId: row.customer, category: 'SALES',
  type: row.type, occurredAt: datetime(row.at), channel: 'PHONE', record: row.type})
CREATE (e)-[:CONCERNS]->(l)
