"""The access each kind of studies page declares (read by the role-matrix test)."""

from garda.core.permissions import SIGNED_IN, access_for
from garda.core.roles import PUBLIC, Role

PUBLIC_ACCESS = access_for(PUBLIC)
SIGNED_IN_ACCESS = SIGNED_IN
ADMIN_READ = access_for(Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD, Role.AUDITOR)
ADMIN_WRITE = access_for(Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD)
APPROVERS = access_for(Role.ATASAN, Role.ADMIN_OPD, Role.ADMIN_INSTANSI, Role.ADMIN_PROVINSI)
# The rules of studies are one province-wide regulation: the province's admin edits them.
RULES_WRITE = access_for(Role.ADMIN_PROVINSI)
