// Every ServicingResource has one resourceId.
CREATE CONSTRAINT servicing_resource_id IF NOT EXISTS FOR (n:ServicingResource) REQUIRE n.resourceId IS UNIQUE
