"""Security events that core notices and other apps record.

Core sits below every other app, so it announces these events instead of writing them to the audit trail
itself; the audit app connects its receivers in ``AuditConfig.ready``.
"""

from django.dispatch import Signal

session_expired = Signal()
"""A login session outlived ``KETENREGIE_SESSION_ABSOLUTE_AGE`` and was ended. Arguments: ``request``, ``user``."""

token_links_blocked = Signal()
"""An address tried too many unknown questionnaire links and is blocked. Arguments: ``request``, ``scope``,
``until`` (the end of the block)."""
