// For Neo4j Browser: a relationship manager's book, as paths Browser draws: the servicing
// resource $book.resourceId, the customers it MANAGES, and those it covers as BACKUP_FOR their
// RM (through that RM): the managed and covered customers of Query.relationshipManagerBook
// (book_of_relationship_manager.cypher). No row: no such resource, or an empty book.
// :param book => ({resourceId: 'R000001'})
MATCH book = (me:ServicingResource {resourceId: $book.resourceId})-[:MANAGES]->(:Customer)
RETURN book
UNION ALL
MATCH book = (me:ServicingResource {resourceId: $book.resourceId})-[:BACKUP_FOR]->(:ServicingResource)-[:MANAGES]->(:Customer)
RETURN book
