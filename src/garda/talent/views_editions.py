"""The IP ASN editions page: every edition's tables (point tables, categories, ledger form to
indicator, jabatan kinds) for the admins and the auditor; the provincial admin edits an
edition in place or saves it as a new one (talent.services.ip_edition_save)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from garda.core.errors import NotFound
from garda.core.formflow import submit
from garda.core.params import id_from
from garda.core.permissions import require_access, signed_in_user
from garda.talent import policy, services
from garda.talent.forms import IpEditionForm
from garda.talent.ipasn_tables import tables_as_text
from garda.talent.models import IpEdition
from garda.talent.services.ipasn_tables import HEADER


@require_access(policy.IP_TABLES_READ)
def editions(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    every = list(IpEdition.objects.order_by("-first_year"))
    wanted = id_from(request.GET.get("edisi"))
    edition = next((e for e in every if e.pk == wanted), every[0] if every else None)
    if wanted is not None and (edition is None or edition.pk != wanted):
        raise NotFound
    may_edit = policy.IP_TABLES_WRITE.allows(user)
    if request.method == "POST" and not may_edit:
        raise NotFound
    initial = {}
    if edition is not None:
        initial = {
            **{name: getattr(edition, name) for name in HEADER},
            **tables_as_text(edition),
        }
    form = IpEditionForm(request.POST or None, initial=initial)
    done = submit(
        request, form,
        service=lambda d: services.ip_edition_save(
            actor=user,
            edition_id=None if d["as_new"] or edition is None else edition.pk,
            header={name: d[name] for name in HEADER},
            texts={name: d[name] for name in ("points", "categories", "indicators", "jabatan")},
        ),
        success=_("Edisi IP ASN disimpan."),
        then=lambda saved: redirect(f"{reverse('talent:ip_editions')}?edisi={saved.pk}"),
    )  # fmt: skip
    if done is not None:
        return done
    context = {
        "editions": every,
        "edition": edition,
        "form": form,
        "may_edit": may_edit,
        "tables": tables_as_text(edition) if edition is not None else {},
    }
    return render(request, "talent/ip_editions.html", context)
