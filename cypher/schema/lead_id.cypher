// Every Lead has one leadId.
CREATE CONSTRAINT lead_id IF NOT EXISTS FOR (n:Lead) REQUIRE n.leadId IS UNIQUE
