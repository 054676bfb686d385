"""Compiles a validated query operation into ONE parameterized read statement and its post-pass.

The statement is assembled from the fragments of cypher/compiled/ (spec.py says which fragment
answers which field) with generated variable and parameter names only; the values a client sent
(arguments, variables) become parameters when the operation runs (`CompiledOperation.parameters`).
Fields are collected by graphql-core's own `collect_fields`, so aliases, fragments, inline fragments
and @include/@skip mean exactly what they mean to the resolvers; the values of the variables those
directives read are part of the cache key (execute.py), not parameters.

The rules are compiled in: a field the principal's roles refuse is left out of the statement and
answers FORBIDDEN (the permission's own message); a customer reached through a link carries the book
predicate (book/in_book.cypher) for a relationship manager; confidential indicators and narratives
follow the `$trusted` parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, LiteralString, TypeVar

from graphql import (
    FieldNode,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
    get_nullable_type,
)
from graphql.execution.collect_fields import FieldDetailsList, collect_fields, collect_subfields
from graphql.execution.executor import Executor
from graphql.execution.values import VariableValues, get_argument_values
from strawberry.permission import PermissionExtension

from gateway.security.auth import Principal, RolesAllowed
from gateway.security.book import book_holder
from gateway.security.book_guard import REFERENCE_FIELDS
from graph.errors import Forbidden
from resolvers.compiled.fragments import CannotCompile, fill
from resolvers.compiled.shape import Entry, Kind, Shape
from resolvers.compiled.spec import (
    BY_ID,
    CONNECTION_CURSOR,
    ROOTS,
    SPEC,
    Arguments,
    Bound,
    ById,
    Frag,
    Page,
    Prop,
    Var,
    statement_parameters,
)

TEMPORAL_SCALARS = frozenset({"Date", "DateTime"})


@dataclass(frozen=True)
class Binding:
    """A field's arguments, read from the operation's variables when it runs, as parameters."""

    field: GraphQLField
    node: FieldNode
    arguments: Arguments
    names: dict[str, str]  # placeholder -> parameter name


@dataclass
class RootField:
    key: str
    nodes: tuple[FieldNode, ...]
    name: str  # the Query field, or __typename
    column: str = ""
    shape: Shape | None = None
    refused: str | None = None  # FORBIDDEN by the roles: no Cypher
    by_id: ById | None = None  # a root naming one object by id (Query.customer)
    id_parameter: str | None = None  # then: the parameter holding the id
    nullable: bool = True  # a non-null root that fails nulls the whole response


@dataclass
class CompiledOperation:
    statement: LiteralString  # assembled from the files of cypher/compiled/ and generated names only
    roots: list[RootField]
    bindings: list[Binding] = field(default_factory=list)

    def parameters(self, variables: VariableValues, principal: Principal) -> dict[str, Any]:
        """The statement's parameters: the arguments' values (checked as their resolvers check
        them: a GatewayError here is the resolver's error) and the principal's rule parameters."""
        parameters = {name: value for name, value in statement_parameters(principal).items()
                      if f"${name}" in self.statement}
        for binding in self.bindings:
            values = binding.arguments(get_argument_values(binding.field, binding.node, variables), principal)
            for placeholder, name in binding.names.items():
                parameters[name] = values[placeholder]
        return parameters


@dataclass
class CompiledPayload:
    """A mutation field's selection read as a by-id root reads it (resolvers/compiled/payload.py): the
    root's own arguments come from the resolver, the selection's from the operation's variables."""

    statement: LiteralString
    column: str
    shape: Shape
    arguments: Arguments
    names: dict[str, str]  # the root fragment's placeholders -> parameter names
    selection: CompiledOperation  # the nested fields' bindings and the rule parameters

    def parameters(self, variables: VariableValues, principal: Principal, given: dict[str, Any]) -> dict[str, Any]:
        parameters = self.selection.parameters(variables, principal)
        values = self.arguments(given, principal)
        parameters.update({name: values[placeholder] for placeholder, name in self.names.items()})
        return parameters


Spec = TypeVar("Spec")  # a root's fragment, or any of a nested field's kinds of spec


def refusal(definition: GraphQLField, type_name: str, field_name: str, principal: Principal) -> str | None:
    """The FORBIDDEN message the field's allow(...) gives this principal (None: allowed), asked of the
    permission itself so that the rule and its wording stay in gateway/security/auth.py."""
    strawberry_field = (definition.extensions or {}).get("strawberry-definition")
    info = SimpleNamespace(path=SimpleNamespace(typename=type_name), field_name=field_name,
                           context=SimpleNamespace(principal=principal))
    for extension in getattr(strawberry_field, "extensions", None) or []:
        if not isinstance(extension, PermissionExtension):
            continue
        for permission in extension.permissions:
            if not isinstance(permission, RolesAllowed):
                raise CannotCompile(f"{type_name}.{field_name} has a permission the compiler does not know")
            try:
                permission.has_permission(None, info)  # type: ignore[arg-type]
            except Forbidden as error:
                return error.message
    return None


class Compiler:
    def __init__(self, schema: GraphQLSchema, executor: Executor[Any], principal: Principal) -> None:
        self.schema = schema
        self.executor = executor
        self.principal = principal
        self.holder = book_holder(principal)
        self.count = 0
        self.bindings: list[Binding] = []

    def fresh(self, name: str) -> str:
        self.count += 1
        return f"{name}_{self.count}"

    def compile(self) -> CompiledOperation:
        executor = self.executor
        operation = executor.operation
        if operation.operation.value != "query":
            raise CannotCompile("only queries compile; mutations and subscriptions run through the resolvers")
        if any(details.variable_signatures for details in executor.fragments.values()):
            raise CannotCompile("fragment variables are not compiled")
        query_type = self.schema.query_type
        assert query_type is not None
        collected = collect_fields(self.schema, executor.fragments, executor.variable_values, query_type, operation)
        if collected.new_defer_usages:
            raise CannotCompile("@defer is not compiled")
        roots: list[RootField] = []
        subqueries: list[str] = []
        for key, details in collected.grouped_field_set.items():
            root, subquery = self.root(query_type, key, details)
            roots.append(root)
            if subquery:
                subqueries.append(subquery)
        columns = [root.column for root in roots if root.column]
        # Every root field skipped, refused or __typename: an answer without Cypher.
        statement = "\n".join(subqueries) + "\nRETURN " + ", ".join(columns) if columns else ""
        return CompiledOperation(statement, roots, self.bindings)

    def root(self, query_type: GraphQLObjectType, key: str, details: FieldDetailsList) -> tuple[RootField, str]:
        nodes = tuple(d.node for d in details)
        name = nodes[0].name.value
        if name == "__typename":
            return RootField(key, nodes, name), ""
        definition, spec, refused = self.readable(query_type, name, ROOTS.get(name), "the whole response")
        if refused is not None:
            return RootField(key, nodes, name, refused=refused), ""
        env = self.bind(spec, {}, definition, nodes[0])
        child = get_named_type(definition.type)
        assert isinstance(child, GraphQLObjectType)
        column, shape, subquery = self.subquery(spec, env, child, details)
        by_id = BY_ID.get(name)
        id_parameter = env[by_id.parameter].removeprefix("$") if by_id is not None else None
        return RootField(key, nodes, name, column, shape, by_id=by_id, id_parameter=id_parameter,
                         nullable=not isinstance(definition.type, GraphQLNonNull)), subquery

    def payload(self, name: str, type_: GraphQLObjectType, details: FieldDetailsList) -> CompiledPayload:
        """`details` (a mutation field's nodes) read as the root `name` would read an object of `type_`."""
        spec = ROOTS.get(name)
        if spec is None or spec.arguments is None or name not in BY_ID:
            raise CannotCompile(f"{name} is not a compiled root naming one object by id")
        env = {bound: self.fresh(bound) for bound in spec.binds}
        names = {placeholder: self.fresh(placeholder) for placeholder in spec.parameters}
        env.update({placeholder: f"${parameter}" for placeholder, parameter in names.items()})
        column, shape, subquery = self.subquery(spec, env, type_, details)
        statement = subquery + "\nRETURN " + column
        selection = CompiledOperation(statement, [], self.bindings)
        return CompiledPayload(statement, column, shape, spec.arguments, names, selection)

    def subquery(self, spec: Frag, env: dict[str, str], type_: GraphQLObjectType,
                 details: FieldDetailsList) -> tuple[str, Shape, str]:
        """A root's fragment filled for `env` (its variables and parameters bound) as one `CALL () { }`
        returning one column, the selection of `type_` projected: the column, the shape, the subquery."""
        column = self.fresh("column")
        env["column"] = column
        env["inBook"] = self.in_book(env["customer"]) if "customer" in env else "true"
        env["projection"], shape = self.project(type_, details, env, guarded=False)
        return column, shape, "CALL () {\n" + fill(spec.name, env) + "\n}"

    def readable(self, parent: GraphQLObjectType, name: str, spec: Spec | None,
                 nulled: str) -> tuple[GraphQLField, Spec, str | None]:
        """The field's definition and fragment, and its FORBIDDEN message for this principal (None:
        allowed); CannotCompile when it is not compiled, or a refusal would null `nulled`."""
        definition = parent.fields.get(name)
        if definition is None or spec is None:
            raise CannotCompile(f"{parent.name}.{name} is not compiled yet")
        refused = refusal(definition, parent.name, name, self.principal)
        if refused is not None and isinstance(definition.type, GraphQLNonNull):
            raise CannotCompile(f"a refused {parent.name}.{name} would null {nulled}")
        return definition, spec, refused

    def in_book(self, customer: str) -> str:
        return "true" if self.holder is None else fill("book/in_book", {"customer": customer})

    def bind(self, spec: Frag, env: dict[str, str], definition: GraphQLField, node: FieldNode) -> dict[str, str]:
        bound = dict(env)
        for name in spec.binds:
            bound[name] = self.fresh(name)
        if definition.args and spec.arguments is None:
            raise CannotCompile("the field's arguments are not compiled")
        if spec.arguments is not None:
            names = {placeholder: self.fresh(placeholder) for placeholder in spec.parameters}
            self.bindings.append(Binding(definition, node, spec.arguments, names))
            bound.update({placeholder: f"${name}" for placeholder, name in names.items()})
        return bound

    def project(self, type_: GraphQLObjectType, details: FieldDetailsList, env: dict[str, str],
                guarded: bool) -> tuple[str, Shape]:
        """The map of the selected fields of `type_` (a Cypher expression) and its post-pass shape."""
        executor = self.executor
        grouped = collect_subfields(self.schema, executor.fragments, executor.variable_values, executor.operation,
                                    type_, details).grouped_field_set
        references = REFERENCE_FIELDS.get(type_.name, frozenset())
        parts: list[str] = []
        kept: list[str] = []
        entries: list[Entry] = []
        for key, group in grouped.items():
            expression, entry = self.field(type_, key, group, env)
            name = group[0].node.name.value
            entry.withheld = guarded and name not in references and entry.kind is not Kind.TYPENAME
            if expression is not None:
                part = f"`{key}`: {expression}"
                parts.append(part)
                if not entry.withheld:
                    kept.append(part)
            entries.append(entry)
        projection = "{" + ", ".join(parts) + "}"
        # Outside the book only the withheld fields answer differently (null, FORBIDDEN): a selection of
        # reference fields only (a household member's name) needs no book check at all.
        guarded = guarded and any(entry.withheld for entry in entries)
        if guarded:
            outside = "{" + ", ".join([*kept, f"`__outside`: {env['customer']}.customerId"]) + "}"
            projection = fill("book/guarded", {"inBook": self.in_book(env["customer"]), "projection": projection,
                                               "references": outside})
        return projection, Shape(entries, guarded)

    def field(self, parent: GraphQLObjectType, key: str, group: FieldDetailsList,
              env: dict[str, str]) -> tuple[str | None, Entry]:
        nodes = tuple(d.node for d in group)
        name = nodes[0].name.value
        if name == "__typename":
            return None, Entry(key, nodes, Kind.TYPENAME, text=parent.name)
        if key.startswith("__"):
            raise CannotCompile(f"the response key {key} is reserved")
        definition, spec, refused = self.readable(parent, name, SPEC.get((parent.name, name)), "its parent")
        if refused is not None:
            return None, Entry(key, nodes, Kind.FORBIDDEN, text=refused)
        named = get_named_type(definition.type)
        many = isinstance(get_nullable_type(definition.type), GraphQLList)
        if isinstance(named, GraphQLObjectType):
            kind = Kind.LIST if many else Kind.OBJECT
            if isinstance(spec, Bound):
                if spec.variable not in env:
                    raise CannotCompile(f"{parent.name}.{name} needs {spec.variable}, not bound on this path")
                child_env = {**env, spec.as_: env[spec.variable]}
                projection, shape = self.project(named, group, child_env, guarded=spec.guard and self.holder is not None)
                return projection, Entry(key, nodes, kind, child=shape)
            if isinstance(spec, Page):
                child_env = {**env, "startKey": fill(spec.start, env), "endKey": fill(spec.end, env),
                             "cursorKind": spec.cursor}
                projection, shape = self.project(named, group, child_env, guarded=False)
                return projection, Entry(key, nodes, kind, child=shape)
            if isinstance(spec, Frag):
                child_env = self.bind(spec, env, definition, nodes[0])
                child_env["projection"], shape = self.project(named, group, child_env, guarded=False)
                return fill(spec.name, child_env), Entry(key, nodes, kind, child=shape)
            raise CannotCompile(f"{parent.name}.{name}: an object needs a fragment")
        scalar = Kind.TEMPORAL if named.name in TEMPORAL_SCALARS else Kind.VALUE
        if many and scalar is Kind.TEMPORAL:
            raise CannotCompile(f"{parent.name}.{name}: lists of dates are not compiled yet")
        if isinstance(spec, Prop):
            if spec.variable not in env:
                raise CannotCompile(f"{parent.name}.{name} needs {spec.variable}, not bound on this path")
            if spec.cursor:
                return f"{env[spec.variable]}.{spec.name}", Entry(key, nodes, Kind.CURSOR, text=spec.cursor)
            return _scalar(named.name, f"{env[spec.variable]}.{spec.name}"), Entry(key, nodes, scalar)
        if isinstance(spec, Var):
            if spec.variable not in env:
                raise CannotCompile(f"{parent.name}.{name} needs {spec.variable}, not bound on this path")
            return _scalar(named.name, env[spec.variable]), Entry(key, nodes, scalar)
        if isinstance(spec, Frag):
            expression = fill(spec.name, self.bind(spec, env, definition, nodes[0]))
            cursor = env.get("cursorKind") if spec.cursor == CONNECTION_CURSOR else spec.cursor
            if spec.cursor and not cursor:
                raise CannotCompile(f"{parent.name}.{name}: no connection names its cursor on this path")
            if cursor:
                return expression, Entry(key, nodes, Kind.CURSOR, text=cursor)
            return _scalar(named.name, expression), Entry(key, nodes, scalar)
        raise CannotCompile(f"{parent.name}.{name}: a scalar cannot be bound")


def _scalar(type_name: str, expression: str) -> str:
    """A scalar field's Cypher: a DateTime as the parts shape.py writes its ISO string from
    (cypher/compiled/scalar/DateTime.cypher), any other value as it is."""
    return fill("scalar/DateTime", {"value": expression}) if type_name == "DateTime" else expression


def compile_operation(schema: GraphQLSchema, executor: Executor[Any], principal: Principal) -> CompiledOperation:
    """The operation `executor` prepared (its fragments, its variables), compiled for `principal`;
    CannotCompile when any root field is left to the resolvers."""
    return Compiler(schema, executor, principal).compile()


def compile_payload(executor: Executor[Any], principal: Principal, root: str, type_: GraphQLObjectType,
                    details: FieldDetailsList) -> CompiledPayload:
    """A mutation field's selection (`details`, of `type_`) compiled as the by-id root `root` reads it;
    CannotCompile when any of its fields is left to the resolvers."""
    if any(fragment.variable_signatures for fragment in executor.fragments.values()):
        raise CannotCompile("fragment variables are not compiled")
    return Compiler(executor.schema, executor, principal).payload(root, type_, details)
