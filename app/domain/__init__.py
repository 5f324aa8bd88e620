"""Requests between co-workers, the people in them, and their append-only history."""

from app.domain.model import (
    Direction,
    DomainError,
    Event,
    EventKind,
    Person,
    Priority,
    PromptKind,
    Request,
    Status,
)

__all__ = [
    "Direction",
    "DomainError",
    "Event",
    "EventKind",
    "Person",
    "Priority",
    "PromptKind",
    "Request",
    "Status",
]
