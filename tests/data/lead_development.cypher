// Leads to develop (load small_bank.cypher first): Rita owns Bob's open mortgage lead and Alice's
// won card lead (a closed lead, with one GENERATE_MESSAGE task left OPEN on it); Chloe's card lead
// has no owner yet; Mallory's name looks like a placeholder (it must be inserted as plain text).
// Sam is another relationship manager, and two message templates are there to render.
CREATE (rita:ServicingResource {resourceId: 'R000901', name: 'Rita Patel', kind: 'RELATIONSHIP_MANAGER',
  status: 'AVAILABLE', languages: ['en']})
CREATE (sam:ServicingResource {resourceId: 'R000902', name: 'Sam Okoro', kind: 'RELATIONSHIP_MANAGER',
  status: 'AVAILABLE', languages: ['en']})
CREATE (mallory:Customer {customerId: 'C0000099', name: 'Mallory ${ownerName} $customerId', kind: 'PERSON',
  segment: 'MASS', status: 'ACTIVE', language: 'en', country: 'GB', searchName: 'mallory'})
CREATE (email:MessageTemplate {templateId: 'TPL-TEST-EMAIL', name: 'Mortgage introduction', channel: 'EMAIL',
  subject: 'Your ${productName}, ${customerName}',
  body: 'Dear ${customerName},\n${ownerName} will call you about the $productName ($productFamily). Fee: $$0. ${discount}'})
CREATE (:MessageTemplate {templateId: 'TPL-TEST-SMS', name: 'Call back', channel: 'SMS',
  subject: 'Call back', body: 'Hello ${customerName}, ${assigneeName} calls you today.'})
WITH rita, mallory
MATCH (alice:Customer {customerId: 'C0000001'}), (bob:Customer {customerId: 'C0000002'}),
      (chloe:Customer {customerId: 'C0000003'})
MATCH (mortgage:Product {productId: 'P-MORTGAGE-FIXED'}), (card:Product {productId: 'P-CARD-GOLD'})
CREATE (bob)-[:HAS_LEAD]->(open:Lead {leadId: 'LD-T-OPEN', status: 'QUALIFYING', campaignType: 'CROSS_SELL',
  source: 'MANUAL', priority: 3, createdAt: datetime('2026-01-10T09:00:00Z')})
CREATE (open)-[:FOR_PRODUCT]->(mortgage)
CREATE (open)-[:OWNED_BY]->(rita)
CREATE (alice)-[:HAS_LEAD]->(won:Lead {leadId: 'LD-T-WON', status: 'WON', campaignType: 'CROSS_SELL',
  source: 'MANUAL', priority: 3, createdAt: datetime('2025-11-01T09:00:00Z'), closedAt: datetime('2026-01-02T09:00:00Z')})
CREATE (won)-[:FOR_PRODUCT]->(card)
CREATE (won)-[:OWNED_BY]->(rita)
CREATE (won)-[:HAS_DEVELOPMENT]->(left:LeadDevelopment {developmentId: 'DV-T-ON-WON', type: 'GENERATE_MESSAGE',
  status: 'OPEN', documents: [], workProducts: [], createdAt: datetime('2025-12-01T09:00:00Z'), createdBy: 'rita',
  updatedAt: datetime('2025-12-01T09:00:00Z'), updatedBy: 'rita'})
CREATE (left)-[:ASSIGNED_TO]->(rita)
CREATE (chloe)-[:HAS_LEAD]->(unowned:Lead {leadId: 'LD-T-UNOWNED', status: 'CAPTURED', campaignType: 'CROSS_SELL',
  source: 'MANUAL', priority: 3, createdAt: datetime('2026-01-11T09:00:00Z')})
CREATE (unowned)-[:FOR_PRODUCT]->(card)
CREATE (mallory)-[:HAS_LEAD]->(odd:Lead {leadId: 'LD-T-MALLORY', status: 'CAPTURED', campaignType: 'CROSS_SELL',
  source: 'MANUAL', priority: 3, createdAt: datetime('2026-01-12T09:00:00Z')})
CREATE (odd)-[:FOR_PRODUCT]->(card)
CREATE (odd)-[:OWNED_BY]->(rita)
