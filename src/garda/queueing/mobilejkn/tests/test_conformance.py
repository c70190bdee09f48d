"""Conformance with queue-mobilejkn.md, table row by table row, then the rules under it.

Row numbers refer to the table "BPJS Kesehatan WS Antrean FKTP" of that document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from garda.core.identity import make_nik
from garda.queueing import services as queue_services
from garda.queueing.mobilejkn.models import Patient
from garda.queueing.mobilejkn.services import bridge_set_credentials
from garda.queueing.mobilejkn.tests.conftest import PASSWORD, USERNAME, Ws, open_day
from garda.queueing.models import Channel, Doctor, Facility, Poli, Ticket, TicketStatus

CARD = "0001234567890"
NIK = "1571010101900001"
KK = "1571010101900099"


def patient(facility: Facility, card: str = CARD, nik: str = NIK) -> Patient:
    return Patient.objects.create(
        facility=facility, card_number=card, nik=nik, family_card=KK, name="Siti Aminah",
        sex="P", birth_date=dt.date(1990, 1, 1),
    )  # fmt: skip


def v1_body(day: dt.date, card: str = CARD, nik: str = NIK, kodepoli: str = "001") -> dict:
    return {
        "nomorkartu": card, "nik": nik, "kodepoli": kodepoli,
        "tanggalperiksa": day.isoformat(), "keluhan": "demam",
    }  # fmt: skip


def meta(body: dict[str, Any]) -> tuple[int, str]:
    return body["metadata"]["code"], body["metadata"]["message"]


# --- Envelope ---------------------------------------------------------------------------------


def test_every_answer_is_the_envelope_with_http_200(ws: Ws) -> None:
    for body in (
        ws.get(f"antrean/status/001/{open_day()}"),
        ws.get(f"antrean/status/999/{open_day()}"),
        ws.send("POST", "antrean", {"nomorkartu": "12"}),
    ):
        assert set(body) <= {"response", "metadata"}
        assert set(body["metadata"]) == {"message", "code"}
        assert isinstance(body["metadata"]["code"], int)


def test_metadata_only_answers_carry_no_response(ws: Ws, facility: Facility) -> None:
    patient(facility)
    ws.send("POST", "antrean", v1_body(open_day()))
    body = ws.send("PUT", "antrean/batal", {**v1_body(open_day()), "keterangan": "batal"})
    assert body == {"metadata": {"message": "Ok.", "code": 200}}


# --- Row 1: GET /auth -----------------------------------------------------------------------


def test_row1_auth_gives_a_token(bridge: Any) -> None:
    ws = Ws(client=Client(), code="PKM01")
    body = ws.login()
    assert meta(body)[0] == 200
    assert isinstance(body["response"]["token"], str)
    assert body["response"]["token"]


@pytest.mark.parametrize(
    ("username", "password"), [(USERNAME, "salah-sandi"), ("orang-lain", PASSWORD), ("", "")]
)
def test_row1_wrong_credentials_get_201(bridge: Any, username: str, password: str) -> None:
    ws = Ws(client=Client(), code="PKM01", username=username)
    body = ws.login(password)
    assert meta(body) == (201, "Username atau Password Tidak Sesuai")
    assert "response" not in body


def test_row1_headers_are_read_case_insensitively(bridge: Any) -> None:
    client = Client()
    body = client.get(
        "/mobilejkn/PKM01/auth", headers={"X-USERNAME": USERNAME, "X-Password": PASSWORD}
    ).json()
    assert body["metadata"]["code"] == 200
    token = body["response"]["token"]
    upper = client.get(
        f"/mobilejkn/PKM01/antrean/status/001/{open_day()}",
        headers={"X-TOKEN": token, "X-Username": USERNAME},
    ).json()
    assert upper["metadata"]["code"] == 200


def test_unknown_facility_is_a_201_not_an_error_page(db: None) -> None:
    body = Ws(client=Client(), code="TIDAKADA").login()
    assert body["metadata"]["code"] == 201


# --- Tokens ---------------------------------------------------------------------------------


def test_bad_token_gets_201(ws: Ws) -> None:
    ws.token = "bukan-token"
    assert meta(ws.get(f"antrean/status/001/{open_day()}"))[0] == 201


def test_missing_token_gets_201(ws: Ws) -> None:
    body = ws.get(f"antrean/status/001/{open_day()}", **{"x-username": USERNAME})
    assert meta(body)[0] == 201


def test_expired_token_gets_201(ws: Ws, monkeypatch: pytest.MonkeyPatch) -> None:
    later = timezone.now().timestamp() + 301
    monkeypatch.setattr(signing.time, "time", lambda: later)
    assert meta(ws.get(f"antrean/status/001/{open_day()}")) == (201, "Token expired.")


def test_token_of_another_username_gets_201(ws: Ws) -> None:
    body = ws.get(f"antrean/status/001/{open_day()}", **{"x-token": ws.token, "x-username": "x"})
    assert meta(body)[0] == 201


def test_token_of_another_facility_gets_201(ws: Ws, db: None) -> None:
    from garda.queueing.testing import make_facility

    other = make_facility(code="PKM02")
    bridge_set_credentials(actor=None, facility_id=other.pk, username=USERNAME, password=PASSWORD)
    stolen = Ws(client=ws.client, code="PKM02", token=ws.token)
    assert meta(stolen.get(f"antrean/status/001/{open_day()}"))[0] == 201


def test_password_change_voids_earlier_tokens(ws: Ws, facility: Facility) -> None:
    assert meta(ws.get(f"antrean/status/001/{open_day()}"))[0] == 200
    bridge_set_credentials(
        actor=None, facility_id=facility.pk, username=USERNAME, password="sandi-baru-123"
    )
    assert meta(ws.get(f"antrean/status/001/{open_day(2)}"))[0] == 201


def test_token_checks_write_nothing(ws: Ws, django_assert_max_num_queries: Any) -> None:
    ws.get(f"antrean/status/001/{open_day()}")  # warm the cache
    with django_assert_max_num_queries(2) as ctx:
        ws.get(f"antrean/status/001/{open_day()}")
    assert not any(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")) for q in ctx)


# --- Row 2: antrean/status ------------------------------------------------------------------


def test_row2_status_v2_one_item_per_doctor(ws: Ws, facility: Facility) -> None:
    poli = Poli.objects.get(facility=facility, bpjs_code="001")
    Doctor.objects.create(poli=poli, bpjs_code=101, name="dr. Ani", practice_start=dt.time(8),
                          practice_end=dt.time(12))  # fmt: skip
    Doctor.objects.create(poli=poli, bpjs_code=102, name="dr. Budi", practice_start=dt.time(13),
                          practice_end=dt.time(16))  # fmt: skip
    body = ws.get(f"antrean/status/001/{open_day()}")
    assert meta(body)[0] == 200
    items = body["response"]
    assert [i["kodedokter"] for i in items] == [101, 102]
    first = items[0]
    assert first["jampraktek"] == "08:00-12:00"
    assert isinstance(first["totalantrean"], str)
    assert isinstance(first["sisaantrean"], int)
    assert set(first) == {"namapoli", "totalantrean", "sisaantrean", "antreanpanggil",
                          "keterangan", "kodedokter", "namadokter", "jampraktek"}  # fmt: skip


def test_row2_status_counts_and_now_calling(ws: Ws, facility: Facility) -> None:
    poli = Poli.objects.get(facility=facility, bpjs_code="001")
    day = timezone.localdate()
    for i in range(3):
        queue_services.ticket_issue(
            actor=None, poli_id=poli.pk, service_date=day, channel=Channel.WEB,
            name="x", nik=make_nik(i),
        )  # fmt: skip
    first = Ticket.objects.filter(poli=poli).order_by("number").first()
    assert first is not None
    Ticket.objects.filter(pk=first.pk).update(status=TicketStatus.CALLED, called_at=timezone.now())
    item = ws.get(f"antrean/status/001/{day}")["response"][0]
    assert item["totalantrean"] == "3"
    assert item["sisaantrean"] == 2
    assert item["antreanpanggil"] == "A-1"


def test_row2_status_v1_is_one_object(ws: Ws) -> None:
    ws.prefix = "v1/"
    body = ws.get(f"antrean/status/001/{open_day()}")
    assert meta(body)[0] == 200
    assert isinstance(body["response"], dict)
    assert set(body["response"]) == {"namapoli", "totalantrean", "sisaantrean",
                                     "antreanpanggil", "keterangan"}  # fmt: skip


@pytest.mark.parametrize(
    ("kodepoli", "tanggal", "message"),
    [
        ("999", "DAY", "Poli Tidak Ditemukan"),
        ("001", "2026-13-40", "Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd"),
        ("001", "28-11-2026", "Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd"),
        ("001", "2020-01-01", "Tanggal Periksa Tidak Berlaku"),
    ],
)
def test_row2_status_refusals(ws: Ws, kodepoli: str, tanggal: str, message: str) -> None:
    tanggal = tanggal.replace("DAY", open_day().isoformat())
    assert meta(ws.get(f"antrean/status/{kodepoli}/{tanggal}")) == (201, message)


def test_row2_status_changes_when_a_ticket_is_taken(ws: Ws, facility: Facility) -> None:
    patient(facility)
    day = open_day()
    assert ws.get(f"antrean/status/001/{day}")["response"][0]["totalantrean"] == "0"
    ws.send("POST", "antrean", v1_body(day))
    assert ws.get(f"antrean/status/001/{day}")["response"][0]["totalantrean"] == "1"


# --- Row 3: POST antrean --------------------------------------------------------------------


def test_row3_take_v1_body(ws: Ws, facility: Facility) -> None:
    patient(facility)
    body = ws.send("POST", "antrean", v1_body(open_day()))
    assert meta(body)[0] == 200
    answer = body["response"]
    assert answer["nomorantrean"] == "A-1"
    assert answer["angkaantrean"] == 1
    assert answer["namapoli"] == "Poli Umum"
    assert answer["sisaantrean"] == 0
    assert set(answer) == {"nomorantrean", "angkaantrean", "namapoli", "sisaantrean",
                           "antreanpanggil", "keterangan"}  # fmt: skip
    ticket = Ticket.objects.get()
    assert ticket.channel == Channel.MOBILEJKN
    assert (ticket.card_number, ticket.nik, ticket.name) == (CARD, NIK, "Siti Aminah")


def test_row3_take_v2_body_with_doctor(ws: Ws, facility: Facility) -> None:
    patient(facility)
    poli = Poli.objects.get(facility=facility, bpjs_code="001")
    doctor = Doctor.objects.create(poli=poli, bpjs_code=101, name="dr. Ani")
    body = {
        **v1_body(open_day()), "kodedokter": 101, "jampraktek": "08:00-12:00",
        "norm": "RM-0001", "nohp": "081234567890",
    }  # fmt: skip
    assert meta(ws.send("POST", "antrean", body))[0] == 200
    ticket = Ticket.objects.get()
    assert (ticket.doctor_id, ticket.norm, ticket.phone) == (doctor.pk, "RM-0001", "081234567890")


def test_row3_numbers_follow_each_other(ws: Ws, facility: Facility) -> None:
    day = open_day()
    for i in range(3):
        card = f"000123456789{i}"
        patient(facility, card=card, nik=make_nik(i))
        answer = ws.send("POST", "antrean", v1_body(day, card, make_nik(i)))["response"]
        assert answer["angkaantrean"] == i + 1
        assert answer["sisaantrean"] == i


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"nomorkartu": "123"}, "Format Nomor Kartu Tidak Sesuai"),
        ({"nomorkartu": "000123456789X"}, "Format Nomor Kartu Tidak Sesuai"),
        ({"nik": "15710101019000"}, "Format NIK Tidak Sesuai"),
        ({"kodepoli": "999"}, "Poli Tidak Ditemukan"),
        ({"tanggalperiksa": "2026-02-30"},
         "Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd"),
        ({"tanggalperiksa": "2020-01-01"}, "Tanggal Periksa Tidak Berlaku"),
        ({"kodedokter": 555}, "Dokter Tidak Ditemukan"),
        ({"kodedokter": "abc"}, "Kode Dokter Tidak Sesuai"),
    ],
)  # fmt: skip
def test_row3_field_rules(ws: Ws, facility: Facility, change: dict, message: str) -> None:
    patient(facility)
    body = ws.send("POST", "antrean", {**v1_body(open_day()), **change})
    assert meta(body) == (201, message)
    assert not Ticket.objects.exists()


def test_row3_wrong_practice_hours(ws: Ws, facility: Facility) -> None:
    patient(facility)
    Doctor.objects.create(poli=Poli.objects.get(facility=facility, bpjs_code="001"),
                          bpjs_code=101, name="dr. Ani")  # fmt: skip
    body = {**v1_body(open_day()), "kodedokter": 101, "jampraktek": "13:00-15:00"}
    code, message = meta(ws.send("POST", "antrean", body))
    assert code == 201
    assert "08:00-12:00" in message


def test_row3_outside_horizon_and_closed_day_pass_the_core_message(
    ws: Ws, facility: Facility
) -> None:
    patient(facility)
    far = timezone.localdate() + dt.timedelta(days=facility.booking_horizon_days + 5)
    code, message = meta(ws.send("POST", "antrean", v1_body(far)))
    assert code == 201
    assert "hari ke depan" in message
    from garda.queueing.models import ClosedDate

    ClosedDate.objects.create(facility=facility, date=open_day(2), reason="Pelatihan")
    code, message = meta(ws.send("POST", "antrean", v1_body(open_day(2))))
    assert code == 201
    assert "tidak buka" in message


def test_row3_one_ticket_per_card_poli_and_date(ws: Ws, facility: Facility) -> None:
    patient(facility)
    day = open_day()
    assert meta(ws.send("POST", "antrean", v1_body(day)))[0] == 200
    code, message = meta(ws.send("POST", "antrean", v1_body(day)))
    assert code == 201
    assert "1 kali" in message
    # Another poli the same day, or the same poli another day, is fine.
    assert meta(ws.send("POST", "antrean", v1_body(day, kodepoli="002")))[0] == 200
    assert meta(ws.send("POST", "antrean", v1_body(open_day(2))))[0] == 200
    assert Ticket.objects.count() == 3


def test_row3_unknown_card_gets_202_then_peserta_then_200(ws: Ws) -> None:
    day = open_day()
    assert meta(ws.send("POST", "antrean", v1_body(day))) == (202, "Pasien Baru")
    assert not Ticket.objects.exists()
    assert meta(ws.send("POST", "peserta", peserta_body()))[0] == 200
    assert meta(ws.send("POST", "antrean", v1_body(day)))[0] == 200


def test_row3_card_seen_at_an_earlier_visit_is_known(ws: Ws, facility: Facility) -> None:
    poli = Poli.objects.get(facility=facility, bpjs_code="002")
    queue_services.ticket_issue(
        actor=None, poli_id=poli.pk, service_date=timezone.localdate(), channel=Channel.WEB,
        name="Siti", card_number=CARD,
    )  # fmt: skip
    assert meta(ws.send("POST", "antrean", v1_body(open_day())))[0] == 200


def test_row3_malformed_json_is_a_201(ws: Ws) -> None:
    assert meta(ws.send("POST", "antrean", "{not json"))[0] == 201
    assert meta(ws.send("POST", "antrean", "[1, 2]"))[0] == 201


# --- Row 4: sisapeserta ---------------------------------------------------------------------


def test_row4_remaining_for_the_card(ws: Ws, facility: Facility) -> None:
    day = open_day()
    for i in range(2):
        patient(facility, card=f"000123456789{i}", nik=make_nik(i))
        ws.send("POST", "antrean", v1_body(day, f"000123456789{i}", make_nik(i)))
    Ticket.objects.filter(number=1).update(status=TicketStatus.CALLED, called_at=timezone.now())
    body = ws.get(f"antrean/sisapeserta/0001234567891/001/{day}")
    assert meta(body)[0] == 200
    answer = body["response"]
    assert answer["nomorantrean"] == "A-2"
    assert answer["sisaantrean"] == 0
    assert answer["antreanpanggil"] == "A-1"
    assert set(answer) == {"nomorantrean", "namapoli", "sisaantrean", "antreanpanggil",
                           "keterangan"}  # fmt: skip


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("antrean/sisapeserta/123/001/DAY", "Format Nomor Kartu Tidak Sesuai"),
        ("antrean/sisapeserta/0001234567890/999/DAY", "Poli Tidak Ditemukan"),
        ("antrean/sisapeserta/0001234567890/001/2026-1-1",
         "Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd"),
        ("antrean/sisapeserta/0001234567890/001/DAY", "Antrean Tidak Ditemukan"),
    ],
)  # fmt: skip
def test_row4_refusals(ws: Ws, path: str, message: str) -> None:
    assert meta(ws.get(path.replace("DAY", open_day().isoformat()))) == (201, message)


# --- Row 5: batal ---------------------------------------------------------------------------


def test_row5_cancel_then_a_new_ticket_is_possible(ws: Ws, facility: Facility) -> None:
    patient(facility)
    day = open_day()
    ws.send("POST", "antrean", v1_body(day))
    body = ws.send("PUT", "antrean/batal", {**v1_body(day), "keterangan": "sakit"})
    assert meta(body)[0] == 200
    ticket = Ticket.objects.get()
    assert (ticket.status, ticket.cancel_reason) == (TicketStatus.CANCELLED, "sakit")
    assert meta(ws.send("POST", "antrean", v1_body(day)))[0] == 200


@pytest.mark.parametrize("status", [TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.DONE])
def test_row5_cancel_refused_once_served(ws: Ws, facility: Facility, status: str) -> None:
    patient(facility)
    day = open_day()
    ws.send("POST", "antrean", v1_body(day))
    Ticket.objects.update(status=status)
    body = ws.send("PUT", "antrean/batal", {**v1_body(day), "keterangan": "x"})
    assert meta(body) == (201, "Pasien Sudah Dilayani, Antrean Tidak Dapat Dibatalkan")
    assert Ticket.objects.get().status == status


def test_row5_cancel_of_nothing(ws: Ws) -> None:
    body = ws.send("PUT", "antrean/batal", {**v1_body(open_day()), "keterangan": "x"})
    assert meta(body) == (201, "Antrean Tidak Ditemukan")


def test_row5_cancel_twice(ws: Ws, facility: Facility) -> None:
    patient(facility)
    day = open_day()
    ws.send("POST", "antrean", v1_body(day))
    ws.send("PUT", "antrean/batal", {**v1_body(day), "keterangan": "x"})
    assert meta(ws.send("PUT", "antrean/batal", {**v1_body(day), "keterangan": "x"}))[0] == 201


# --- Row 6: peserta -------------------------------------------------------------------------


def peserta_body(**change: str) -> dict[str, str]:
    body = {
        "nomorkartu": CARD, "nik": NIK, "nomorkk": KK, "nama": "Siti Aminah",
        "jeniskelamin": "P", "tanggallahir": "1990-01-01", "alamat": "Jl. Sultan Thaha 1",
        "kodeprop": "15", "namaprop": "JAMBI", "kodedati2": "1571", "namadati2": "KOTA JAMBI",
        "kodekec": "157101", "namakec": "TELANAIPURA", "kodekel": "1571011001",
        "namakel": "TELANAIPURA", "rw": "001", "rt": "002",
    }  # fmt: skip
    body.update(change)
    return body


def test_row6_registers_the_participant(ws: Ws, facility: Facility) -> None:
    body = ws.send("POST", "peserta", peserta_body())
    assert body == {"metadata": {"message": "Ok.", "code": 200}}
    stored = Patient.objects.get()
    assert (stored.facility_id, stored.card_number, stored.sex) == (facility.pk, CARD, "P")
    assert stored.region["namadati2"] == "KOTA JAMBI"


def test_row6_twice_is_refused(ws: Ws) -> None:
    ws.send("POST", "peserta", peserta_body())
    assert meta(ws.send("POST", "peserta", peserta_body())) == (
        201, "Data Peserta Sudah Pernah Dientrikan",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"nomorkartu": "1"}, "Format Nomor Kartu Tidak Sesuai"),
        ({"nik": "1"}, "Format NIK Tidak Sesuai"),
        ({"nomorkk": "157101010190009"}, "Format Nomor KK Tidak Sesuai"),
        ({"nama": ""}, "Nama Belum Diisi"),
        ({"jeniskelamin": "X"}, "Jenis Kelamin Tidak Sesuai (L/P)"),
        ({"tanggallahir": "01-01-1990"},
         "Format Tanggal Lahir Tidak Sesuai, format yang benar adalah yyyy-mm-dd"),
        ({"tanggallahir": "2999-01-01"}, "Tanggal Lahir Tidak Sesuai"),
        ({"alamat": ""}, "Alamat Belum Diisi"),
        ({"namakec": ""}, "Namakec Belum Diisi"),
        ({"rt": "a"}, "Format RT Tidak Sesuai"),
    ],
)  # fmt: skip
def test_row6_field_rules(ws: Ws, change: dict, message: str) -> None:
    assert meta(ws.send("POST", "peserta", peserta_body(**change))) == (201, message)
    assert not Patient.objects.exists()


def test_row6_personal_fields_are_declared() -> None:
    for name in ("card_number", "nik", "family_card", "name", "birth_date", "address"):
        assert name in Patient.personal_fields


# --- Paths ----------------------------------------------------------------------------------


def test_paths_with_and_without_trailing_slash(ws: Ws) -> None:
    day = open_day()
    with_slash = ws.client.get(ws.url(f"antrean/status/001/{day}/"), headers=ws.headers())
    assert with_slash.json()["metadata"]["code"] == 200
