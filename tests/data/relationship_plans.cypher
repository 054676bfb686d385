// Relationship plans for the small bank (load after small_bank), dated relative to now so the
// review windows hold whenever the tests run.
// Books: Rita (R000301) manages Alice, Bob and Acme; Sam (R000302) manages Dieter and Acme Holdings;
// Tom (R000303) is BACKUP_FOR Rita (he covers her book); Rita is BACKUP_FOR Sam. Chloe has no RM.
// Plans: Alice's RP-C0000001 is ACTIVE with a review five days overdue, two goals, an OPEN task, an
// OPEN incident about a failed repayment and a meeting held 30 days ago; Acme's RP-C0000004 is
// SUSPENDED; Acme Holdings' RP-C0000006 is ACTIVE (one goal achieved, one missed); Dieter's
// RP-C0000005 is CLOSED. Bob has no plan.
// Activity: Alice had 8 events 91-180 days ago and 3 in the last 90 (a failed repayment, a
// relocation, a balance enquiry): trending lower. Acme had 2 and 2: steady.
CREATE (rita:ServicingResource {resourceId: 'R000301', name: 'Rita Hale', kind: 'RELATIONSHIP_MANAGER',
        status: 'AVAILABLE', languages: ['en'], capacityPhone: 1, capacityVideo: 1, capacityBranch: 1})
CREATE (sam:ServicingResource {resourceId: 'R000302', name: 'Sam Ortiz', kind: 'RELATIONSHIP_MANAGER',
        status: 'AVAILABLE', languages: ['en', 'de'], capacityPhone: 1, capacityVideo: 1, capacityBranch: 1})
CREATE (tom:ServicingResource {resourceId: 'R000303', name: 'Tom Reed', kind: 'RELATIONSHIP_MANAGER',
        status: 'AVAILABLE', languages: ['en'], capacityPhone: 1, capacityVideo: 1, capacityBranch: 1})
CREATE (tom)-[:BACKUP_FOR]->(rita)
CREATE (rita)-[:BACKUP_FOR]->(sam)
WITH rita, sam
MATCH (alice:Customer {customerId: 'C0000001'}), (bob:Customer {customerId: 'C0000002'}),
      (acme:Customer {customerId: 'C0000004'}), (dieter:Customer {customerId: 'C0000005'}),
      (group:Customer {customerId: 'C0000006'}), (mortgage:Product {productId: 'P-MORTGAGE-FIXED'})
CREATE (rita)-[:MANAGES {since: date('2020-01-01')}]->(alice)
CREATE (rita)-[:MANAGES {since: date('2020-01-01')}]->(bob)
CREATE (rita)-[:MANAGES {since: date('2019-05-01')}]->(acme)
CREATE (sam)-[:MANAGES {since: date('2018-03-01')}]->(dieter)
CREATE (sam)-[:MANAGES {since: date('2018-03-01')}]->(group)
CREATE (:Campaign {campaignId: 'CMP-PREMIER-SAVE', name: 'Premier savings drive', type: 'CROSS_SELL', version: 1,
                   startsOn: date() - duration({days: 30}), endsOn: date() + duration({days: 60})})
CREATE (:Campaign {campaignId: 'CMP-ENDED', name: "Last year's card campaign", type: 'CROSS_SELL', version: 3,
                   startsOn: date() - duration({days: 400}), endsOn: date() - duration({days: 35})})
CREATE (alice)-[:HAS_PLAN]->(alicePlan:RelationshipPlan {
  planId: 'RP-C0000001', planType: 'MANAGEMENT', status: 'ACTIVE',
  description: 'Premier relationship plan for Alice Martin',
  validFrom: date() - duration({days: 200}), validTo: date() + duration({days: 165}),
  reviewDue: date() - duration({days: 5}),
  insightType: 'LIFE_STAGE', insightDescription: 'Family growing; likely to move house within two years',
  createdAt: datetime() - duration({days: 200}), createdBy: 'R000301',
  updatedAt: datetime() - duration({days: 200}), updatedBy: 'R000301'})
