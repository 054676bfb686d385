// Every PlanContact of a relationship plan has one contactId.
CREATE CONSTRAINT plan_contact_id IF NOT EXISTS FOR (n:PlanContact) REQUIRE n.contactId IS UNIQUE
