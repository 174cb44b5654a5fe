"""The JSON API under /api/v1/: django-ninja routers, one module per area, bearer tokens."""
