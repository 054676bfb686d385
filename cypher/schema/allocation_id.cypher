// Every Allocation has one allocationId.
CREATE CONSTRAINT allocation_id IF NOT EXISTS FOR (n:Allocation) REQUIRE n.allocationId IS UNIQUE
