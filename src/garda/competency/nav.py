"""Menu entries of the competency app, in their own group (Kompetensi)."""

from django.utils.translation import gettext_lazy as _

from garda.competency import access
from garda.core.navigation import NavGroup, NavItem

COMPETENCY = NavGroup("kompetensi", _("Kompetensi"), 250)

MENU = (
    NavItem(_("Kompetensi saya"), "competency:mine", access.SIGNED_IN_ACCESS, group=COMPETENCY,
            order=10),
    NavItem(_("Rencana pengembangan saya"), "competency:idp_mine", access.SIGNED_IN_ACCESS,
            group=COMPETENCY, order=20),
    NavItem(_("Persetujuan IDP"), "competency:idp_queue", access.APPROVERS, group=COMPETENCY,
            order=30),
    NavItem(_("Peta kesenjangan"), "competency:heatmap", access.ADMIN_READ, group=COMPETENCY,
            order=40),
    NavItem(_("Standar kompetensi"), "competency:standards", access.ADMIN_READ, group=COMPETENCY,
            order=50),
    NavItem(_("Input hasil asesmen"), "competency:assessment_new", access.ASSESS,
            group=COMPETENCY, order=60),
    NavItem(_("Rencana pengembangan tahunan"), "competency:plan", access.PLAN_READ,
            group=COMPETENCY, order=70),
    NavItem(_("Kamus kompetensi"), "competency:dictionary", access.SIGNED_IN_ACCESS,
            group=COMPETENCY, order=90),
)  # fmt: skip
