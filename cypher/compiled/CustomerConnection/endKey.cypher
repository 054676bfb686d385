// The key of the last customer of the page (the extra row that tells hasNextPage left out).
{{rows}}[0..{{size}}][-1].customerId
