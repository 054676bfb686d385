// Relationship managers list the plans due for review.
CREATE INDEX relationship_plan_review_due IF NOT EXISTS FOR (n:RelationshipPlan) ON (n.reviewDue)
