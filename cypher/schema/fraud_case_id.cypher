// Events of one fraud case CONCERN one FraudCase reference node, found by its id.
CREATE CONSTRAINT fraud_case_id IF NOT EXISTS FOR (n:FraudCase) REQUIRE n.fraudCaseId IS UNIQUE
