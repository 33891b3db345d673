"""GET /health/ for load balancers and monitors: is the database reachable and fully migrated?

No login and no secrets: the answer says only ok / error / pending.
"""

import logging

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger("ketenregie.health")

# Once every migration is applied it stays so until the next deploy restarts the process, so the
# (costly) migration graph is loaded only until the first "ok".
_migrations_known_ok = False


def _database_ok() -> bool:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "not healthy"; the detail goes to the log only
        logger.exception("health check: database unreachable")
        return False
    return True


def _migrations_pending() -> bool:
    global _migrations_known_ok
    if _migrations_known_ok:
        return False
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    pending = bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_known_ok = not pending
    return pending


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    database_ok = _database_ok()
    migrations = "unknown"
    if database_ok:
        try:
            migrations = "pending" if _migrations_pending() else "ok"
        except Exception:  # noqa: BLE001
            logger.exception("health check: migration state unreadable")
            migrations = "error"
    healthy = database_ok and migrations == "ok"
    body = {"status": "ok" if healthy else "error", "database": "ok" if database_ok else "error",
            "migrations": migrations}
    return JsonResponse(body, status=200 if healthy else 503)
