// Creates the message templates generated messages to prospects are rendered from
// (Lead and Opportunity Management, executeLeadDevelopment). MERGEd on templateId and set only on
// creation, so a template edited in Neo4j Browser keeps its edits when seeding runs again.
// :param rows => [{templateId: 'TPL-EXAMPLE', name: 'Example', channel: 'EMAIL', subject: 'About ${productName}', body: 'Dear ${customerName}, ...'}];
UNWIND $rows AS row
MERGE (t:MessageTemplate {templateId: row.templateId})
  ON CREATE SET t.name = row.name, t.channel = row.channel, t.subject = row.subject, t.body = row.body
