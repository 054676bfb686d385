// Every customer Incident of a relationship plan has one incidentId.
CREATE CONSTRAINT incident_id IF NOT EXISTS FOR (n:Incident) REQUIRE n.incidentId IS UNIQUE
