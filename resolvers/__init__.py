"""Strawberry types and thin resolvers, one package per BIAN service domain; the rules they apply live in domains/."""
