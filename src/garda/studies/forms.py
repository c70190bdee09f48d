"""Forms of the studies pages. They check shape; services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from garda.learning.forms import DATE, bootstrap
from garda.learning.ledger.models import LearningForm
from garda.studies.models import (
    AccreditedProgram,
    DocumentKind,
    FundingSource,
    StudyKind,
    StudyLevel,
)


class Styled(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)


def _programs() -> forms.ModelChoiceField:  # type: ignore[type-arg]  # AccreditedProgram
    return forms.ModelChoiceField(
        label=_("Program studi"), queryset=AccreditedProgram.objects.select_related("grade")
    )


class CheckForm(Styled):
    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        required=False,
        help_text=_("Kosongkan untuk memeriksa diri sendiri."),
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=StudyKind.choices)
    level = forms.ChoiceField(label=_("Jenjang"), choices=StudyLevel.choices)
    on = forms.DateField(label=_("Pada tanggal"), widget=DATE)
    program = forms.ModelChoiceField(
        label=_("Program studi"),
        required=False,
        queryset=AccreditedProgram.objects.select_related("grade"),
    )
    exception_3t = forms.BooleanField(label=_("Daerah 3T/jabatan langka"), required=False)


class ApplyForm(Styled):
    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        required=False,
        help_text=_("Kosongkan untuk mengajukan diri sendiri."),
    )
    kind = forms.ChoiceField(label=_("Jenis"), choices=StudyKind.choices)
    level = forms.ChoiceField(label=_("Jenjang"), choices=StudyLevel.choices)
    program = forms.ModelChoiceField(
        label=_("Program studi"), queryset=AccreditedProgram.objects.select_related("grade")
    )
    funding_source = forms.ModelChoiceField(
        label=_("Sumber dana"), queryset=FundingSource.objects.all()
    )
    starts_on = forms.DateField(label=_("Mulai studi"), widget=DATE)
    cost_per_semester = forms.DecimalField(
        label=_("Biaya per semester (Rp)"),
        min_value=0,
        max_digits=14,
        decimal_places=0,
        required=False,
    )
    budget_line = forms.CharField(label=_("Mata anggaran"), max_length=120, required=False)
    relevance = forms.CharField(
        label=_("Kesesuaian dengan jabatan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    exception_3t = forms.BooleanField(label=_("Daerah 3T/jabatan langka"), required=False)


class OfferForm(Styled):
    title = forms.CharField(label=_("Judul"), max_length=200)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=_("Jenis"), choices=StudyKind.choices)
    level = forms.ChoiceField(label=_("Jenjang"), choices=StudyLevel.choices)
    funding_source = forms.ModelChoiceField(
        label=_("Sumber dana"), queryset=FundingSource.objects.all()
    )
    field = forms.CharField(label=_("Bidang ilmu"), max_length=200)
    target_programs = forms.CharField(
        label=_("Program studi sasaran"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    quota = forms.IntegerField(label=_("Kuota"), min_value=1, max_value=10_000)
    budget_per_person = forms.DecimalField(
        label=_("Biaya per orang (Rp)"), min_value=0, max_digits=14, decimal_places=0
    )
    opens_on = forms.DateField(label=_("Dibuka"), widget=DATE)
    closes_on = forms.DateField(label=_("Ditutup"), widget=DATE)
    exception_3t = forms.BooleanField(label=_("Formasi daerah 3T/jabatan langka"), required=False)


class CandidateForm(Styled):
    nip = forms.CharField(
        label=_("NIP"),
        max_length=30,
        required=False,
        help_text=_("Kosongkan untuk mendaftar sendiri."),
    )


class DocumentForm(Styled):
    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Berkas (PDF/JPG/PNG, paling besar 5 MB)"))


class DecideForm(Styled):
    approved = forms.TypedChoiceField(
        label=_("Keputusan"),
        coerce=lambda v: v == "1",
        choices=[("1", _("Setujui")), ("0", _("Tolak"))],
    )
    note = forms.CharField(
        label=_("Catatan"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportForm(Styled):
    semester = forms.IntegerField(label=_("Semester"), min_value=1, max_value=20)
    gpa = forms.DecimalField(
        label=_("IPK"), min_value=0, max_value=4, max_digits=3, decimal_places=2
    )
    credits = forms.IntegerField(label=_("SKS"), min_value=0, max_value=200)
    transcript = forms.FileField(label=_("Transkrip (PDF/JPG/PNG)"))


class GraduateForm(Styled):
    graduated_on = forms.DateField(label=_("Tanggal lulus"), widget=DATE)
    degree = forms.CharField(label=_("Gelar"), max_length=40)


class ReturnForm(Styled):
    returned_on = forms.DateField(label=_("Kembali bertugas"), widget=DATE)
    post = forms.CharField(label=_("Jabatan"), max_length=200)
    uses_degree = forms.BooleanField(
        label=_("Jabatan ini memanfaatkan gelar hasil studi"), required=False
    )


class ExtendForm(Styled):
    months = forms.IntegerField(label=_("Perpanjangan (bulan)"), min_value=1, max_value=60)
    reason = forms.CharField(label=_("Alasan"), max_length=1000)


class ReasonForm(Styled):
    reason = forms.CharField(label=_("Alasan"), max_length=1000)


class BreachForm(Styled):
    breached_on = forms.DateField(label=_("Tanggal pelanggaran"), widget=DATE)


class PermitForm(Styled):
    title = forms.CharField(label=_("Nama kegiatan"), max_length=200)
    provider = forms.CharField(label=_("Penyelenggara"), max_length=200)
    form = forms.ModelChoiceField(
        label=_("Bentuk"), queryset=LearningForm.objects.filter(active=True)
    )
    abroad = forms.BooleanField(label=_("Di luar negeri"), required=False)
    country = forms.CharField(label=_("Negara"), max_length=80, required=False)
    starts_on = forms.DateField(label=_("Mulai"), widget=DATE)
    ends_on = forms.DateField(label=_("Selesai"), widget=DATE)
    stated_jp = forms.DecimalField(
        label=_("JP pada sertifikat"), min_value=0, max_value=999, max_digits=5, decimal_places=1
    )


class PermitReportForm(Styled):
    report = forms.CharField(label=_("Laporan kegiatan"), widget=forms.Textarea(attrs={"rows": 3}))
    certificate = forms.FileField(label=_("Sertifikat"), required=False)


class EligibilityRuleForm(Styled):
    edition = forms.CharField(label=_("Dasar/edisi"), max_length=200)
    max_age = forms.IntegerField(
        label=_("Batas usia (tahun, kosong: tidak dibatasi)"),
        min_value=17,
        max_value=70,
        required=False,
    )
    max_age_exception = forms.IntegerField(
        label=_("Batas usia daerah 3T/jabatan langka"), min_value=17, max_value=70, required=False
    )
    min_service_years = forms.IntegerField(
        label=_("Masa kerja PNS minimal (tahun)"), min_value=0, max_value=40
    )
    refused_sanctions = forms.MultipleChoiceField(
        label=_("Hukuman disiplin yang menolak"),
        choices=[("ringan", _("Ringan")), ("sedang", _("Sedang")), ("berat", _("Berat"))],
        widget=forms.SelectMultiple(attrs={"size": 3}),
        required=False,
    )
    skp_years = forms.IntegerField(
        label=_("Tahun SKP paling rendah Baik yang diperiksa (0: tidak diperiksa)"),
        min_value=0,
        max_value=5,
    )
    min_accreditation_rank = forms.IntegerField(
        label=_("Peringkat akreditasi paling rendah (1: Unggul/A, 2: Baik Sekali/B, 3: Baik/C)"),
        min_value=1,
        max_value=9,
        required=False,
    )
    refuses_suspended = forms.BooleanField(
        label=_("Menolak yang diberhentikan sementara"), required=False
    )
    duration_years = forms.IntegerField(label=_("Lama studi (tahun)"), min_value=1, max_value=10)
    max_extension_months = forms.IntegerField(
        label=_("Perpanjangan paling lama (bulan)"), min_value=0, max_value=60
    )
    release_after_months = forms.IntegerField(
        label=_("Tugas belajar lebih dari (bulan) membebaskan dari jabatan"),
        min_value=0,
        max_value=60,
    )

    def clean_refused_sanctions(self) -> str:
        return ",".join(self.cleaned_data["refused_sanctions"])

    @staticmethod
    def initial_for(rule: Any) -> dict[str, Any]:
        values = {name: getattr(rule, name) for name in EligibilityRuleForm.base_fields}
        values["refused_sanctions"] = sorted(rule.refused_levels)
        return values


class FundingSourceForm(Styled):
    name = forms.CharField(label=_("Nama"), max_length=120)
    edition = forms.CharField(label=_("Dasar/edisi"), max_length=200)
    bond_multiplier = forms.DecimalField(
        label=_("Pengali masa ikatan dinas (kali lama studi)"),
        min_value=0,
        max_value=10,
        decimal_places=2,
    )
    bond_extra_years = forms.DecimalField(
        label=_("Tambahan masa ikatan dinas (tahun)"), min_value=0, max_value=20, decimal_places=2
    )
    repayment_factor = forms.DecimalField(
        label=_("Faktor pengembalian biaya bila ikatan dilanggar"),
        min_value=0,
        max_value=10,
        decimal_places=2,
    )

    @staticmethod
    def initial_for(source: Any) -> dict[str, Any]:
        return {name: getattr(source, name) for name in FundingSourceForm.base_fields}


class PangkatAdjustmentForm(Styled):
    max_golongan = forms.CharField(label=_("Golongan paling tinggi yang dapat naik"), max_length=8)
    to_golongan = forms.CharField(label=_("Naik menjadi golongan"), max_length=8)
    min_years_in_rank = forms.IntegerField(
        label=_("Masa dalam pangkat paling singkat (tahun)"), min_value=0, max_value=10
    )
    needs_formasi = forms.BooleanField(label=_("Memerlukan formasi"), required=False)
    edition = forms.CharField(label=_("Dasar/edisi"), max_length=200)

    @staticmethod
    def initial_for(row: Any) -> dict[str, Any]:
        return {name: getattr(row, name) for name in PangkatAdjustmentForm.base_fields}
