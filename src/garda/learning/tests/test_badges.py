"""Signed Open Badges 3.0: the proof (eddsa-rdfc-2022) with the badge key, the did:web
document, the Bitstring Status List, key rotation, and the OB 3.0 JSON schema. The independent
check with Digital Bazaar's libraries runs in e2e/test_badges.py."""

from __future__ import annotations

import base64
import gzip
import json

import jsonschema
import pytest
from django.test import Client
from django.urls import reverse

from garda.core.audit.signing import key_id, load_private_key
from garda.core.testing import login_client
from garda.learning.badges import proof
from garda.learning.models import BadgeKey
from garda.learning.services import badges
from garda.learning.testing import sample_certificate
from garda.tests.standards import standards_dir

pytestmark = pytest.mark.django_db


def _badge(people, certificate=None):  # type: ignore[no-untyped-def]
    certificate = certificate or sample_certificate(people.asn)
    response = login_client(people.asn).get(
        reverse("learning:certificate_badge", args=[certificate.enrollment_id])
    )
    assert response.status_code == 200
    return certificate, response.json()


def _public_key(document, method_id):  # type: ignore[no-untyped-def]
    method = next(m for m in document["verificationMethod"] if m["id"] == method_id)
    assert method_id in document["assertionMethod"]
    return proof.public_key_from_multibase(method["publicKeyMultibase"])


def _did_document() -> dict:  # type: ignore[type-arg]
    response = Client().get(reverse("learning:badge_did"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_the_badge_carries_a_proof_made_with_the_published_key(people) -> None:  # type: ignore[no-untyped-def]
    _certificate, badge = _badge(people)
    [signed] = badge["proof"]
    assert signed["type"] == "DataIntegrityProof"
    assert signed["cryptosuite"] == "eddsa-rdfc-2022"
    assert signed["proofPurpose"] == "assertionMethod"
    did = _did_document()
    assert badge["issuer"]["id"] == did["id"]
    assert did["id"].startswith("did:web:")
    assert did["id"].endswith(":pelatihan:lencana")
    assert signed["verificationMethod"].startswith(did["id"] + "#")
    key = _public_key(did, signed["verificationMethod"])
    assert proof.verify(badge, key)
    tampered = json.loads(json.dumps(badge))
    tampered["credentialSubject"]["achievement"]["creditsAvailable"] = 999
    assert not proof.verify(tampered, key)
    assert people.employee.nip not in json.dumps(badge)


def test_the_badge_key_is_not_the_audit_key(people) -> None:  # type: ignore[no-untyped-def]
    _badge(people)
    audit = load_private_key(create=True)
    badge_key, row = badges.current_key()
    assert row.key_id == key_id(badge_key.public_key())
    assert row.key_id != key_id(audit.public_key())


def test_revocation_is_published_in_the_status_list(people) -> None:  # type: ignore[no-untyped-def]
    certificate, badge = _badge(people)
    status = badge["credentialStatus"]
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    url = status["statusListCredential"]
    path = url.split("://", 1)[1].split("/", 1)[1]

    def bit() -> bool:
        response = Client().get("/" + path)
        assert response["Content-Type"].startswith("application/json")  # never an HTML page
        listed = response.json()
        assert "BitstringStatusListCredential" in listed["type"]
        assert listed["issuer"] == badge["issuer"]["id"]
        method = listed["proof"][0]["verificationMethod"]
        assert proof.verify(listed, _public_key(_did_document(), method))
        encoded = listed["credentialSubject"]["encodedList"]
        assert encoded.startswith("u")
        body = encoded[1:]
        raw = gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        assert len(raw) * 8 == badges.LIST_SIZE
        index = int(status["statusListIndex"])
        return bool(raw[index // 8] & (0x80 >> (index % 8)))

    assert bit() is False
    login_client(people.admin).post(reverse("learning:certificate_revoke", args=[certificate.pk]),
                                    {"reason": "Dokumen palsu"})  # fmt: skip
    assert bit() is True


def test_a_rotated_key_still_verifies_old_badges_unless_withdrawn(people) -> None:  # type: ignore[no-untyped-def]
    certificate, old_badge = _badge(people)
    old_method = old_badge["proof"][0]["verificationMethod"]
    badges.badge_key_rotate(actor=people.admin)
    _certificate, new_badge = _badge(people, certificate)
    assert new_badge["proof"][0]["verificationMethod"] != old_method
    did = _did_document()
    assert proof.verify(old_badge, _public_key(did, old_method))
    assert proof.verify(new_badge, _public_key(did, new_badge["proof"][0]["verificationMethod"]))
    badges.badge_key_rotate(actor=people.admin, withdraw=True)
    ids = [m["id"] for m in _did_document()["verificationMethod"]]
    assert old_method in ids  # retired, not withdrawn
    assert new_badge["proof"][0]["verificationMethod"] not in ids  # withdrawn
    assert BadgeKey.objects.filter(withdrawn_at__isnull=False).count() == 1


def test_the_badge_meets_the_ob3_json_schema(people) -> None:  # type: ignore[no-untyped-def]
    schema_file = standards_dir() / "ob3" / "ob_v3p0_achievementcredential_schema.json"
    if not schema_file.exists():
        pytest.fail(f"the OB 3.0 schema is expected in the standards folder: {schema_file}")
    _certificate, badge = _badge(people)
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    validator = jsonschema.Draft201909Validator(schema)
    errors = sorted(validator.iter_errors(badge), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_every_context_is_vendored() -> None:
    from garda.learning.badges import jsonld

    contexts = jsonld.vendored_contexts()
    for url in (jsonld.CREDENTIALS_V2, jsonld.OB_V3, jsonld.DID_V1, jsonld.MULTIKEY_V1,
                "https://w3id.org/security/data-integrity/v2"):  # fmt: skip
        assert "@context" in contexts[url]
    with pytest.raises(jsonld.UnknownContext):
        jsonld.document_loader("https://example.org/unknown-context")


def test_the_rotation_command_prints_the_new_key(people) -> None:  # type: ignore[no-untyped-def]
    import io

    from django.core.management import call_command

    _certificate, badge = _badge(people)
    out, err = io.StringIO(), io.StringIO()
    call_command("badge_key_rotate", stdout=out, stderr=err)
    printed = json.loads(out.getvalue())
    assert printed["verification_method"] != badge["proof"][0]["verificationMethod"]
    assert printed["withdrawn"] is False
    assert "baru" in err.getvalue()
