// CustomerConnection.edges: the page's customers (the extra one that only tells hasNextPage left out).
[{{customer}} IN {{rows}}[0..{{size}}] | {{projection}}]
