from django.urls import path

from garda.service.innovation import views_assessment, views_public, views_registry

app_name = "innovation"

urlpatterns = [
    path("inovasi/", views_public.showcase, name="showcase"),
    path("inovasi/<int:pk>/", views_public.public_detail, name="public_detail"),
    path("inovasi/kelola/", views_registry.manage, name="manage"),
    path("inovasi/kelola/baru/", views_registry.create, name="create"),
    path("inovasi/kelola/<int:pk>/", views_registry.detail, name="detail"),
    path("inovasi/kelola/<int:pk>/ubah/", views_registry.edit, name="edit"),
    path("inovasi/kelola/<int:pk>/terbit/", views_registry.publish, name="publish"),
    path("inovasi/kelola/<int:pk>/tim/", views_registry.team_add, name="team_add"),
    path("inovasi/kelola/<int:pk>/bukti/", views_registry.evidence_add, name="evidence_add"),
    path(
        "inovasi/kelola/<int:pk>/replikasi/", views_registry.replication_add, name="replication_add"
    ),
    path("inovasi/kelola/<int:pk>/dampak/", views_registry.impact_set, name="impact_set"),
    path("inovasi/kelola/<int:pk>/iid/", views_assessment.indicators, name="indicators"),
    path(
        "inovasi/kelola/<int:pk>/iid/simpan/", views_assessment.indicator_set, name="indicator_set"
    ),
    path("inovasi/kelola/<int:pk>/kipp/", views_assessment.kipp, name="kipp"),
    path("inovasi/kelola/<int:pk>/kipp/simpan/", views_assessment.kipp_set, name="kipp_set"),
    path("inovasi/kelola/<int:pk>/unduh/<str:fmt>", views_assessment.export, name="export"),
    path(
        "inovasi/kelola/aksi-perubahan/<int:project_id>/",
        views_registry.from_change_project,
        name="from_change_project",
    ),
    path("inovasi/kelola/cek/<int:check_id>/", views_registry.check_answer, name="check_answer"),
    path("inovasi/iid/", views_assessment.region, name="region"),
    path("inovasi/iid/<int:region_id>/spd/", views_assessment.spd_set, name="spd_set"),
    path("inovasi/provinsi/", views_assessment.province, name="province"),
]
