"""The error the round services raise, in a module of its own so that they can import each other's functions."""

from django.core.exceptions import ValidationError


class RoundStateError(ValidationError):
    """The round is not in a state that allows this action (e.g. closing a draft). Views answer 409."""
