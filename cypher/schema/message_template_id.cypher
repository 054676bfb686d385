// Every MessageTemplate (the text a generated message is rendered from) has one templateId.
CREATE CONSTRAINT message_template_id IF NOT EXISTS FOR (n:MessageTemplate) REQUIRE n.templateId IS UNIQUE
