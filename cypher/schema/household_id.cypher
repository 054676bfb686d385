// Every Household has one householdId.
CREATE CONSTRAINT household_id IF NOT EXISTS FOR (n:Household) REQUIRE n.householdId IS UNIQUE
