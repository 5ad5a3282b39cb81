"""One JSON object a line for an operator's log system (LOG_FORMAT=json).

Every record carries its time, level and logger; the request and task lines add their own
fields (see core/request_log.py and core/task_log.py) through `extra`. Nothing personal is
passed to these loggers: no e-mail addresses, no raw paths with ids, no query strings.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from pythonjsonlogger.json import JsonFormatter


class JsonLineFormatter(JsonFormatter):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level"})
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        super().__init__(*args, **kwargs)


def user_ref(user_id: int | None) -> str | None:
    """A stable pseudonym of a user id (HMAC with the secret key): lines of one person can
    be followed without naming them."""
    if user_id is None:
        return None
    digest = hmac.new(settings.SECRET_KEY.encode(), str(user_id).encode(), hashlib.sha256)
    return digest.hexdigest()[:16]
