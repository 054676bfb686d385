// Every Goal has one goalId.
CREATE CONSTRAINT goal_id IF NOT EXISTS FOR (n:Goal) REQUIRE n.goalId IS UNIQUE
