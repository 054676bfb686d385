// Plan coverage (CRM analytics): per relationship manager (groupBy 'RELATIONSHIP_MANAGER': key the
// RM's resourceId, label its name) or per segment ('SEGMENT': key and label the segment code), the
// customers with a relationship manager (MANAGES), how many have an ACTIVE plan (coverage: that
// share, 0 to 1, 4 decimals), an open plan ($coverage.openPlanStatuses), and an open plan whose
// review was due before $coverage.today (overdue). Only the book of $coverage.resourceId (the
// customers it manages or covers as BACKUP_FOR their RM) when given; every managed customer when
// null. By key.
// In Neo4j Browser:
// :param coverage => ({groupBy: 'RELATIONSHIP_MANAGER', resourceId: null, today: date(), active: 'ACTIVE', openPlanStatuses: ['DRAFT', 'VERIFIED', 'ACTIVE', 'SUSPENDED']});
MATCH (rm:ServicingResource)-[:MANAGES]->(c:Customer)
WHERE $coverage.resourceId IS NULL OR rm.resourceId = $coverage.resourceId
   OR EXISTS { (:ServicingResource {resourceId: $coverage.resourceId})-[:BACKUP_FOR]->(rm) }
WITH c,
     CASE $coverage.groupBy WHEN 'SEGMENT' THEN c.segment ELSE rm.resourceId END AS key,
     CASE $coverage.groupBy WHEN 'SEGMENT' THEN c.segment ELSE rm.name END AS label,
     COLLECT {
       MATCH (c)-[:HAS_PLAN]->(p:RelationshipPlan)
       WHERE p.status IN $coverage.openPlanStatuses
       RETURN p
     } AS openPlans
WITH key, label, c,
     any(p IN openPlans WHERE p.status = $coverage.active) AS active,
     size(openPlans) > 0 AS open,
     size([p IN openPlans WHERE p.reviewDue < $coverage.today]) AS overdue
WITH key, label, count(c) AS managedCustomers, count(CASE WHEN active THEN 1 END) AS withActivePlan,
     count(CASE WHEN open THEN 1 END) AS withOpenPlan, sum(overdue) AS overdueReviews
RETURN key, label, managedCustomers, withActivePlan,
       round(toFloat(withActivePlan) / managedCustomers, 4) AS coverage, withOpenPlan, overdueReviews
ORDER BY key
