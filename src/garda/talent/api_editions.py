"""/api/v1/ip-asn/editions/: the IP ASN editions (point tables, categories, ledger form to
indicator, jabatan kinds) as the "Tabel IP ASN" page and `garda ip_asn_tables` show them. The
admins and the auditor read them; the provincial admin creates an edition or changes one,
through the page's service (`ip_edition_save`: every line checked, one transaction, audited)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from garda.core.errors import NotFound
from garda.core.models import User
from garda.core.permissions import HasRole
from garda.talent import policy, services
from garda.talent.ipasn_tables import EDITION_HEADER, TABLES, edition_document
from garda.talent.models import IpEdition
from garda.talent.selectors.ipasn import ip_edition_by_id, ip_editions


class TablesSerializer(serializers.Serializer[Any]):
    """The four tables in the page's text form, one `key = value` per line."""

    points = serializers.CharField(
        help_text="Tabel poin: `dimensi.kunci = poin` per baris", trim_whitespace=False
    )
    categories = serializers.CharField(
        help_text="Kategori: `kode = nilai terendah` per baris", trim_whitespace=False
    )
    indicators = serializers.CharField(
        help_text="Bentuk pengembangan ke indikator: `kode bentuk = indikator`",
        trim_whitespace=False,
    )
    jabatan = serializers.CharField(
        help_text="Jenis jabatan: `kode = kelompok[, pelatihan kepemimpinan]`",
        trim_whitespace=False,
    )


class EditionSerializer(serializers.Serializer[Any]):
    """An edition's header (without its tables: the list)."""

    id = serializers.IntegerField(read_only=True)
    code = serializers.SlugField(max_length=40, help_text="Kode edisi")
    name = serializers.CharField(max_length=200, help_text="Dasar hukum / nama edisi")
    first_year = serializers.IntegerField(min_value=2000, max_value=2100)
    technical_min_jp = serializers.FloatField(min_value=0, help_text="JP minimal pelatihan teknis")
    technical_partial = serializers.BooleanField(help_text="Poin sebagian di bawah JP minimal")
    seminar_years = serializers.IntegerField(min_value=1, max_value=10)


class EditionDetailSerializer(EditionSerializer):
    """An edition with its four tables: what `garda ip_asn_tables` prints and saves."""

    tables = TablesSerializer()


def _document(edition: IpEdition, *, with_tables: bool) -> dict[str, Any]:
    document = {"id": edition.pk, **edition_document(edition)}
    if not with_tables:
        document.pop("tables")
    return document


class WritesByTablesAdmin(BasePermission):
    """Reading needs the viewset's `access` (HasRole); writing also the page's write roles."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or policy.IP_TABLES_WRITE.allows(request.user)


class IpEditionViewSet(viewsets.ViewSet):
    """IP ASN editions and their tables. Read: the admins and the auditor; create and change:
    the provincial admin (as on the "Tabel IP ASN" page)."""

    lookup_value_regex = r"[0-9]{1,18}"  # a non-numeric id is "not found", not a crash
    access = policy.IP_TABLES_READ
    permission_classes = [HasRole, WritesByTablesAdmin]

    def _edition(self, pk: str) -> IpEdition:
        edition = ip_edition_by_id(int(pk))
        if edition is None:
            raise NotFound
        return edition

    def _user(self) -> User:
        user = self.request.user
        assert isinstance(user, User)  # noqa: S101  # HasRole let only signed-in users through
        return user

    def _save(self, edition_id: int | None, data: dict[str, Any]) -> IpEdition:
        header = {name: data[name] for name in EDITION_HEADER}
        # JSON carries the JP as a number; the edition keeps it as a decimal of one place.
        header["technical_min_jp"] = Decimal(str(header["technical_min_jp"]))
        return services.ip_edition_save(
            actor=self._user(),
            edition_id=edition_id,
            header=header,
            texts={name: data["tables"][name] for name in TABLES},
        )

    @extend_schema(responses=EditionSerializer(many=True), summary="Edisi IP ASN")
    def list(self, request: Request) -> Response:
        return Response([_document(e, with_tables=False) for e in ip_editions()])

    @extend_schema(responses=EditionDetailSerializer, summary="Edisi IP ASN dengan tabelnya")
    def retrieve(self, request: Request, pk: str) -> Response:
        return Response(_document(self._edition(pk), with_tables=True))

    @extend_schema(
        request=EditionDetailSerializer,
        responses={201: EditionDetailSerializer},
        summary="Simpan edisi IP ASN baru",
    )
    def create(self, request: Request) -> Response:
        serializer = EditionDetailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = self._save(None, dict(serializer.validated_data))
        return Response(_document(saved, with_tables=True), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=EditionDetailSerializer,
        responses=EditionDetailSerializer,
        summary="Ubah edisi IP ASN dan tabelnya",
    )
    def update(self, request: Request, pk: str) -> Response:
        edition = self._edition(pk)
        serializer = EditionDetailSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        saved = self._save(edition.pk, dict(serializer.validated_data))
        return Response(_document(saved, with_tables=True))

    @extend_schema(
        request=EditionDetailSerializer(partial=True),
        responses=EditionDetailSerializer,
        summary="Ubah sebagian edisi IP ASN",
    )
    def partial_update(self, request: Request, pk: str) -> Response:
        """Fields left out keep their stored value (a table left out stays as it is)."""
        edition = self._edition(pk)
        serializer = EditionDetailSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = _document(edition, with_tables=True)
        given = dict(serializer.validated_data)
        data["tables"] = {**data["tables"], **dict(given.pop("tables", {}))}
        data.update(given)
        saved = self._save(edition.pk, data)
        return Response(_document(saved, with_tables=True))
