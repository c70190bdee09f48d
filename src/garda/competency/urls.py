from django.urls import URLPattern, URLResolver, path

from garda.competency import views, views_admin, views_plans

app_name = "competency"

urlpatterns: list[URLPattern | URLResolver] = [
    path("kompetensi/saya/", views.mine, name="mine"),
    path("kompetensi/pegawai/<int:pk>/", views.employee_detail, name="employee"),
    path("kompetensi/peta/", views.heatmap_page, name="heatmap"),
    path("kompetensi/peta/unduh.<str:fmt>", views.heatmap_export, name="heatmap_export"),
    path("kompetensi/kamus/", views_admin.dictionary, name="dictionary"),
    path("kompetensi/kamus/teknis/", views_admin.technical_new, name="technical_new"),
    path("kompetensi/standar/", views_admin.standards, name="standards"),
    path("kompetensi/standar/<int:pk>/hapus/", views_admin.standard_delete, name="standard_delete"),
    path("kompetensi/standar/impor/", views_admin.standards_import, name="standards_import"),
    path("kompetensi/asesmen/impor/", views_admin.assessment_import, name="assessment_import"),
    path("kompetensi/asesmen/baru/", views_admin.assessment_new, name="assessment_new"),
    path("kompetensi/program/<int:pk>/", views_admin.program_tags, name="program_tags"),
    path("kompetensi/pengaturan/", views_admin.settings_page, name="settings"),
    path("kompetensi/idp/", views_plans.idp_mine, name="idp_mine"),
    path("kompetensi/idp/susun/", views_plans.idp_draft, name="idp_draft"),
    path("kompetensi/idp/persetujuan/", views_plans.idp_queue, name="idp_queue"),
    path("kompetensi/idp/<int:pk>/", views_plans.idp_detail, name="idp_detail"),
    path("kompetensi/idp/<int:pk>/ajukan/", views_plans.idp_submit, name="idp_submit"),
    path("kompetensi/idp/<int:pk>/hapus/", views_plans.idp_item_remove, name="idp_item_remove"),
    path("kompetensi/idp/<int:pk>/tambah/", views_plans.idp_item_add, name="idp_item_add"),
    path("kompetensi/idp/<int:pk>/putuskan/", views_plans.idp_decide, name="idp_decide"),
    path("kompetensi/rencana/", views_plans.plan, name="plan"),
    path(
        "kompetensi/rencana/<int:year>/program/<int:program>/angkatan/",
        views_plans.plan_batch,
        name="plan_batch",
    ),
    path("kompetensi/realisasi/", views_plans.realisation, name="realisation"),
]
