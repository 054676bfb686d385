"""Resource status and availability (BIAN Contact Routing Capture).

The rule (domains/contact_routing/resources.py, `capture_status`): a new status begins now, the
same one again changes nothing. The resource itself is not a principal, so whoever speaks for it
captures it: agent desktops (frontend), relationship managers (their own) and admins.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from domains.contact_routing.resources import capture_status
from gateway.security.auth import Role, allow
from graph.database import Record
from graph.temporal import native
from resolvers.contact_routing.vocabulary import ResourceStatus
from resolvers.context import Info


@strawberry.type(description="A servicing resource's status after a capture.")
class ResourceStatusCapture:
    resource_id: strawberry.ID = strawberry.field(description="The resource's identifier, e.g. R000011.")
    status: ResourceStatus = strawberry.field(description="The status now.")
    status_since: datetime.datetime = strawberry.field(description="When the status began.")
    previous_status: ResourceStatus | None = strawberry.field(description="The status before the capture.")
    changed: bool = strawberry.field(description="False when the resource already had this status (nothing changed).")

    @classmethod
    def from_record(cls, row: Record) -> ResourceStatusCapture:
        previous = row.get("previousStatus")
        return cls(resource_id=strawberry.ID(row["resourceId"]), status=ResourceStatus(row["status"]),
                   status_since=native(row["statusSince"]),
                   previous_status=None if previous is None else ResourceStatus(previous), changed=row["changed"])


@strawberry.type
class StatusMutation:
    @strawberry.mutation(description="Captures a servicing resource's status and availability (BIAN Capture); a new "
                                     "status begins now, the same one again changes nothing. Agent desktops "
                                     "(frontend), relationship managers and admins.",
                         extensions=allow(Role.FRONTEND, Role.RELATIONSHIP_MANAGER, Role.ADMIN))
    async def capture_servicing_resource_status(
        self, info: Info,
        resource_id: Annotated[strawberry.ID, strawberry.argument(description="The resource's identifier, e.g. R000011.")],
        status: Annotated[ResourceStatus, strawberry.argument(description="The status the resource is in now.")],
    ) -> ResourceStatusCapture:
        row = await capture_status(info.context.db, info.context.caller, str(resource_id), status.name)
        return ResourceStatusCapture.from_record(row)
