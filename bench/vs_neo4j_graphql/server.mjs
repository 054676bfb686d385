// The gateway's customer model served by @neo4j/graphql and Apollo Server over the same Neo4j, for
// bench/vs_neo4j_graphql_bench.py. Only what the benchmark's cases read: customers with their
// holdings and products, household and members, related parties, routing profile indicators and
// event log. Labels, relationship types and properties are those of docs/graph-model.md.
//
//   NEO4J_URI=bolt://127.0.0.1:7687 [NEO4J_USER=neo4j NEO4J_PASSWORD=] PORT=4000 node server.mjs
//
// Prints "listening <port>" on stdout once it answers. GET /stats tells how many sockets had
// TCP_NODELAY set by this file.
//
// Fairness: every socket has Nagle's algorithm off. The driver's own sockets are set through
// net.Socket.prototype.connect, patched before the driver is loaded (with Nagle on, a request
// waits for the peer's delayed ACK, about 40 ms on Linux, whatever the query); the HTTP server
// is created with noDelay.
import http from "node:http";
import net from "node:net";

const noDelay = { driverSockets: 0, httpSockets: 0 };
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(...args) {
    this.setNoDelay(true);
    this.once("connect", () => this.setNoDelay(true));
    noDelay.driverSockets += 1;
    return connect.apply(this, args);
};

// Loaded after the patch, so every socket the driver opens goes through it.
const { default: neo4j } = await import("neo4j-driver");
const { Neo4jGraphQL } = await import("@neo4j/graphql");
const { ApolloServer, HeaderMap } = await import("@apollo/server");

const typeDefs = /* GraphQL */ `
    type Customer @node {
        "String, not ID: keyset paging needs customerId > after, which @neo4j/graphql offers on String only"
        customerId: String!
        name: String!
        kind: String!
        segment: String
        status: String
        language: String
        country: String
        customerSince: Date
        holds: [Product!]! @relationship(type: "HOLDS", direction: OUT, properties: "Holds")
        households: [Household!]! @relationship(type: "MEMBER_OF", direction: OUT, properties: "Membership")
        "(party)-[:RELATED_TO {kind}]->(this): the party is the kind of this customer"
        relatedBy: [Customer!]! @relationship(type: "RELATED_TO", direction: IN, properties: "Relation")
        "(this)-[:RELATED_TO {kind}]->(party): this customer is the kind of the party"
        relatedTo: [Customer!]! @relationship(type: "RELATED_TO", direction: OUT, properties: "Relation")
        profiles: [PartyState!]! @relationship(type: "HAS_PROFILE", direction: OUT)
        eventLogs: [CustomerEventLog!]! @relationship(type: "HAS_EVENT_LOG", direction: OUT)
    }

    type Holds @relationshipProperties {
        since: Date
        status: String!
    }

    type Membership @relationshipProperties {
        role: String!
    }

    type Relation @relationshipProperties {
        kind: String!
        since: Date
    }

    type Product @node {
        productId: ID!
        name: String!
        family: String!
    }

    type Household @node {
        householdId: ID!
        name: String!
        members: [Customer!]! @relationship(type: "MEMBER_OF", direction: IN, properties: "Membership")
    }

    type PartyState @node {
        partyStateId: ID!
        indicators: [Indicator!]! @relationship(type: "HAS_INDICATOR", direction: OUT)
    }

    type Indicator @node {
        indicatorId: ID!
        type: String!
        value: String!
        narrative: String
        validFrom: DateTime!
        validTo: DateTime
        source: String!
    }

    type CustomerEventLog @node {
        eventLogId: ID!
        events: [Event!]! @relationship(type: "RECORDED", direction: OUT)
    }

    type Event @node {
        eventId: ID!
        category: String!
        type: String!
        occurredAt: DateTime!
        channel: String
    }
`;

const driver = neo4j.driver(
    process.env.NEO4J_URI ?? "bolt://127.0.0.1:7687",
    neo4j.auth.basic(process.env.NEO4J_USER ?? "neo4j", process.env.NEO4J_PASSWORD ?? ""),
    { maxConnectionPoolSize: 100 },
);
// String's gt filter is off unless asked for.
const features = { filters: { String: { GT: true } } };
const schema = await new Neo4jGraphQL({ typeDefs, driver, features }).getSchema();
const apollo = new ApolloServer({ schema });
await apollo.start();

function body(request) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        request.on("data", (chunk) => chunks.push(chunk));
        request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        request.on("error", reject);
    });
}

// Apollo's own HTTP integration contract (executeHTTPGraphQLRequest), on Node's http server.
async function handle(request, response) {
    if (request.method === "GET" && request.url === "/stats") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(noDelay));
        return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
        headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const text = await body(request);
    const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
            method: request.method.toUpperCase(),
            headers,
            search: new URL(request.url, "http://localhost").search,
            body: text ? JSON.parse(text) : undefined,
        },
        context: async () => ({}),
    });
    for (const [name, value] of result.headers) {
        response.setHeader(name, value);
    }
    response.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
        response.end(result.body.string);
        return;
    }
    for await (const chunk of result.body.asyncIterator) {
        response.write(chunk);
    }
    response.end();
}

const server = http.createServer({ noDelay: true, keepAlive: true }, (request, response) => {
    handle(request, response).catch((error) => {
        response.statusCode = 500;
        response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
    });
});
server.on("connection", (socket) => {
    socket.setNoDelay(true);
    noDelay.httpSockets += 1;
});
server.keepAliveTimeout = 120_000;
server.listen(Number(process.env.PORT ?? 4000), "127.0.0.1", () => {
    process.stdout.write(`listening ${server.address().port}\n`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
    process.on(signal, async () => {
        server.close();
        await apollo.stop();
        await driver.close();
        process.exit(0);
    });
}
