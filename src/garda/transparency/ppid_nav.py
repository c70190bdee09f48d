"""Menu entries of PPID."""

from django.utils.translation import gettext_lazy as _

from garda.core import navigation
from garda.core.permissions import access_for
from garda.core.roles import PUBLIC
from garda.transparency.ppid.policy import CONSOLE_ACCESS

navigation.register(
    navigation.NavItem(
        _("Informasi Publik"),
        "transparency:ppid:home",
        access_for(PUBLIC),
        group=navigation.OPENNESS,
        order=300,
    ),
    navigation.NavItem(
        _("Permohonan (petugas)"),
        "transparency:ppid:console",
        CONSOLE_ACCESS,
        group=navigation.OPENNESS,
        order=310,
    ),
)
