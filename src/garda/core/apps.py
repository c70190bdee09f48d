from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "garda.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        # Models and other apps are importable only once the registry is ready.
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from garda.core import security_events as events

        # Security events land in the audit log (issue: sign-ins left no trace).
        user_logged_in.connect(events.on_signed_in, dispatch_uid="garda-sign-in")
        user_login_failed.connect(events.on_sign_in_failed, dispatch_uid="garda-sign-in-failed")
        user_locked_out.connect(events.on_locked_out, dispatch_uid="garda-locked-out")

        # Models are importable only once the registry is ready (as above).
        from django.db.models.signals import post_delete, post_save

        from garda.core.org.labels import on_unit_changed
        from garda.core.org.models import Unit

        # A government added, renamed or removed in this process shows in labels at once.
        post_save.connect(on_unit_changed, sender=Unit, dispatch_uid="garda-unit-labels")
        post_delete.connect(on_unit_changed, sender=Unit, dispatch_uid="garda-unit-labels-del")

        # Models are importable only once the registry is ready (as above).
        from garda.core.dataversion import forget_known_stamps

        # The stamps a session read brought belong to its request only (core.sessions).
        request_started.connect(forget_known_stamps, dispatch_uid="garda-forget-stamps")
        request_finished.connect(forget_known_stamps, dispatch_uid="garda-forget-stamps-end")
