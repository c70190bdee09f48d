"""WSGI entry point served by granian (`granian --interface wsgi garda.wsgi:application`).

Machine endpoints registered with garda.core.machine (the Mobile JKN bridge) are served by a
handler without the session stack; everything else by Django's handler with MIDDLEWARE."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "garda.settings")

_full = get_wsgi_application()  # sets Django up: the apps' ready() register machine paths

from garda.core.machine import Dispatch, MachineHandler  # noqa: E402  # needs Django set up

application = Dispatch(_full, MachineHandler())
