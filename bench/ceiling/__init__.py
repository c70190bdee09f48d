"""The ceiling of the queue bench: a bare Django project, served like Garda (granian, WSGI, the
same threads) on the same database, with nothing Garda adds — only the Security and Common
middleware, `django.contrib.contenttypes` and this app. `queue_bench.py` starts it beside Garda
and prints the queue rows as ratios against it, measured in the same run."""
