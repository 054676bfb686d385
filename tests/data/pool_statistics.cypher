// Pool statistics (load small_bank.cypher first): POOL-SERVICING with seven members, one in each
// status, and a morning of allocations on 2026-03-02 in every status (tests read "now" as 12:00Z).
// Una (R000101, AVAILABLE) is on a phone call (cap 1) but has chat capacity free; Vic (R000102,
// AVAILABLE) has his one phone slot offered; Abe (R000107, AVAILABLE) has his one chat slot taken
// by a POOL-COLLECTIONS contact. Contact ...02 was rejected by Vic and re-routed to Una; contact
// ...04 timed out with Wes, was re-routed to Xia and cancelled before she accepted (abandoned).
// Four contacts queue in POOL-SERVICING (one also in POOL-COLLECTIONS), one only in
// POOL-COLLECTIONS. POOL-KYC has no members, no allocations and no serviceLevelSeconds.
CREATE (servicing:ServicingPool {poolId: 'POOL-SERVICING', name: 'Everyday servicing', purpose: 'SERVICING',
  strategy: 'LONGEST_IDLE', offerTimeoutSeconds: 30, serviceLevelSeconds: 30})
CREATE (collections:ServicingPool {poolId: 'POOL-COLLECTIONS', name: 'Collections', purpose: 'COLLECTIONS',
  strategy: 'ROUND_ROBIN', offerTimeoutSeconds: 60, serviceLevelSeconds: 60})
CREATE (:ServicingPool {poolId: 'POOL-KYC', name: 'KYC reviews', purpose: 'KYC', strategy: 'LEAST_LOAD'})
WITH servicing, collections
UNWIND [
  {id: 'R000101', name: 'Una Ross', status: 'AVAILABLE', phone: 1, chat: 2, video: 0, branch: 0, email: 3},
  {id: 'R000102', name: 'Vic Shaw', status: 'AVAILABLE', phone: 1, chat: 0, video: 0, branch: 0, email: 0},
  {id: 'R000103', name: 'Wes Tan', status: 'BUSY', phone: 1, chat: 2, video: 1, branch: 0, email: 0},
  {id: 'R000104', name: 'Xia Wu', status: 'WRAP_UP', phone: 0, chat: 2, video: 0, branch: 0, email: 0},
  {id: 'R000105', name: 'Yan Li', status: 'AWAY', phone: 1, chat: 1, video: 0, branch: 0, email: 0},
  {id: 'R000106', name: 'Zoe Kent', status: 'OFFLINE', phone: 1, chat: 1, video: 0, branch: 0, email: 0},
  {id: 'R000107', name: 'Abe Cole', status: 'AVAILABLE', phone: 0, chat: 1, video: 0, branch: 0, email: 0}
] AS row
CREATE (r:ServicingResource {resourceId: row.id, name: row.name, kind: 'AGENT', status: row.status,
  statusSince: datetime('2026-03-02T07:30:00Z'), languages: ['en'], capacityPhone: row.phone, capacityChat: row.chat,
  capacityVideo: row.video, capacityBranch: row.branch, capacityEmail: row.email})
