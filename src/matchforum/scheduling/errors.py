"""Exceptions raised by the scheduling engine."""

from __future__ import annotations


class SchedulingError(Exception):
    """Base class of every error the scheduling engine raises on purpose."""


class ProblemError(SchedulingError, ValueError):
    """The problem is malformed or impossible on its face; the message names what is wrong."""


class FormatError(ProblemError):
    """A data file (DZN or JSON) could not be read."""


class InfeasibleError(SchedulingError):
    """The solver proved that no schedule satisfies the hard rules."""
