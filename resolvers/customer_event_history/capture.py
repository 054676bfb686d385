"""Where other domains import `log_event` from today; it lives in domains.customer_event_history.capture.
Kept so their imports work until they point there."""

from __future__ import annotations

from domains.customer_event_history.capture import log_event

__all__ = ["log_event"]
