"""The bank's rules, free of GraphQL: what the resolvers apply and the dispatcher runs."""
