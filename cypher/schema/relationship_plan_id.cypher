// Every RelationshipPlan has one planId.
CREATE CONSTRAINT relationship_plan_id IF NOT EXISTS FOR (n:RelationshipPlan) REQUIRE n.planId IS UNIQUE
