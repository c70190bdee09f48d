"""`granian --interface wsgi ceiling.wsgi:application` (with bench/ on PYTHONPATH)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ceiling.settings")

application = get_wsgi_application()
