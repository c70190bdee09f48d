"""Forms of the talent pages; the services check everything again."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from garda.core.access import units_visible_to
from garda.core.models import Unit, User
from garda.people.models import JabatanKind
from garda.talent.models_ninebox import Kinerja
from garda.talent.selectors.ninebox import instansi_visible
from garda.talent.vocabulary import Potensial, Predikat


class SessionOpenForm(forms.Form):
    instansi = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Instansi"))
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["instansi"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  # declared just above
        field.queryset = instansi_visible(user)


class ChangeForm(forms.Form):
    nip = forms.CharField(label=_("NIP"), max_length=30)
    box = forms.TypedChoiceField(
        label=_("Kotak hasil kalibrasi"), coerce=int, choices=[(n, n) for n in range(1, 10)]
    )
    reason = forms.CharField(
        label=_("Alasan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class CriticalPostForm(forms.Form):
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Unit"))
    name = forms.CharField(label=_("Nama jabatan"), max_length=200)
    jabatan_kind = forms.ModelChoiceField(
        queryset=JabatanKind.objects.filter(group="manajerial"), label=_("Jenis jabatan")
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101  # declared just above
        field.queryset = units_visible_to(user).order_by("path")


class CutoffForm(forms.Form):
    """One kinerja level per SKP predikat, for one instansi and year."""

    def __init__(self, *args: Any, initial_cuts: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for predikat in Predikat:
            self.fields[predikat.value] = forms.ChoiceField(
                label=predikat.label, choices=Kinerja.choices,
                initial=initial_cuts.get(predikat.value),
            )  # fmt: skip

    def mapping(self) -> dict[str, str]:
        return {p.value: str(self.cleaned_data[p.value]) for p in Predikat}


class PotensialCutoffForm(forms.Form):
    """The lowest JPM of each potential level, for one instansi and year."""

    def __init__(self, *args: Any, initial_cuts: dict[str, Decimal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for level in reversed(Potensial):
            self.fields[level.value] = forms.DecimalField(
                label=level.label, min_value=0, max_value=1000, max_digits=6, decimal_places=2,
                initial=initial_cuts.get(level.value),
            )  # fmt: skip

    def mapping(self) -> dict[str, Decimal]:
        return {p.value: Decimal(self.cleaned_data[p.value]) for p in Potensial}


class IpEditionForm(forms.Form):
    """An IP ASN edition: its header and its four tables as `key = value` lines (read and
    checked by talent.ipasn_tables, through the service)."""

    code = forms.SlugField(label=_("Kode edisi"), max_length=40)
    name = forms.CharField(label=_("Dasar hukum / nama edisi"), max_length=200)
    first_year = forms.IntegerField(label=_("Berlaku mulai tahun"), min_value=2000, max_value=2100)
    technical_min_jp = forms.DecimalField(
        label=_("JP minimal pelatihan teknis"), min_value=0, max_digits=5, decimal_places=1
    )
    technical_partial = forms.BooleanField(
        label=_("Poin sebagian di bawah JP minimal"), required=False
    )
    seminar_years = forms.IntegerField(label=_("Jangka seminar (tahun)"), min_value=1, max_value=10)
    points = forms.CharField(
        label=_("Tabel poin (dimensi.kunci = poin)"),
        widget=forms.Textarea(attrs={"rows": 16, "class": "form-control font-monospace"}),
    )
    categories = forms.CharField(
        label=_("Kategori (kode = nilai terendah)"),
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control font-monospace"}),
    )
    indicators = forms.CharField(
        label=_("Bentuk pengembangan ke indikator (kode bentuk = indikator)"),
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control font-monospace"}),
    )
    jabatan = forms.CharField(
        label=_("Jenis jabatan (kode = kelompok, pelatihan kepemimpinan)"),
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control font-monospace"}),
    )
    as_new = forms.BooleanField(label=_("Simpan sebagai edisi baru"), required=False)
