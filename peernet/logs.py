"""Logging filters: a refusal (400, 403, 404) is one line at WARNING; only a server error has a traceback."""

import logging


class RefusalWithoutTraceback(logging.Filter):
    """Django logs a PermissionDenied with its traceback; a refusal is the code working, not a fault."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
