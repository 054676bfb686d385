"""Resource status and availability (BIAN Contact Routing Capture).

A status change is one write statement: the new status begins now (`statusSince`); the
same status again changes nothing, so an agent desktop may repeat it freely. The resource
itself is not a principal, so whoever speaks for it captures it: agent desktops (frontend),
relationship managers and admins.
"""

from __future__ import annotations

import datetime
from typing import Annotated

import strawberry

from gateway.security.auth import Role, allow
from gateway.security.book import require_own_resource
from graph.database import Record
from graph.errors import NotFound
from graph.queries import load
from graph.temporal import native
from resolvers.contact_routing.vocabulary import ResourceStatus
from resolvers.context import Info

CAPTURE_RESOURCE_STATUS = load("contact_routing/capture_resource_status")


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
        require_own_resource(info.context.caller, str(resource_id), "resourceId",
                             "captures only its own status (agent desktops and admins capture any)")
        rows = await info.context.db.write(CAPTURE_RESOURCE_STATUS, resourceId=str(resource_id), status=status.value)
        if not rows:
            raise NotFound(f"no servicing resource has the id {resource_id}", field="resourceId")
        return ResourceStatusCapture.from_record(rows[0])
