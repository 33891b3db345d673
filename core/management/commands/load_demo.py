"""Create or refresh the demo data: users, the three networks of seed 004 ch. 5.2, fictional peers, demo rounds."""

from importlib import import_module

from django.core.management.base import BaseCommand

from networks.demo import DEMO_LOGINS, DEMO_PASSWORD, demo_networks_load

# Later parts (rounds with answers) register a loader here; each must be idempotent.
DEMO_STEPS = ["rounds.demo:demo_rounds_load", "improvement.demo:demo_improvement_load"]


class Command(BaseCommand):
    help = "Create the demo users and networks (idempotent: safe to run again)."

    def handle(self, *args, **options):
        networks = demo_networks_load()
        for step in DEMO_STEPS:
            module_name, func_name = step.split(":")
            try:
                module = import_module(module_name)
            except ModuleNotFoundError:
                continue
            getattr(module, func_name)(networks=networks)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(networks)} networks."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS.items():
            self.stdout.write(f"  {role:<12} {email}")
