// Objects of customers in and outside Rita's (R000301) book, for tests/gateway/security: loaded after
// small_bank and relationship_plans. Dieter (C0000005, Sam's customer, outside Rita's book) owns a
// routing profile with a status, an event log with an event, a lead with a development, and an
// allocation; Chloe (C0000003, no RM) is served by Rita through a PENDING allocation.
MATCH (rita:ServicingResource {resourceId: 'R000301'}), (sam:ServicingResource {resourceId: 'R000302'})
MATCH (dieter:Customer {customerId: 'C0000005'})
CREATE (dieter)-[:HAS_PROFILE]->(:PartyState {partyStateId: 'PS-C0000005', customerId: 'C0000005'})
       -[:HAS_INDICATOR]->(:Indicator:Status {indicatorId: 'IN-AUTHZ-1'})
CREATE (dieter)-[:HAS_EVENT_LOG]->(:CustomerEventLog {eventLogId: 'EL-C0000005', customerId: 'C0000005'})
       -[:RECORDED]->(:Event:LifeEvent {eventId: 'EV-AUTHZ-1'})
CREATE (dieter)-[:HAS_LEAD]->(:Lead {leadId: 'LD-AUTHZ-1'})-[:HAS_DEVELOPMENT]->(:LeadDevelopment {developmentId: 'DV-AUTHZ-1'})
CREATE (:Allocation {allocationId: 'AL-AUTHZ-1', customerId: 'C0000005', status: 'ACCEPTED'})-[:ASSIGNED_TO]->(sam)
CREATE (:Allocation {allocationId: 'AL-AUTHZ-2', customerId: 'C0000003', status: 'PENDING'})-[:ASSIGNED_TO]->(rita)
