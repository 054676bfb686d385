// Every Offer (a lead's hand-over to Customer Offer) has one offerId.
CREATE CONSTRAINT offer_id IF NOT EXISTS FOR (n:Offer) REQUIRE n.offerId IS UNIQUE
