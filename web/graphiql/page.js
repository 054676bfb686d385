// The gateway's GraphiQL page (development mode): React, GraphiQL and its explorer come from the
// gateway itself (/graphiql/assets/), never from a CDN. The page's settings are the JSON of
// <script id="graphiql-config">: the development token for the headers pane, when there is one.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("graphiql-config").textContent);

  var EXAMPLE_QUERY = [
    "# GraphiQL on the customer routing gateway.",
    "#",
    "# Ctrl-Enter (or the play button) runs the query.",
    "# The Headers pane holds the development token;",
    "# without one a request acts as the local developer.",
    "# Docs: the schema. Explorer: build a query by clicking.",
    "",
    "{",
    "  customers(first: 3) {",
    "    edges { node { customerId name segment } }",
    "    pageInfo { hasNextPage endCursor }",
    "  }",
    "}",
    "",
  ].join("\n");

  // A shared link keeps its query and variables (?q=...&variables=...); headers never go into
  // the URL, where they would leak a token into history and logs.
  var parameters = {};
  new URLSearchParams(window.location.search).forEach(function (value, key) {
    parameters[key] = value;
  });

  function updateURL(changed) {
    Object.assign(parameters, changed);
    var search = new URLSearchParams();
    ["q", "variables"].forEach(function (key) {
      if (parameters[key]) {
        search.set(key, parameters[key]);
      }
    });
    history.replaceState(null, "", "?" + search.toString());
  }

  var url = window.location.origin + window.location.pathname;
  var socket = new URL(url);
  socket.protocol = socket.protocol === "https:" ? "wss:" : "ws:";

  // Queries and mutations over HTTP; subscriptions over graphql-transport-ws on the same path,
  // with the headers pane sent as the connection_init payload (where the gateway reads the token).
  var fetcher = GraphiQL.createFetcher({ url: url, subscriptionUrl: socket.toString() });

  function Page() {
    return React.createElement(GraphiQL, {
      fetcher: fetcher,
      plugins: [GraphiQLPluginExplorer.explorerPlugin()],
      query: parameters.q || EXAMPLE_QUERY,
      variables: parameters.variables,
      // A fresh development token at every load (a stored one would have expired), and not
      // persisted into the browser's storage.
      headers: config.headers,
      shouldPersistHeaders: false,
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: config.headers ? "headers" : true,
      inputValueDeprecation: true,
      onEditQuery: function (query) { updateURL({ q: query }); },
      onEditVariables: function (variables) { updateURL({ variables: variables }); },
    });
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(React.createElement(Page));
})();
