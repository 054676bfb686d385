// Every ServicingPool has one poolId.
CREATE CONSTRAINT servicing_pool_id IF NOT EXISTS FOR (n:ServicingPool) REQUIRE n.poolId IS UNIQUE