CREATE (alicePlan)-[:OWNED_BY]->(rita)
CREATE (alicePlan)-[:HAS_GOAL]->(:Goal {goalId: 'RP-C0000001-G1', goalType: 'CROSS_SELL',
  definition: 'Hold a savings product', target: '1 new product', result: 'ON_TRACK'})
CREATE (alicePlan)-[:HAS_GOAL]->(:Goal {goalId: 'RP-C0000001-G2', goalType: 'RETAIN',
  definition: 'Keep the mortgage with us at renewal', target: 'Renewal signed', result: 'AT_RISK'})
CREATE (alicePlan)-[:HAS_DEVELOPMENT_TASK]->(task:DevelopmentTask {
  taskId: 'DT-RP-C0000001-1', taskType: 'NEEDS_ANALYSIS', status: 'OPEN',
  description: 'Analyse savings needs before the renewal', createdAt: datetime() - duration({days: 20}),
  createdBy: 'R000301', updatedAt: datetime() - duration({days: 20}), updatedBy: 'R000301'})
CREATE (task)-[:ASSIGNED_TO]->(rita)
CREATE (alicePlan)-[:HAS_CONTACT]->(held:PlanContact {
  contactId: 'PC-RP-C0000001-1', contactType: 'MEETING', status: 'HELD',
  scheduledAt: datetime() - duration({days: 30}), location: 'Mayfair branch', scheduleType: 'ONE_OFF',
  purpose: 'Annual review', result: 'Customer happy; asked about savings', content: 'Discussed the renewal',
  createdAt: datetime() - duration({days: 40}), createdBy: 'R000301',
  updatedAt: datetime() - duration({days: 30}), updatedBy: 'R000301'})
CREATE (held)-[:WITH_RESOURCE]->(rita)
CREATE (acme)-[:HAS_PLAN]->(acmePlan:RelationshipPlan {
  planId: 'RP-C0000004', planType: 'STRATEGY', status: 'SUSPENDED', description: 'Corporate plan for Acme Widgets',
  validFrom: date() - duration({days: 100}), validTo: date() + duration({days: 265}),
  reviewDue: date() + duration({days: 60}),
  createdAt: datetime() - duration({days: 100}), createdBy: 'R000301',
  updatedAt: datetime() - duration({days: 10}), updatedBy: 'R000301'})
CREATE (acmePlan)-[:OWNED_BY]->(rita)
CREATE (acmePlan)-[:HAS_GOAL]->(:Goal {goalId: 'RP-C0000004-G1', goalType: 'GROW_WALLET_SHARE',
  definition: 'Move the payroll to us', target: 'Payroll account opened', result: 'NOT_STARTED'})
CREATE (group)-[:HAS_PLAN]->(groupPlan:RelationshipPlan {
  planId: 'RP-C0000006', planType: 'FINANCIAL', status: 'ACTIVE', description: 'Group financial plan',
  validFrom: date() - duration({days: 300}), validTo: date() + duration({days: 65}),
  reviewDue: date() + duration({days: 100}),
  createdAt: datetime() - duration({days: 300}), createdBy: 'R000302',
  updatedAt: datetime() - duration({days: 300}), updatedBy: 'R000302'})
CREATE (groupPlan)-[:OWNED_BY]->(sam)
CREATE (groupPlan)-[:HAS_GOAL]->(:Goal {goalId: 'RP-C0000006-G1', goalType: 'RISK_REDUCTION',
  definition: 'Secure the revolving facility', target: 'Collateral registered', result: 'ACHIEVED'})
CREATE (groupPlan)-[:HAS_GOAL]->(:Goal {goalId: 'RP-C0000006-G2', goalType: 'GROW_WALLET_SHARE',
  definition: 'FX business with us', target: '2 FX deals', result: 'MISSED'})
CREATE (dieter)-[:HAS_PLAN]->(dieterPlan:RelationshipPlan {
  planId: 'RP-C0000005', planType: 'ADMINISTRATIVE', status: 'CLOSED', description: 'Dormancy plan',
  validFrom: date() - duration({days: 500}), validTo: date() - duration({days: 100}),
  reviewDue: date() - duration({days: 150}),
  createdAt: datetime() - duration({days: 500}), createdBy: 'R000302',
  updatedAt: datetime() - duration({days: 100}), updatedBy: 'R000302'})
