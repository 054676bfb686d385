// PageInfo.startCursor: the key of the page's first item ({{startKey}}, given by its connection), encoded
// as a cursor by the post-pass; null on an empty page.
{{startKey}}
