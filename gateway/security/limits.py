"""The abuse limits every GraphQL document meets before any resolver or Cypher runs.

Depth, aliases, tokens and operations per document are checked while parsing and validating
(Strawberry's limiters and one rule of ours); the estimated cost and the page sizes right
before execution, when the variables are known (gateway/security/query_cost.py). In production
mode introspection is refused and validation messages lose their "Did you mean ...?"
hints, which would otherwise spell out the schema field by field. Each limit is a setting
(gateway/settings.py); docs/security.md "Abuse limits" explains them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
)
from graphql import (
    ExecutionResult as GraphQLExecutionResult,
)
from graphql.utilities import get_operation_ast
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.extensions.add_validation_rules import AddValidationRules
from strawberry.schema.schema import validate_document

from gateway.errors import nodes_of
from gateway.security.query_cost import operation_cost
from gateway.settings import Settings
from graph.errors import ValidationFailed
from graph.lru import Lru

ExtensionFactory = Callable[[], SchemaExtension]

# graphql-core's hint naming fields, arguments, types or enum values close to a wrong one.
SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")
# Brackets nested deeper than this are refused before parsing. graphql-core's parser stops at 200,
# but the validators (the depth limiter among them) recurse per level and would run out of stack
# first; 64 is far beyond any real operation (the depth limit allows 12 levels of fields).
MAX_NESTING = 64
# What cannot hold a bracket that counts: strings, block strings and comments.
_NOT_STRUCTURE = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*')
_BRACKET = re.compile(r"[{}\[\]()]")
# Front ends send the same few documents over and over: each is parsed and validated once, not per
# request (parsing was a tenth of a compiled read's gateway CPU). Bounded, so a client sending endless
# distinct documents cannot grow the caches without limit; a text longer than MAX_KEPT_TEXT is never
# kept (a front end's documents are a few KB).
DOCUMENT_CACHE_SIZE = 1024
MAX_KEPT_TEXT = 64 * 1024


def limit_extensions(settings: Settings) -> list[ExtensionFactory]:
    """The extensions enforcing `settings`' limits; factories, so each request gets fresh ones."""
    # The validation rules are made once: ValidateOnce keys on them, so rules made anew for
    # each request would never let a document's validation be reused.
    rules = [
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
        operations_rule(settings.max_operations),
        *(DisableIntrospection().validation_rules if settings.production_mode else []),
    ]
    parsed = ParsedDocuments(DOCUMENT_CACHE_SIZE)  # one per schema: the limits it passed are this schema's
    validated = ValidatedDocuments(DOCUMENT_CACHE_SIZE)
    extensions: list[ExtensionFactory] = [
        lambda: DocumentShape(parsed),
        lambda: ValidateOnce(validated),
        lambda: AddValidationRules(rules),
        lambda: MaxTokensLimiter(max_token_count=settings.max_tokens),
        OperationNameRequired,
        lambda: CostLimit(settings.max_query_cost, settings.max_page_size),
    ]
    if settings.production_mode:
        extensions.append(HideSuggestions)
    return extensions


