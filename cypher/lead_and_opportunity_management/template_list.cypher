// The message templates generated messages are rendered from, by templateId, optionally only those
// of $request.channel (null: all).
// One map parameter: channel may be null (see contact_routing/routing_candidates.cypher).
// :param request => ({channel: null});
MATCH (t:MessageTemplate)
WHERE $request.channel IS NULL OR t.channel = $request.channel
RETURN t {.templateId, .name, .channel, .subject, .body} AS template
ORDER BY t.templateId
