"""WSGI entry point served by granian (`granian --interface wsgi garda.wsgi:application`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "garda.settings")

application = get_wsgi_application()
