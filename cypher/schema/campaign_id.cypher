// Every Campaign has one campaignId; leads captured for a campaign find it by this id.
CREATE CONSTRAINT campaign_id IF NOT EXISTS FOR (n:Campaign) REQUIRE n.campaignId IS UNIQUE