def operations_rule(max_operations: int) -> type[ValidationRule]:
    """A rule refusing documents with more than `max_operations` operations.

    Only the named operation runs, but every one of them is parsed and validated: a document
    of thousands of operations would cost the gateway for nothing.
    """

    class MaxOperations(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            count = sum(isinstance(d, OperationDefinitionNode) for d in context.document.definitions)
            if count > max_operations:
                context.report_error(GraphQLError(
                    f"the document holds {count} operations; at most {max_operations} are allowed "
                    "(GATEWAY_MAX_OPERATIONS)"))

    return MaxOperations


class ParsedDocuments(Lru[str, DocumentNode]):
    """Documents by their text, once parsed and past DocumentShape's checks. graphql-core never changes
    a document it executes, so requests share them (as Strawberry's ParserCache does; that one parses
    inside the extension, where a syntax error would escape the error contract, while here a text that
    does not parse is parsed again by Strawberry)."""

    def keep(self, text: str, document: DocumentNode) -> None:
        if len(text) <= MAX_KEPT_TEXT:
            self.put(text, document)


class DocumentShape(SchemaExtension):
    """Refuses, as VALIDATION with a clear message, the documents that would crash a validator: brackets
    nested deeper than MAX_NESTING (checked on the text, before parsing) and empty selection sets.
    A document that passed is kept, parsed, in `parsed`: the next request of that text skips both."""

    def __init__(self, parsed: ParsedDocuments) -> None:
        self.parsed = parsed

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        query = context.query or ""
        known = self.parsed.get(query) if context.graphql_document is None else None
        if known is not None:
            context.graphql_document = known  # Strawberry parses only while there is no document
            yield
            return
        depth = nesting(query)
        if depth > MAX_NESTING:
            raise GraphQLError(f"the document nests brackets {depth} levels deep; at most {MAX_NESTING} are allowed")
        yield
        document = context.graphql_document
        if document is not None:
            for node in nodes_of(document):
                if isinstance(node, SelectionSetNode) and not node.selections:
                    raise GraphQLError("a selection set ({ }) must select at least one field", nodes=[node])
            if query:
                self.parsed.keep(query, document)


class ValidatedDocuments(Lru[str, tuple[DocumentNode, tuple[type[ASTValidationRule], ...], list[GraphQLError]]]):
    """A document's validation errors (none, mostly) by its text, with the parsed document and the rules
    they were found with."""


class ValidateOnce(SchemaExtension):
    """Validates each document once. Strawberry's ValidationCache keys its LRU on the parsed document,
    which graphql-core hashes node by node on every request (54 µs for the benchmark's customer-360,
    more than the look-up it saves is worth); the text, with the document DocumentShape keeps for it,
    names the same document for the price of a string's hash."""

    def __init__(self, validated: ValidatedDocuments) -> None:
        self.validated = validated

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document, rules, text = context.graphql_document, context.validation_rules, context.query or ""
        if document is not None:
            known = self.validated.get(text)
            if known is not None and known[0] is document and known[1] == rules:
                errors = known[2]
            else:
                errors = validate_document(context.schema._schema, document, rules)
                if len(text) <= MAX_KEPT_TEXT:
                    self.validated.put(text, (document, rules, errors))
            context.pre_execution_errors = errors
        yield


def nesting(query: str) -> int:
    """How deeply {}, [] and () nest in a document, strings and comments left out (unbalanced is fine:
    the parser reports it)."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_NOT_STRUCTURE.sub("", query)):
        depth += 1 if bracket.group() in "{[(" else -1
        deepest = max(deepest, depth)
    return deepest


class OperationNameRequired(SchemaExtension):
    """Refuses a document of several operations sent without `operationName`, as the GraphQL spec
    asks (Strawberry would run the first one), before anything executes."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        # The name the client sent: `operation_name` itself falls back to the first operation's.
        named = getattr(context, "_provided_operation_name", None)
        if document is not None and named is None and context.result is None:
            count = sum(isinstance(d, OperationDefinitionNode) for d in document.definitions)
            if count > 1:
                context.result = GraphQLExecutionResult(data=None, errors=[GraphQLError(
                    f"the document holds {count} operations: name the one to run in `operationName`")])
        yield


class CostLimit(SchemaExtension):
    """Refuses an operation whose estimated cost, or any page size, is above its limit."""

    def __init__(self, max_cost: int, max_page_size: int) -> None:
        self.max_cost = max_cost
        self.max_page_size = max_page_size

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operation = get_operation_ast(document, context.operation_name) if document else None
        if document is not None and operation is not None:
            fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
            try:
                cost = operation_cost(context.schema._schema, operation, fragments, context.variables,
                                      self.max_page_size)
                if cost > self.max_cost:
                    raise ValidationFailed(
                        f"the query's estimated cost is {cost}, above the limit of {self.max_cost} "
                        "(GATEWAY_MAX_QUERY_COST); ask for smaller pages (first, limit) or fewer nested lists")
            except ValidationFailed as error:
                # A result set here stops Strawberry from executing: no resolver, no Cypher.
                context.result = GraphQLExecutionResult(
                    data=None, errors=[GraphQLError(error.message, original_error=error)])
        yield


class HideSuggestions(SchemaExtension):
    """Strips "Did you mean ...?" from error messages, so a wrong guess teaches nothing about the schema."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_without_suggestion(error) for error in result.errors]

    def on_stream_result(self, result: Any) -> Iterator[None]:
        # Strawberry's or graphql-core's ExecutionResult: both carry `errors`.
        if getattr(result, "errors", None):
            result.errors = [_without_suggestion(error) for error in result.errors]
        yield


def _without_suggestion(error: GraphQLError) -> GraphQLError:
    message = SUGGESTION.sub("", error.message)
    if message == error.message:
        return error
    return GraphQLError(message, nodes=error.nodes, source=error.source, positions=error.positions,
                        path=error.path, original_error=error.original_error, extensions=error.extensions)
