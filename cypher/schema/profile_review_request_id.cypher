// Every manual review requested on a routing profile has one reviewRequestId.
CREATE CONSTRAINT profile_review_request_id IF NOT EXISTS FOR (n:ProfileReviewRequest) REQUIRE n.reviewRequestId IS UNIQUE
