"""Strawberry types and resolvers, one module per BIAN service domain."""
