"""Default reference data (../shared/domain/asn.md), loaded by migration 0002 and editable
afterwards. Codes of kabupaten/kota are Kemendagri's kode wilayah."""

from __future__ import annotations

GOLONGAN_PNS: list[tuple[str, str]] = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]
GOLONGAN_PPPK: list[str] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip

# (code, name, group, category)
JABATAN_KINDS: list[tuple[str, str, str, str]] = [
    ("jpt_utama", "JPT Utama", "manajerial", "JPT"),
    ("jpt_madya", "JPT Madya", "manajerial", "JPT"),
    ("jpt_pratama", "JPT Pratama", "manajerial", "JPT"),
    ("administrator", "Administrator", "manajerial", "Administrasi"),
    ("pengawas", "Pengawas", "manajerial", "Administrasi"),
    ("fungsional_ahli_utama", "Fungsional Ahli Utama", "nonmanajerial", "Fungsional Keahlian"),
    ("fungsional_ahli_madya", "Fungsional Ahli Madya", "nonmanajerial", "Fungsional Keahlian"),
    ("fungsional_ahli_muda", "Fungsional Ahli Muda", "nonmanajerial", "Fungsional Keahlian"),
    ("fungsional_ahli_pertama", "Fungsional Ahli Pertama", "nonmanajerial", "Fungsional Keahlian"),
    ("fungsional_penyelia", "Fungsional Penyelia", "nonmanajerial", "Fungsional Keterampilan"),
    ("fungsional_mahir", "Fungsional Mahir", "nonmanajerial", "Fungsional Keterampilan"),
    ("fungsional_terampil", "Fungsional Terampil", "nonmanajerial", "Fungsional Keterampilan"),
    ("fungsional_pemula", "Fungsional Pemula", "nonmanajerial", "Fungsional Keterampilan"),
    ("pelaksana", "Pelaksana", "nonmanajerial", "Pelaksana"),
]

EDUCATION_LEVELS: list[tuple[str, str]] = [
    ("SD", "Sekolah Dasar"),
    ("SMP", "Sekolah Menengah Pertama"),
    ("SMA", "Sekolah Menengah Atas/Kejuruan"),
    ("D1", "Diploma I"),
    ("D2", "Diploma II"),
    ("D3", "Diploma III"),
    ("D4", "Diploma IV"),
    ("S1", "Sarjana (S-1)"),
    ("S2", "Magister (S-2)"),
    ("S3", "Doktor (S-3)"),
]

# (code, name)
INSTANSI: list[tuple[str, str]] = [
    ("15", "Pemerintah Provinsi Jambi"),
    ("15.01", "Pemerintah Kabupaten Kerinci"),
    ("15.02", "Pemerintah Kabupaten Merangin"),
    ("15.03", "Pemerintah Kabupaten Sarolangun"),
    ("15.04", "Pemerintah Kabupaten Batanghari"),
    ("15.05", "Pemerintah Kabupaten Muaro Jambi"),
    ("15.06", "Pemerintah Kabupaten Tanjung Jabung Barat"),
    ("15.07", "Pemerintah Kabupaten Tanjung Jabung Timur"),
    ("15.08", "Pemerintah Kabupaten Bungo"),
    ("15.09", "Pemerintah Kabupaten Tebo"),
    ("15.71", "Pemerintah Kota Jambi"),
    ("15.72", "Pemerintah Kota Sungai Penuh"),
]

# Main OPD of the province (Perda 8/2016 as amended, after the October 2025 change).
PROVINCE_OPD: list[tuple[str, str]] = [
    ("SETDA", "Sekretariat Daerah"),
    ("SETWAN", "Sekretariat DPRD"),
    ("INSPEKTORAT", "Inspektorat"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
    ("BKD", "Badan Kepegawaian Daerah"),
    ("BPSDM", "Badan Pengembangan Sumber Daya Manusia"),
    ("BKAD", "Badan Keuangan dan Aset Daerah"),
    ("BAPENDA", "Badan Pendapatan Daerah"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah"),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik"),
    ("PENGHUBUNG", "Badan Penghubung"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja"),
    ("DISDIK", "Dinas Pendidikan"),
    ("DINKES", "Dinas Kesehatan"),
    ("KOMINFO", "Dinas Komunikasi dan Informatika"),
    ("DINSOSDUKCAPIL", "Dinas Sosial, Kependudukan dan Pencatatan Sipil"),
    ("DISNAKERTRANS", "Dinas Tenaga Kerja dan Transmigrasi"),
    ("DISBUN", "Dinas Perkebunan"),
    ("PUTR", "Dinas Pekerjaan Umum dan Tata Ruang"),
    ("PERKIM", "Dinas Perumahan dan Kawasan Permukiman"),
    ("RSUD-RM", "RSUD Raden Mattaher"),
]

# OPD every kabupaten/kota has; codes are prefixed with the instansi code.
REGENCY_OPD: list[tuple[str, str]] = [
    ("SETDA", "Sekretariat Daerah"),
    ("INSPEKTORAT", "Inspektorat"),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah"),
    ("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    ("DISDIK", "Dinas Pendidikan"),
    ("DINKES", "Dinas Kesehatan"),
    ("KOMINFO", "Dinas Komunikasi dan Informatika"),
]
