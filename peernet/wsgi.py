"""WSGI entry point: gunicorn peernet.wsgi."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peernet.settings")
application = get_wsgi_application()
