"""The starting data migration 0002 loads; admins edit the rows afterwards (capacity.md §1).
Level titles follow the level descriptions of PermenPANRB 38/2017 (Lampiran), shortened."""

from __future__ import annotations

DICTIONARY_EDITION = "PermenPANRB 38/2017"
BAND_EDITION = "Praktik asesmen (seleksi dan pemetaan), lihat capacity.md §1"
OPTION_EDITION = "Default Garda 2026 (JP menurut aturan konversi buku JP)"

# (code, name, kind, definition, five level titles)
COMPETENCIES: list[tuple[str, str, str, str, tuple[str, str, str, str, str]]] = [
    ("M.1", "Integritas", "manajerial",
     "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, dan jujur "
     "dalam hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku kepentingan.",
     ("Mampu bertindak sesuai nilai, norma, dan etika organisasi dalam kapasitas pribadi.",
      "Mampu mengingatkan dan mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan "
      "etika organisasi.",
      "Mampu memastikan dan menanamkan keyakinan bersama agar anggota yang dipimpin bertindak "
      "sesuai nilai, norma, dan etika organisasi.",
      "Mampu menciptakan situasi kerja yang membuat rekan kerja tunduk pada nilai, norma, dan "
      "etika organisasi dalam segala situasi.",
      "Mampu menjadi teladan dalam penerapan standar keadilan dan etika di tingkat nasional.")),
    ("M.2", "Kerjasama", "manajerial",
     "Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki "
     "komitmen saling membantu dalam penyelesaian tugas, dan mengoptimalkan sumber daya.",
     ("Berpartisipasi sebagai anggota tim yang baik.",
      "Menumbuhkan tim kerja yang partisipatif dan efektif.",
      "Efektif membangun tim kerja untuk peningkatan kinerja organisasi.",
      "Membangun komitmen tim dan sinergi antarunit kerja.",
      "Menciptakan jejaring kerja sama yang strategis di tingkat nasional.")),
    ("M.3", "Komunikasi", "manajerial",
     "Kemampuan menerangkan pandangan dan gagasan secara jelas, sistematis, dan meyakinkan, "
     "serta mendengarkan secara aktif.",
     ("Menyampaikan informasi dengan jelas, lengkap, dan mudah dipahami.",
      "Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang "
      "lain.",
      "Berkomunikasi secara asertif, terampil berkomunikasi lisan dan tertulis.",
      "Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong "
      "kesepakatan.",
      "Menggagas sistem komunikasi yang terbuka secara strategis di tingkat organisasi.")),
    ("M.4", "Orientasi pada Hasil", "manajerial",
     "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat "
     "diandalkan, bertanggung jawab, dan mampu meningkatkan kinerja.",
     ("Bertanggung jawab untuk memenuhi standar kerja.",
      "Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar.",
      "Menetapkan target kerja yang menantang bagi unit kerja dan memberi apresiasi.",
      "Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja "
      "sebelumnya.",
      "Menetapkan target organisasi yang menantang dan memastikan pencapaiannya secara "
      "berkelanjutan.")),
    ("M.5", "Pelayanan Publik", "manajerial",
     "Kemampuan melaksanakan tugas pemerintahan, pembangunan, dan pelayanan publik secara "
     "profesional, transparan, mengikuti standar pelayanan yang objektif, netral, dan tidak "
     "memihak.",
     ("Menjalankan pelayanan sesuai standar.",
      "Mampu mensupervisi dan mengawasi pelayanan oleh rekan kerja.",
      "Mampu memanfaatkan kekuatan kelompok dan memperbaiki standar pelayanan.",
      "Mampu memonitor, mengevaluasi, dan memperbaiki sistem pelayanan di unit organisasi.",
      "Mampu menciptakan kebijakan pelayanan publik yang menjamin pelayanan prima.")),
    ("M.6", "Pengembangan Diri dan Orang Lain", "manajerial",
     "Kemampuan meningkatkan pengetahuan dan menyempurnakan keterampilan diri, serta "
     "menginspirasi orang lain untuk mengembangkan dan menyempurnakan keterampilan.",
     ("Pengembangan diri.",
      "Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan.",
      "Memberikan umpan balik dan membimbing.",
      "Menyusun program pengembangan jangka panjang untuk mendorong pembelajaran.",
      "Menciptakan situasi yang mendorong individu, kelompok, dan organisasi untuk terus "
      "belajar.")),
    ("M.7", "Mengelola Perubahan", "manajerial",
     "Kemampuan menyesuaikan diri dengan situasi yang baru atau berubah dan tidak bergantung "
     "secara berlebihan pada metode dan proses lama.",
     ("Mengikuti perubahan dengan arahan.",
      "Proaktif beradaptasi mengikuti perubahan.",
      "Membantu orang lain mengikuti perubahan dan mengantisipasi perubahan secara tepat.",
      "Memimpin perubahan pada unit kerja.",
      "Mengelola perubahan secara strategis di tingkat organisasi dan lintas organisasi.")),
    ("M.8", "Pengambilan Keputusan", "manajerial",
     "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri "
     "setelah mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis dan "
     "seksama.",
     ("Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
      "Menganalisis masalah secara mendalam.",
      "Membandingkan berbagai alternatif dan menyeimbangkan risiko keberhasilan.",
      "Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan.",
      "Menghasilkan solusi strategis yang berdampak jangka panjang.")),
    ("SK.1", "Perekat Bangsa", "sosial_kultural",
     "Kemampuan mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan individu "
     "atau kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam "
     "mempersatukan masyarakat.",
     ("Peka dan memahami serta menerima kemajemukan.",
      "Aktif mengembangkan sikap saling menghargai dan menekankan persamaan dan persatuan.",
      "Mempromosikan dan mengembangkan sikap toleransi dan persatuan.",
      "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk efektivitas organisasi.",
      "Wakil pemerintah untuk membangun hubungan sosial psikologis.")),
]  # fmt: skip

# (scheme, code, label, lowest JPM reaching it)
JPM_BANDS: list[tuple[str, str, str, str]] = [
    ("seleksi", "MS", "Memenuhi syarat", "80"),
    ("seleksi", "MMS", "Masih memenuhi syarat", "68"),
    ("seleksi", "KMS", "Kurang memenuhi syarat", "0"),
    ("pemetaan", "optimal", "Optimal", "90"),
    ("pemetaan", "cukup_optimal", "Cukup optimal", "78"),
    ("pemetaan", "kurang_optimal", "Kurang optimal", "0"),
]

# Demo defaults only (capacity.md §1, [C]): the standard level per jabatan kind.
DEMO_KIND_LEVELS: dict[str, int] = {
    "jpt_utama": 5, "jpt_madya": 5, "jpt_pratama": 4, "administrator": 3, "pengawas": 2,
    "pelaksana": 1, "fungsional_ahli_utama": 4, "fungsional_ahli_madya": 3,
    "fungsional_ahli_muda": 2, "fungsional_ahli_pertama": 1, "fungsional_penyelia": 2,
    "fungsional_mahir": 1, "fungsional_terampil": 1, "fungsional_pemula": 1,
}  # fmt: skip

# (learning form code, title, JP, cost in rupiah)
DEVELOPMENT_OPTIONS: list[tuple[str, str, int, int]] = [
    ("coaching", "Coaching oleh atasan (4 sesi)", 8, 0),
    ("mentoring", "Mentoring oleh pejabat senior (4 sesi)", 8, 0),
    ("e-learning", "E-learning mandiri", 10, 0),
    ("magang", "Magang/praktik kerja di unit lain", 20, 2_500_000),
]
