from django import template

from networks.models import ChainRole
from networks.roles import CHAIN_ROLE_HELP, PLATFORM_ROLE_HELP

register = template.Library()


@register.filter
def chain_role_help(role: str) -> str:
    return str(CHAIN_ROLE_HELP.get(role, ""))


@register.filter
def platform_role_help(role: str) -> str:
    return str(PLATFORM_ROLE_HELP.get(role, ""))


@register.simple_tag
def chain_roles_explained() -> list[tuple[str, str]]:
    """(label, meaning) for every chain role, in the order of the role choices."""
    return [(str(role.label), str(CHAIN_ROLE_HELP[role])) for role in ChainRole]
