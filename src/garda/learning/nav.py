"""Menu entries of the learning app (registered from apps.ready). Three, to keep the bar on
one line: approvers reach their queue from "Pelatihan Saya"."""

from django.utils.translation import gettext_lazy as _

from garda.core import navigation
from garda.learning.access import ADMIN_READ, PUBLIC_ACCESS, SIGNED_IN_ACCESS

navigation.register(
    navigation.NavItem(
        _("Katalog Pelatihan"),
        "learning:catalog",
        PUBLIC_ACCESS,
        group=navigation.LEARNING,
        order=200,
    ),
    navigation.NavItem(
        _("Pelatihan Saya"), "learning:my", SIGNED_IN_ACCESS, group=navigation.LEARNING, order=210
    ),
    navigation.NavItem(
        _("Kelola Pelatihan"), "learning:manage", ADMIN_READ, group=navigation.LEARNING, order=230
    ),
)
