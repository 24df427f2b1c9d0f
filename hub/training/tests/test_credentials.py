"""The signed Open Badges 3.0 credential verifies WITHOUT the signing code: this file re-implements the check
from the specifications (did:web document → Multikey → Ed25519; eddsa-jcs-2022 hashing; Bitstring Status List
bit), using only the standard library and `cryptography`. A tampered credential and a revoked one fail."""

import base64
import copy
import gzip
import hashlib
import json

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from hub.training import services_certificates

from .factories import closed_cohort_with_certificate, make_staff

pytestmark = pytest.mark.django_db
ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58(text):
    n = 0
    for ch in text:
        n = n * 58 + ALPHABET.index(ch)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + raw


def canon(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def independent_verify(credential, did_document, status_list):
    """True only if the signature, the issuer key and the revocation bit all say so."""
    proof = credential["proof"]
    assert proof["type"] == "DataIntegrityProof" and proof["cryptosuite"] == "eddsa-jcs-2022"
    did, _, _ = proof["verificationMethod"].partition("#")
    if did != did_document["id"] or credential["issuer"]["id"] != did:
        return False
    method = next((m for m in did_document["verificationMethod"] if m["id"] == proof["verificationMethod"]), None)
    if method is None or proof["verificationMethod"] not in did_document["assertionMethod"]:
        return False
    key_bytes = b58(method["publicKeyMultibase"][1:])
    assert key_bytes[:2] == b"\xed\x01"
    key = Ed25519PublicKey.from_public_bytes(key_bytes[2:])
    unsecured = {k: v for k, v in credential.items() if k != "proof"}
    config = {"@context": credential["@context"], **{k: v for k, v in proof.items() if k != "proofValue"}}
    data = hashlib.sha256(canon(config)).digest() + hashlib.sha256(canon(unsecured)).digest()
    try:
        key.verify(b58(proof["proofValue"][1:]), data)
    except InvalidSignature:
        return False
    entry = credential["credentialStatus"]
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    index = int(entry["statusListIndex"])
    revoked = bits[index // 8] & (0x80 >> (index % 8))
    return not revoked


def fetch(client, certificate):
    client.force_login(certificate.enrolment.user)
    credential = client.get(f"/certificados/verificar/{certificate.code}/credencial.json").json()
    did = client.get("/.well-known/did.json").json()
    status_url = credential["credentialStatus"]["statusListCredential"]
    status = client.get(status_url.split("//", 1)[1].split("/", 1)[1].join(["/", ""]))
    assert status.status_code == 200
    return credential, did, status.json()


def test_the_downloaded_credential_verifies_independently(client):
    certificate = closed_cohort_with_certificate()
    credential, did, status = fetch(client, certificate)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["credentialSubject"]["name"] == certificate.snapshot["holder_name"]
    assert independent_verify(credential, did, status)


def test_a_tampered_credential_fails(client):
    certificate = closed_cohort_with_certificate()
    credential, did, status = fetch(client, certificate)
    forged = copy.deepcopy(credential)
    forged["credentialSubject"]["name"] = "Otra Persona"
    assert not independent_verify(forged, did, status)
    forged = copy.deepcopy(credential)
    forged["proof"]["created"] = "2020-01-01T00:00:00Z"
    assert not independent_verify(forged, did, status)


def test_a_revoked_credential_fails_through_the_status_list(client):
    certificate = closed_cohort_with_certificate()
    services_certificates.certificate_revoke(acting_user=make_staff(), certificate=certificate, reason="Fraude")
    credential, did, status = fetch(client, certificate)
    assert not independent_verify(credential, did, status)


def test_the_status_list_is_itself_signed_and_large_enough_for_herd_privacy(client):
    certificate = closed_cohort_with_certificate()
    _credential, did, status = fetch(client, certificate)
    encoded = status["credentialSubject"]["encodedList"][1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)))
    assert len(bits) * 8 >= 131_072
    key = next(m for m in did["verificationMethod"] if m["id"] == status["proof"]["verificationMethod"])
    unsecured = {k: v for k, v in status.items() if k != "proof"}
    config = {"@context": status["@context"], **{k: v for k, v in status["proof"].items() if k != "proofValue"}}
    data = hashlib.sha256(canon(config)).digest() + hashlib.sha256(canon(unsecured)).digest()
    Ed25519PublicKey.from_public_bytes(b58(key["publicKeyMultibase"][1:])[2:]).verify(
        b58(status["proof"]["proofValue"][1:]), data)


def test_after_key_rotation_old_credentials_still_verify_and_new_ones_use_the_new_key(client):
    old = closed_cohort_with_certificate()
    services_certificates.signing_key_rotate(acting_user=make_staff())
    new = closed_cohort_with_certificate()
    for certificate in (old, new):
        credential, did, status = fetch(client, certificate)
        assert independent_verify(credential, did, status)
    assert old.credential["proof"]["verificationMethod"] != new.credential["proof"]["verificationMethod"]
    did = client.get("/.well-known/did.json").json()
    assert len(did["verificationMethod"]) == 2 and "retiredAt" in did["verificationMethod"][0]


def test_the_private_key_is_never_published_nor_stored_in_clear(client):
    certificate = closed_cohort_with_certificate()
    key = certificate.signing_key
    did_text = client.get("/.well-known/did.json").content.decode()
    assert key.secret not in did_text and "secret" not in did_text
    from hub.training.credentials import private_key

    raw = private_key(key).private_bytes_raw()
    assert raw.hex() not in key.secret and base64.b64encode(raw).decode() not in key.secret


def test_every_status_list_a_credential_points_at_answers_and_unknown_lists_are_404(client):
    certificate = closed_cohort_with_certificate()
    url = certificate.credential["credentialStatus"]["statusListCredential"]
    path = "/" + url.split("//", 1)[1].split("/", 1)[1]
    response = client.get(path)
    assert response.status_code == 200 and "max-age=300" in response["Cache-Control"]
    assert client.get("/certificados/estado/2/").status_code == 404
