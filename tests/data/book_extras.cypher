// Extras for the relationship manager's book and its analytics (load after small_bank and
// relationship_plans), dated relative to now.
// Value tiers: Alice GOLD (her SILVER ended a year ago), Acme Holdings PLATINUM.
// Leads: LD-BOOK-1 Alice QUALIFYING, Rita's, 10 days old; LD-BOOK-2 Dieter CAPTURED, Sam's, 5 days;
// LD-BOOK-3 Chloe (nobody's customer) OFFER_INITIATED, owned by Rita, 20 days; LD-BOOK-4 Bob WON
// 15 days ago, Rita's; LD-BOOK-5 Acme LOST 40 days ago, Rita's; LD-BOOK-6 Acme Holdings CAPTURED,
// unowned, 2 days; LD-BOOK-7 Chloe CAPTURED, unowned (in nobody's book).
// Incidents: IN-BOOK-HOLD ON_HOLD priority 5 on Acme Holdings' plan, 3 days old; IN-BOOK-DONE on
// Acme's plan raised 20 days ago, RESOLVED 10 days ago.
// Contacts: PC-BOOK-SOON a call SCHEDULED on Acme Holdings' plan in 7 days with Sam; PC-BOOK-LATER
// a meeting SCHEDULED on Alice's plan in 60 days; PC-BOOK-OFF a call CANCELLED 3 days ago.
MATCH (alice:Customer {customerId: 'C0000001'}), (bob:Customer {customerId: 'C0000002'}),
      (chloe:Customer {customerId: 'C0000003'}), (acme:Customer {customerId: 'C0000004'}),
      (dieter:Customer {customerId: 'C0000005'}), (group:Customer {customerId: 'C0000006'}),
      (rita:ServicingResource {resourceId: 'R000301'}), (sam:ServicingResource {resourceId: 'R000302'}),
      (mortgage:Product {productId: 'P-MORTGAGE-FIXED'}), (current:Product {productId: 'P-CURRENT'}),
      (card:Product {productId: 'P-CARD-GOLD'}),
      (alicePlan:RelationshipPlan {planId: 'RP-C0000001'}), (acmePlan:RelationshipPlan {planId: 'RP-C0000004'}),
      (groupPlan:RelationshipPlan {planId: 'RP-C0000006'})
CREATE (alice)-[:HAS_PROFILE]->(aliceState:PartyState {partyStateId: 'PS-C0000001', customerId: 'C0000001'})
CREATE (aliceState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-BOOK-T1', type: 'VALUE_TIER', value: 'SILVER',
  validFrom: datetime() - duration({days: 900}), validTo: datetime() - duration({days: 365}), source: 'CORE_BANKING'})
CREATE (aliceState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-BOOK-T2', type: 'VALUE_TIER', value: 'GOLD',
  validFrom: datetime() - duration({days: 365}), source: 'CORE_BANKING'})
CREATE (group)-[:HAS_PROFILE]->(groupState:PartyState {partyStateId: 'PS-C0000006', customerId: 'C0000006'})
CREATE (groupState)-[:HAS_INDICATOR]->(:Indicator:Rating {indicatorId: 'IN-BOOK-T3', type: 'VALUE_TIER', value: 'PLATINUM',
  validFrom: datetime() - duration({days: 100}), source: 'CORE_BANKING'})
CREATE (alice)-[:HAS_LEAD]->(l1:Lead {leadId: 'LD-BOOK-1', status: 'QUALIFYING', campaignType: 'CROSS_SELL', source: 'MANUAL',
  priority: 3, createdAt: datetime() - duration({days: 10})})-[:FOR_PRODUCT]->(mortgage)
CREATE (l1)-[:OWNED_BY]->(rita)
CREATE (dieter)-[:HAS_LEAD]->(l2:Lead {leadId: 'LD-BOOK-2', status: 'CAPTURED', campaignType: 'CROSS_SELL', source: 'MANUAL',
  priority: 3, createdAt: datetime() - duration({days: 5})})-[:FOR_PRODUCT]->(card)
CREATE (l2)-[:OWNED_BY]->(sam)
CREATE (chloe)-[:HAS_LEAD]->(l3:Lead {leadId: 'LD-BOOK-3', status: 'OFFER_INITIATED', campaignType: 'CROSS_SELL',
  source: 'MANUAL', priority: 3, createdAt: datetime() - duration({days: 20})})-[:FOR_PRODUCT]->(current)
