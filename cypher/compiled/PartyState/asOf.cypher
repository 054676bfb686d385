// PartyState.asOf: the instant activeIndicators answers for (the `at` argument, or now: a parameter).
{{asOf}}
