// EventConnection.edges: the page's events (the extra one that only tells hasNextPage left out).
[{{event}} IN {{rows}}[0..{{size}}] | {{projection}}]
