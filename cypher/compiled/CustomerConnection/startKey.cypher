// The key of the first customer of the page (its cursor's: resolvers/customers.py CURSOR_KIND).
{{rows}}[0].customerId
