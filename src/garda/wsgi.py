"""WSGI entry point served by granian (`granian --interface wsgi garda.wsgi:application`).

Machine endpoints registered with garda.core.machine (the Mobile JKN bridge) are served by a
handler without the session stack; everything else by Django's handler with MIDDLEWARE. Audit
entries are numbered by this process's sequencer thread (core/audit/sequencer.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "garda.settings")

_full = get_wsgi_application()  # sets Django up: the apps' ready() register machine paths

from garda.core.audit.sequencer import number_in_background  # noqa: E402  # needs Django set up
from garda.core.machine import Dispatch, MachineHandler  # noqa: E402  # same reason

# Audit entries are numbered by a thread of this process after commit, not by the request.
number_in_background()
application = Dispatch(_full, MachineHandler())