CREATE (dieterPlan)-[:OWNED_BY]->(sam)
WITH alice, acme, alicePlan, mortgage
MATCH (c:Customer) WHERE c.customerId IN ['C0000001', 'C0000004']
CREATE (c)-[:HAS_EVENT_LOG]->(:CustomerEventLog {eventLogId: 'EL-' + c.customerId, customerId: c.customerId,
                                                 status: 'ACTIVE'})
WITH DISTINCT alicePlan, mortgage
UNWIND [
  ['C0000001', '01', 'ServicingEvent', 'SERVICING', 'BALANCE_ENQUIRY', 170, 'RESOLVED'],
  ['C0000001', '02', 'ServicingEvent', 'SERVICING', 'BALANCE_ENQUIRY', 160, 'RESOLVED'],
  ['C0000001', '03', 'SalesEvent', 'SALES', 'PRODUCT_ENQUIRY', 150, 'INTERESTED'],
  ['C0000001', '04', 'ProductProcessingEvent', 'PRODUCT_PROCESSING', 'STATEMENT_ISSUED', 140, 'COMPLETED'],
  ['C0000001', '05', 'ServicingEvent', 'SERVICING', 'ADDRESS_CHANGE', 130, 'RESOLVED'],
  ['C0000001', '06', 'ProductProcessingEvent', 'PRODUCT_PROCESSING', 'LIMIT_CHANGED', 120, 'COMPLETED'],
  ['C0000001', '07', 'ServicingEvent', 'SERVICING', 'BALANCE_ENQUIRY', 110, 'RESOLVED'],
  ['C0000001', '08', 'SalesEvent', 'SALES', 'OFFER_PRESENTED', 100, 'DECLINED'],
  ['C0000001', '09', 'ProductProcessingEvent', 'PRODUCT_PROCESSING', 'PAYMENT_MISSED', 60, 'FAILED'],
  ['C0000001', '10', 'LifeEvent', 'LIFE', 'RELOCATION', 45, 'RECORDED'],
  ['C0000001', '11', 'ServicingEvent', 'SERVICING', 'PAYMENT_ISSUE', 20, 'ESCALATED'],
  ['C0000004', '01', 'ServicingEvent', 'SERVICING', 'BALANCE_ENQUIRY', 150, 'RESOLVED'],
  ['C0000004', '02', 'ProductProcessingEvent', 'PRODUCT_PROCESSING', 'STATEMENT_ISSUED', 120, 'COMPLETED'],
  ['C0000004', '03', 'ServicingEvent', 'SERVICING', 'BALANCE_ENQUIRY', 50, 'RESOLVED'],
  ['C0000004', '04', 'ProductProcessingEvent', 'PRODUCT_PROCESSING', 'STATEMENT_ISSUED', 30, 'COMPLETED']
] AS e
MATCH (log:CustomerEventLog {customerId: e[0]})
CREATE (log)-[:RECORDED]->(event:Event:$(e[2]) {
  eventId: 'EV-' + e[0] + '-' + e[1], customerId: e[0], category: e[3], type: e[4],
  occurredAt: datetime() - duration({days: e[5]}), channel: 'PHONE', record: e[4], result: e[6],
  source: 'CORE', capturedAt: datetime() - duration({days: e[5]}), capturedBy: 'feed', version: 1
})
WITH alicePlan, mortgage, event WHERE event.eventId = 'EV-C0000001-09'
CREATE (event)-[:CONCERNS]->(mortgage)
CREATE (alicePlan)-[:HAS_INCIDENT]->(incident:Incident {
  incidentId: 'IN-RP-C0000001-1', incidentType: 'PAYMENT_ISSUE', source: 'PRODUCT_FULFILMENT',
  status: 'OPEN', priority: 3, description: 'Mortgage repayment collection failed twice',
  createdAt: datetime() - duration({days: 58}), createdBy: 'R000301',
  updatedAt: datetime() - duration({days: 58}), updatedBy: 'R000301'})
CREATE (incident)-[:CONCERNS]->(event)
CREATE (incident)-[:CONCERNS]->(mortgage)
