"""Enqueueing background work from a service.

A service names the task by its dotted path, as a model is named "app.Model": the task module
(a thin wrapper that calls back into the services) is imported when the work is queued, so services
and tasks never import each other. The task is enqueued in the caller's transaction: with the
database task queue its row commits, or rolls back, together with the write that asked for it."""

from __future__ import annotations

from typing import Any

from django.utils.module_loading import import_string


def enqueue(path: str, *args: Any) -> Any:
    """Enqueue the task at `path` (e.g. "kenes.appeals.tasks.appeal_received") with `args`."""
    return import_string(path).enqueue(*args)
