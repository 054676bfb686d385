// Every LeadDevelopment (a lead's development task) has one developmentId.
CREATE CONSTRAINT lead_development_id IF NOT EXISTS FOR (n:LeadDevelopment) REQUIRE n.developmentId IS UNIQUE
