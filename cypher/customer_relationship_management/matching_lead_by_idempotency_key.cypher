// The lead an idempotency key was first used for, with the description it was captured with, so a
// retry of turnSuggestionIntoLead rebuilds the same request (and fingerprint) even after the
// suggestion has turned into that lead. No row: the key is new.
// :param key => 'retry-1';
MATCH (l:Lead {idempotencyKey: $key})
RETURN l.leadId AS leadId, l.description AS description
