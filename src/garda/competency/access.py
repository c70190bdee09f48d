"""The access each kind of competency page declares (read by the role-matrix test)."""

from garda.core.permissions import SIGNED_IN, access_for
from garda.core.roles import Role

SIGNED_IN_ACCESS = SIGNED_IN
# Dictionary, standards, heat map, plans: admins of a scope read; auditors read everything.
ADMIN_READ = access_for(
    Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD, Role.AUDITOR, Role.ASESOR
)
# Standards, technical competencies and program tags are an instansi's (or BPSDM's) to set.
STANDARD_WRITE = access_for(Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI)
# Assessment results: entered by an assessor, imported by an assessor or an instansi admin.
ASSESS = access_for(Role.ASESOR, Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI)
# An employee's competency page: the ASN itself (through "Kompetensi saya"), its atasan, admins.
EMPLOYEE_READ = access_for(
    Role.ADMIN_PROVINSI,
    Role.ADMIN_INSTANSI,
    Role.ADMIN_OPD,
    Role.ATASAN,
    Role.AUDITOR,
    Role.ASESOR,
)
APPROVERS = access_for(Role.ATASAN, Role.ADMIN_OPD, Role.ADMIN_INSTANSI, Role.ADMIN_PROVINSI)
PLAN_READ = access_for(Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD, Role.AUDITOR)
# Batches are created from the province plan by BPSDM.
PLAN_BATCH = access_for(Role.ADMIN_PROVINSI)
SETTINGS_WRITE = access_for(Role.ADMIN_PROVINSI)
TAG_WRITE = access_for(Role.ADMIN_PROVINSI, Role.ADMIN_INSTANSI, Role.ADMIN_OPD)
