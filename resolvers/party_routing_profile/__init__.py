"""Party Routing Profile (BIAN) in GraphQL: statuses, ratings and alerts that steer every interaction.

The rules are in domains/party_routing_profile/; here are the Strawberry types, inputs and thin
resolvers. One module per job: `profile` (the PartyState type and its Initiate/Update/Execute/
Request/Retrieve fields, IndicatorCategory's descriptions), `indicators` (Capture/Update/Retrieve
of Status, Rating and Alert), `vocabulary` (the IndicatorType type and its admin mutations),
`presenting_check` (the check as a customer presents), `analytics` (portfolio make-up and trends).
"""

from __future__ import annotations

import strawberry

from resolvers.party_routing_profile.analytics import AnalyticsQuery
from resolvers.party_routing_profile.indicators import IndicatorMutation, IndicatorQuery
from resolvers.party_routing_profile.presenting_check import PresentingCheckQuery
from resolvers.party_routing_profile.profile import PartyState, ProfileMutation, ProfileQuery, routing_profile
from resolvers.party_routing_profile.vocabulary import VocabularyMutation, VocabularyQuery

__all__ = ["PartyRoutingProfileMutation", "PartyRoutingProfileQuery", "PartyState", "routing_profile"]


@strawberry.type
class PartyRoutingProfileQuery(ProfileQuery, IndicatorQuery, VocabularyQuery, PresentingCheckQuery, AnalyticsQuery):
    pass


@strawberry.type
class PartyRoutingProfileMutation(ProfileMutation, IndicatorMutation, VocabularyMutation):
    pass
