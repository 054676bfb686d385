"""Compiled reads: a query over the Customer graph answered by ONE Cypher statement (docs/compiled-reads.md).

plan.py compiles a validated operation, with the principal's rules built in, from the fragments of
cypher/compiled/ (fragments.py) and the table of what compiles (spec.py); shape.py turns the one row
into the response's `data` and errors; execute.py is the SchemaExtension that runs it in place of the
resolvers when every root field compiles; payload.py reads back what a mutation returns the same way.
`python -m resolvers.compiled` prints a document's Cypher.
"""
