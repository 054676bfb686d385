// Every DevelopmentTask of a relationship plan has one taskId.
CREATE CONSTRAINT development_task_id IF NOT EXISTS FOR (n:DevelopmentTask) REQUIRE n.taskId IS UNIQUE
