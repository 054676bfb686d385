"""Party Routing Profile (BIAN): statuses, ratings and alerts that steer every interaction.

One module per job: `profile` (the PartyState and its Initiate/Update/Execute/Request/Retrieve),
`indicators` (Capture/Update/Retrieve of Status, Rating and Alert), `vocabulary` (the
IndicatorType policy and its admin mutations), `presenting_check` (the identity and
active-status check as a customer presents), `analytics` (portfolio make-up and trends).
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
