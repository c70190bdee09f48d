"""/api/v1/queue/tickets/: anyone books a ticket (POST, no login, rate-limited per address
with the same limit as the booking page) through the same service as the page, and reads a
ticket's live status by its booking code. Answers carry no personal data in full."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import Throttled
from rest_framework.request import Request
from rest_framework.response import Response

from garda.core.filters import MAX_ID
from garda.core.identity import mask_identifier
from garda.core.permissions import HasRole, access_for
from garda.core.roles import PUBLIC
from garda.queueing import policy, ratelimit, selectors, services
from garda.queueing.errors import TicketNotFound
from garda.queueing.models import Channel, Priority, Ticket


class BookSerializer(serializers.Serializer[Any]):
    poli = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    service_date = serializers.DateField()
    name = serializers.CharField(max_length=200)
    nik = serializers.CharField(max_length=20, required=False, allow_blank=True)
    card_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    complaint = serializers.CharField(max_length=500, required=False, allow_blank=True)
    priority = serializers.ChoiceField(choices=Priority.choices, required=False, allow_blank=True)


class TicketStatusSerializer(serializers.Serializer[Any]):
    booking_code = serializers.CharField()
    number = serializers.IntegerField()
    display_number = serializers.CharField()
    facility = serializers.CharField()
    facility_code = serializers.CharField()
    poli = serializers.CharField()
    poli_code = serializers.CharField()
    service_date = serializers.DateField()
    status = serializers.CharField()
    channel = serializers.CharField()
    name = serializers.CharField(help_text="disamarkan")
    identity = serializers.CharField(help_text="NIK atau nomor kartu, disamarkan")
    people_ahead = serializers.IntegerField()
    now_calling = serializers.CharField()
    estimated_call_at = serializers.DateTimeField(allow_null=True)


def ticket_status(ticket: Ticket) -> dict[str, Any]:
    identity = ticket.card_number or ticket.nik
    return {
        "booking_code": ticket.booking_code,
        "number": ticket.number,
        "display_number": ticket.display_number,
        "facility": ticket.facility.name,
        "facility_code": ticket.facility.code,
        "poli": ticket.poli.name,
        "poli_code": ticket.poli.bpjs_code,
        "service_date": ticket.service_date,
        "status": ticket.status,
        "channel": ticket.channel,
        "name": selectors.mask_name(ticket.name),
        "identity": mask_identifier(identity) if identity else "",
        "people_ahead": selectors.people_ahead(ticket),
        "now_calling": selectors.now_calling(poli=ticket.poli, service_date=ticket.service_date),
        "estimated_call_at": selectors.ticket_eta(ticket),
    }


# Formats the answer's two dates exactly as TicketStatusSerializer does, without building
# that serializer (its fields are deep-copied on every instance) for each booking.
_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField(allow_null=True)


def issued_status(issued: services.Issued) -> dict[str, Any]:
    """TicketStatusSerializer's representation of a ticket just issued, from what the issue
    already knows (no query): people ahead when it was issued, its estimate at issue, the
    last call."""
    ticket = issued.ticket
    identity = ticket.card_number or ticket.nik
    eta = ticket.eta_at_issue
    return {
        "booking_code": ticket.booking_code,
        "number": ticket.number,
        "display_number": ticket.display_number,
        "facility": issued.facility_name,
        "facility_code": issued.facility_code,
        "poli": ticket.poli.name,
        "poli_code": ticket.poli.bpjs_code,
        "service_date": _DATE.to_representation(ticket.service_date),
        "status": str(ticket.status),
        "channel": str(ticket.channel),
        "name": selectors.mask_name(ticket.name),
        "identity": mask_identifier(identity) if identity else "",
        "people_ahead": issued.people_ahead,
        "now_calling": issued.now_calling,
        "estimated_call_at": None if eta is None else _DATETIME.to_representation(eta),
    }


class QueueTicketViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet[Ticket]):
    """Public: book (POST) and read one ticket's live status by booking code (GET)."""

    access = access_for(PUBLIC)
    permission_classes = [HasRole]
    authentication_classes: list[Any] = []  # public: no session, so no CSRF for POST
    serializer_class = BookSerializer
    lookup_field = "booking_code"
    lookup_value_regex = "[A-Za-z0-9]{4,12}"
    queryset = Ticket.objects.none()

    @extend_schema(
        request=BookSerializer,
        responses={201: TicketStatusSerializer},
        summary="Ambil nomor antrean puskesmas (tanpa masuk)",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not ratelimit.booking_allowed(request._request):
            raise Throttled(detail="Terlalu banyak pendaftaran dari alamat ini. Coba lagi nanti.")
        serializer = BookSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        issued = services.ticket_take(
            actor=policy.public_actor(request.user),
            channel=Channel.WEB,
            poli_id=data.pop("poli"),
            service_date=data.pop("service_date"),
            priority=data.pop("priority", "") or "",
            **data,
        )
        return Response(issued_status(issued), status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={200: TicketStatusSerializer}, summary="Status antrean menurut kode booking"
    )
    def retrieve(self, request: Request, booking_code: str = "", **kwargs: Any) -> Response:
        ticket = selectors.ticket_by_code(booking_code)
        if ticket is None:
            raise TicketNotFound
        return Response(TicketStatusSerializer(ticket_status(ticket)).data)
