// Every PartyState has one partyStateId.
CREATE CONSTRAINT party_state_id IF NOT EXISTS FOR (n:PartyState) REQUIRE n.partyStateId IS UNIQUE