CREATE (l3)-[:OWNED_BY]->(rita)
CREATE (bob)-[:HAS_LEAD]->(l4:Lead {leadId: 'LD-BOOK-4', status: 'WON', campaignType: 'CROSS_SELL', source: 'MANUAL',
  priority: 3, createdAt: datetime() - duration({days: 50}), closedAt: datetime() - duration({days: 15})})-[:FOR_PRODUCT]->(card)
CREATE (l4)-[:OWNED_BY]->(rita)
CREATE (acme)-[:HAS_LEAD]->(l5:Lead {leadId: 'LD-BOOK-5', status: 'LOST', campaignType: 'CROSS_SELL', source: 'MANUAL',
  priority: 3, createdAt: datetime() - duration({days: 80}), closedAt: datetime() - duration({days: 40})})-[:FOR_PRODUCT]->(mortgage)
CREATE (l5)-[:OWNED_BY]->(rita)
CREATE (group)-[:HAS_LEAD]->(:Lead {leadId: 'LD-BOOK-6', status: 'CAPTURED', campaignType: 'UP_SELL', source: 'MANUAL',
  priority: 3, createdAt: datetime() - duration({days: 2})})-[:FOR_PRODUCT]->(current)
CREATE (chloe)-[:HAS_LEAD]->(:Lead {leadId: 'LD-BOOK-7', status: 'CAPTURED', campaignType: 'CROSS_SELL', source: 'MANUAL',
  priority: 3, createdAt: datetime() - duration({days: 1})})-[:FOR_PRODUCT]->(card)
CREATE (groupPlan)-[:HAS_INCIDENT]->(:Incident {incidentId: 'IN-BOOK-HOLD', incidentType: 'ACCESS_ISSUE', source: 'CUSTOMER',
  status: 'ON_HOLD', priority: 5, description: 'Treasury portal locked', createdAt: datetime() - duration({days: 3}),
  createdBy: 'R000302', updatedAt: datetime() - duration({days: 2}), updatedBy: 'R000302'})
CREATE (acmePlan)-[:HAS_INCIDENT]->(:Incident {incidentId: 'IN-BOOK-DONE', incidentType: 'COMPLAINT', source: 'CUSTOMER',
  status: 'RESOLVED', priority: 2, description: 'Fee charged twice', resolution: 'Refunded',
  createdAt: datetime() - duration({days: 20}), resolvedAt: datetime() - duration({days: 10}),
  createdBy: 'R000301', updatedAt: datetime() - duration({days: 10}), updatedBy: 'R000301'})
CREATE (groupPlan)-[:HAS_CONTACT]->(soon:PlanContact {contactId: 'PC-BOOK-SOON', contactType: 'CALL', status: 'SCHEDULED',
  scheduledAt: datetime() + duration({days: 7}), purpose: 'Facility renewal', createdAt: datetime() - duration({days: 1}),
  createdBy: 'R000302', updatedAt: datetime() - duration({days: 1}), updatedBy: 'R000302'})
CREATE (soon)-[:WITH_RESOURCE]->(sam)
CREATE (alicePlan)-[:HAS_CONTACT]->(later:PlanContact {contactId: 'PC-BOOK-LATER', contactType: 'MEETING', status: 'SCHEDULED',
  scheduledAt: datetime() + duration({days: 60}), purpose: 'Renewal', createdAt: datetime() - duration({days: 1}),
  createdBy: 'R000301', updatedAt: datetime() - duration({days: 1}), updatedBy: 'R000301'})
CREATE (later)-[:WITH_RESOURCE]->(rita)
CREATE (alicePlan)-[:HAS_CONTACT]->(off:PlanContact {contactId: 'PC-BOOK-OFF', contactType: 'CALL', status: 'CANCELLED',
  scheduledAt: datetime() - duration({days: 3}), purpose: 'Check-in', createdAt: datetime() - duration({days: 9}),
  createdBy: 'R000301', updatedAt: datetime() - duration({days: 4}), updatedBy: 'R000301'})
CREATE (off)-[:WITH_RESOURCE]->(rita)