CREATE (r)-[:MEMBER_OF]->(servicing)
FOREACH (_ IN CASE WHEN row.id = 'R000107' THEN [1] ELSE [] END | CREATE (r)-[:MEMBER_OF]->(collections))
WITH count(*) AS resources
UNWIND [
  {n: '01', contact: '01', customer: 'C0000001', status: 'COMPLETED', channel: 'PHONE', priority: 0, resource: 'R000101', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-03-02T08:00:00Z', created: '2026-03-02T08:00:00Z', offered: '2026-03-02T08:00:00Z', accepted: '2026-03-02T08:00:10Z', ended: '2026-03-02T08:30:10Z'},
  {n: '02', contact: '02', customer: 'C0000002', status: 'REJECTED', channel: 'PHONE', priority: 0, resource: 'R000102', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-03-02T09:00:00Z', created: '2026-03-02T09:00:00Z', offered: '2026-03-02T09:00:00Z', accepted: null, ended: '2026-03-02T09:00:20Z'},
  {n: '03', contact: '02', customer: 'C0000002', status: 'COMPLETED', channel: 'PHONE', priority: 0, resource: 'R000101', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-03-02T09:00:00Z', created: '2026-03-02T09:00:20Z', offered: '2026-03-02T09:00:20Z', accepted: '2026-03-02T09:00:50Z', ended: '2026-03-02T09:10:50Z'},
  {n: '04', contact: '04', customer: 'C0000003', status: 'TIMED_OUT', channel: 'CHAT', priority: 2, resource: 'R000103', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-03-02T10:00:00Z', created: '2026-03-02T10:00:00Z', offered: '2026-03-02T10:00:00Z', accepted: null, ended: '2026-03-02T10:00:30Z'},
  {n: '05', contact: '04', customer: 'C0000003', status: 'CANCELLED', channel: 'CHAT', priority: 2, resource: 'R000104', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-03-02T10:00:00Z', created: '2026-03-02T10:00:30Z', offered: '2026-03-02T10:00:30Z', accepted: null, ended: '2026-03-02T10:00:40Z'},
  {n: '06', contact: '06', customer: 'C0000004', status: 'ACCEPTED', channel: 'PHONE', priority: 0, resource: 'R000101', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-03-02T11:30:00Z', created: '2026-03-02T11:30:00Z', offered: '2026-03-02T11:30:00Z', accepted: '2026-03-02T11:30:20Z', ended: null},
  {n: '07', contact: '07', customer: 'C0000005', status: 'PENDING', channel: 'PHONE', priority: 0, resource: 'R000102', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-03-02T11:59:00Z', created: '2026-03-02T11:59:00Z', offered: '2026-03-02T11:59:00Z', accepted: null, ended: null},
  {n: '08', contact: '08', customer: 'C0000006', status: 'CANCELLED', channel: 'VIDEO', priority: 0, resource: 'R000103', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-03-02T10:30:00Z', created: '2026-03-02T10:30:00Z', offered: '2026-03-02T10:30:00Z', accepted: '2026-03-02T10:30:30Z', ended: '2026-03-02T10:35:30Z'},
  {n: '09', contact: '09', customer: 'C0000001', status: 'COMPLETED', channel: 'EMAIL', priority: 0, resource: 'R000101', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-03-02T07:50:00Z', created: '2026-03-02T07:50:00Z', offered: '2026-03-02T07:50:00Z', accepted: '2026-03-02T07:50:05Z', ended: '2026-03-02T08:10:00Z'},
  {n: '10', contact: '10', customer: 'C0000002', status: 'ACCEPTED', channel: 'CHAT', priority: 0, resource: 'R000107', pool: 'POOL-COLLECTIONS', waits: [],
   requested: '2026-03-02T11:00:00Z', created: '2026-03-02T11:00:00Z', offered: '2026-03-02T11:00:00Z', accepted: '2026-03-02T11:00:05Z', ended: null},
  {n: '11', contact: '11', customer: 'C0000003', status: 'COMPLETED', channel: 'PHONE', priority: 0, resource: 'R000101', pool: 'POOL-SERVICING', waits: [],
   requested: '2026-02-20T10:00:00Z', created: '2026-02-20T10:00:00Z', offered: '2026-02-20T10:00:00Z', accepted: '2026-02-20T10:00:15Z', ended: '2026-02-20T10:20:00Z'},
  {n: '12', contact: '12', customer: 'C0000004', status: 'QUEUED', channel: 'PHONE', priority: 5, resource: null, pool: null, waits: ['POOL-SERVICING'],
   requested: '2026-03-02T11:50:00Z', created: '2026-03-02T11:50:00Z', offered: null, accepted: null, ended: null},
  {n: '13', contact: '13', customer: 'C0000005', status: 'QUEUED', channel: 'PHONE', priority: 2, resource: null, pool: null, waits: ['POOL-SERVICING', 'POOL-COLLECTIONS'],
   requested: '2026-03-02T11:40:00Z', created: '2026-03-02T11:40:00Z', offered: null, accepted: null, ended: null},
  {n: '14', contact: '14', customer: 'C0000006', status: 'QUEUED', channel: 'CHAT', priority: 5, resource: null, pool: null, waits: ['POOL-SERVICING'],
   requested: '2026-03-02T11:55:00Z', created: '2026-03-02T11:55:00Z', offered: null, accepted: null, ended: null},
  {n: '15', contact: '15', customer: 'C0000001', status: 'QUEUED', channel: 'EMAIL', priority: 0, resource: null, pool: null, waits: ['POOL-SERVICING'],
   requested: '2026-03-02T11:58:30Z', created: '2026-03-02T11:58:30Z', offered: null, accepted: null, ended: null},
  {n: '16', contact: '16', customer: 'C0000002', status: 'QUEUED', channel: 'PHONE', priority: 7, resource: null, pool: null, waits: ['POOL-COLLECTIONS'],
   requested: '2026-03-02T11:00:00Z', created: '2026-03-02T11:00:00Z', offered: null, accepted: null, ended: null}
] AS row
MATCH (c:Customer {customerId: row.customer})
CREATE (a:Allocation {allocationId: 'AL-00000000-0000-4000-8000-0000000000' + row.n,
  contactId: 'AL-00000000-0000-4000-8000-0000000000' + row.contact, customerId: row.customer, status: row.status,
  channel: row.channel, language: 'en', requestedPriority: row.priority, priority: row.priority,
  requestedAt: datetime(row.requested), createdAt: datetime(row.created),
  updatedAt: datetime(coalesce(row.ended, row.accepted, row.offered, row.created)),
  offeredAt: datetime(row.offered), acceptedAt: datetime(row.accepted), endedAt: datetime(row.ended),
  excludedResourceIds: [], requestedBy: 'fixture', updatedBy: 'fixture'})
CREATE (a)-[:FOR_CUSTOMER]->(c)
WITH a, row
OPTIONAL MATCH (r:ServicingResource {resourceId: row.resource})
OPTIONAL MATCH (p:ServicingPool {poolId: row.pool})
FOREACH (resource IN CASE WHEN r IS NULL THEN [] ELSE [r] END | CREATE (a)-[:ASSIGNED_TO]->(resource))
FOREACH (resource IN CASE WHEN r IS NOT NULL AND row.status IN ['PENDING', 'ACCEPTED'] THEN [r] ELSE [] END |
  CREATE (a)-[:OCCUPIES {channel: row.channel}]->(resource))
FOREACH (pool IN CASE WHEN p IS NULL THEN [] ELSE [p] END | CREATE (a)-[:IN_POOL]->(pool))
WITH a, row
CALL (a, row) {
  UNWIND row.waits AS poolId
  MATCH (waitingIn:ServicingPool {poolId: poolId})
  CREATE (a)-[:QUEUED_IN]->(waitingIn)
}
WITH count(*) AS allocations
UNWIND [['03', '02'], ['05', '04']] AS pair
MATCH (next:Allocation {allocationId: 'AL-00000000-0000-4000-8000-0000000000' + pair[0]}),
      (previous:Allocation {allocationId: 'AL-00000000-0000-4000-8000-0000000000' + pair[1]})
CREATE (next)-[:REROUTED_FROM]->(previous)
SET next.excludedResourceIds = [(previous)-[:ASSIGNED_TO]->(r) | r.resourceId]
