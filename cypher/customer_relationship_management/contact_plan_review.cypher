// Requests a relationship plan's review (Mutation.requestRelationshipPlan, REQUEST_REVIEW): sets
// its reviewDue. Runs after plan_lock, in the same transaction. No row: no such plan.
// In Neo4j Browser:
// :param review => ({planId: 'RP-C0000001', reviewDue: date(), at: datetime(), by: 'R000001'});
MATCH (plan:RelationshipPlan {planId: $review.planId})
SET plan.reviewDue = $review.reviewDue, plan.updatedAt = $review.at, plan.updatedBy = $review.by
RETURN plan.reviewDue AS reviewDue
