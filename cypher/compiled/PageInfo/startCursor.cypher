// PageInfo.startCursor: the first customer's key (the post-pass encodes it as a cursor); null on an empty page.
{{rows}}[0].customerId
