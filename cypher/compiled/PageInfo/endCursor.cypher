// PageInfo.endCursor: the last customer's key of the page (encoded by the post-pass); null on an empty page.
{{rows}}[0..{{size}}][-1].customerId
