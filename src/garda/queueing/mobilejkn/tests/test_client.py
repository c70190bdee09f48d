"""The outbound client against a fake BPJS server that really listens and encrypts."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from garda.queueing.mobilejkn.client import (
    BpjsCallFailed,
    BpjsCredentials,
    FakeBpjsClient,
    HttpBpjsClient,
)
from garda.queueing.mobilejkn.crypto import (
    DecryptionFailed,
    decrypt_response,
    encrypt_response,
    signature,
)
from garda.queueing.mobilejkn.fake_server import POLI_REFERENCE, FakeBpjsServer


def credentials(server: FakeBpjsServer, **change: str) -> BpjsCredentials:
    values = {"base_url": server.base_url, "cons_id": server.cons_id, "secret": server.secret,
              "user_key": server.user_key}  # fmt: skip
    values.update(change)
    return BpjsCredentials(**values)


def test_signature_is_base64_hmac_sha256_of_consid_and_timestamp() -> None:
    expected = base64.b64encode(
        hmac.new(b"s3cret", b"1234&1700000000", hashlib.sha256).digest()
    ).decode()
    assert signature("1234", "s3cret", "1700000000") == expected


def test_response_round_trip_and_wrong_key() -> None:
    cipher = encrypt_response('{"a": "é"}', cons_id="1", secret="s", timestamp="9")
    assert decrypt_response(cipher, cons_id="1", secret="s", timestamp="9") == '{"a": "é"}'
    with pytest.raises(DecryptionFailed):
        decrypt_response(cipher, cons_id="1", secret="s", timestamp="10")


def test_http_client_sends_signed_headers_and_decrypts(fake_bpjs: FakeBpjsServer) -> None:
    client = HttpBpjsClient(credentials(fake_bpjs))
    result = client.ref_poli("2026-12-01")
    assert result.code == 200
    assert result.response == POLI_REFERENCE
    doctors = client.ref_dokter("001", "2026-12-01")
    assert doctors.response[0]["kodedokter"] == 101
    client.antrean_add({"nomorkartu": "0001234567890"})
    client.antrean_panggil({"status": 1})
    client.antrean_batal({"alasan": "x"})
    assert fake_bpjs.calls("antrean/add") == [{"nomorkartu": "0001234567890"}]
    assert fake_bpjs.calls("antrean/panggil") == [{"status": 1}]
    assert fake_bpjs.calls("antrean/batal") == [{"alasan": "x"}]


def test_wrong_secret_is_a_refusal_not_worth_retrying(fake_bpjs: FakeBpjsServer) -> None:
    client = HttpBpjsClient(credentials(fake_bpjs, secret="salah"))
    with pytest.raises(BpjsCallFailed) as caught:
        client.antrean_add({})
    assert caught.value.retry is False
    assert caught.value.code == 201


def test_outage_is_worth_retrying(fake_bpjs: FakeBpjsServer) -> None:
    client = HttpBpjsClient(credentials(fake_bpjs))
    fake_bpjs.down()
    with pytest.raises(BpjsCallFailed) as caught:
        client.antrean_add({})
    assert caught.value.retry is True
    fake_bpjs.up()  # same port: the client needs no change
    assert client.antrean_add({}).code == 200


def test_in_memory_fake_records_and_goes_down() -> None:
    fake = FakeBpjsClient()
    fake.antrean_add({"x": 1})
    assert fake.calls == [("antrean/add", {"x": 1})]
    fake.down = True
    with pytest.raises(BpjsCallFailed):
        fake.antrean_batal({})
