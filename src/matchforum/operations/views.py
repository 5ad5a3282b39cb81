"""Health endpoints for load balancers and orchestrators: no sign-in, no private data."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from .health import readiness


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    """The process answers requests."""
    return JsonResponse({"status": "ok", "checks": {"process": {"ok": True}}})


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Database reachable, migrations applied, worker heartbeat fresh, periodic jobs on time."""
    checks = readiness()
    healthy = all(ok for ok, _ in checks.values())
    body = {
        "status": "ok" if healthy else "fail",
        "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()},
    }
    return JsonResponse(body, status=200 if healthy else 503)
