"""Verifiable credentials: verification codes, the Hub's Ed25519 keys, did:web, Open Badges 3.0, status list.

Securing mechanism (documented in docs/design/training-credentials.md): an embedded W3C Data Integrity proof,
``type: DataIntegrityProof``, ``cryptosuite: eddsa-jcs-2022``:

1. ``proofConfig`` = the proof without ``proofValue``, carrying the document's ``@context``;
2. canonical form = JCS (RFC 8785). Our documents hold only strings, integers, booleans, lists and objects,
   for which JCS is exactly ``json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False)``
   (no floats are ever put in a credential);
3. ``hashData`` = SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(document without proof));
4. ``proofValue`` = "z" + base58btc(Ed25519 signature of hashData).

The public key is published as a ``Multikey`` in the did:web document: "z" + base58btc(0xed 0x01 ‖ 32 bytes).
Revocation is a Bitstring Status List: bit i (most significant bit first) of the GZIP'd bitstring, published
as "u" + base64url (no padding) in a credential signed the same way.
"""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import secrets
from urllib.parse import quote, urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 16  # 16 × 5 = 80 random bits
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_MULTICODEC = b"\xed\x01"
VC_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]


# --- verification codes -----------------------------------------------------------------------------------------

def new_code() -> str:
    """16 Crockford base32 characters (80 random bits) in groups of four: 7KQ2-M9XD-4TPB-H1EA."""
    raw = "".join(secrets.choice(CROCKFORD) for _ in range(CODE_CHARS))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_CHARS, 4))


def normalise_code(text: str) -> str:
    """What a person typed → the stored form: case, spaces and hyphens ignored, O→0 and I/L→1 (Crockford)."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(cleaned) != CODE_CHARS or any(ch not in CROCKFORD for ch in cleaned):
        return ""
    return "-".join(cleaned[i:i + 4] for i in range(0, CODE_CHARS, 4))


# --- encodings --------------------------------------------------------------------------------------------------

def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    out = ""
    while number:
        number, rem = divmod(number, 58)
        out = _B58[rem] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


def b58decode(text: str) -> bytes:
    number = 0
    for ch in text:
        number = number * 58 + _B58.index(ch)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    pad = len(text) - len(text.lstrip("1"))
    return b"\0" * pad + body


def jcs(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


# --- keys -------------------------------------------------------------------------------------------------------

def _fernet():
    from cryptography.fernet import Fernet

    digest = hashlib.sha256(b"hub-training-signing-key:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def generate_key_material() -> tuple[str, str]:
    """(public key multibase, encrypted private key) of a fresh Ed25519 key."""
    private = Ed25519PrivateKey.generate()
    raw_private = private.private_bytes_raw()
    public = private.public_key().public_bytes_raw()
    return "z" + b58encode(ED25519_MULTICODEC + public), _fernet().encrypt(raw_private).decode()


def private_key(signing_key) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_fernet().decrypt(signing_key.secret.encode()))


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    raw = b58decode(value[1:])
    if not value.startswith("z") or raw[:2] != ED25519_MULTICODEC:
        raise ValueError("Clave pública no es un Multikey Ed25519")
    return Ed25519PublicKey.from_public_bytes(raw[2:])


# --- did:web ----------------------------------------------------------------------------------------------------

def site_url() -> str:
    return settings.HUB_SITE_URL.rstrip("/")


def issuer_did() -> str:
    parts = urlsplit(site_url())
    return "did:web:" + quote(parts.netloc, safe="")


def method_id(signing_key) -> str:
    return f"{issuer_did()}#{signing_key.key_id}"


def did_document(keys) -> dict:
    did = issuer_did()
    methods = []
    for key in keys:
        method = {"id": method_id(key), "type": "Multikey", "controller": did,
                  "publicKeyMultibase": key.public_key_multibase}
        if key.retired_at:
            # Kept so credentials signed before retirement still verify; not used to sign anything new.
            method["retiredAt"] = key.retired_at.isoformat(timespec="seconds")
        methods.append(method)
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


# --- signing ----------------------------------------------------------------------------------------------------

def _hash_data(document: dict, proof_config: dict) -> bytes:
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    return hashlib.sha256(jcs(proof_config)).digest() + hashlib.sha256(jcs(unsecured)).digest()


def sign(document: dict, signing_key, *, created=None) -> dict:
    created = (created or timezone.now()).astimezone(dt.UTC)
    proof_config = {
        "@context": document["@context"],
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verificationMethod": method_id(signing_key),
        "proofPurpose": "assertionMethod",
    }
    signature = private_key(signing_key).sign(_hash_data(document, proof_config))
    proof = {k: v for k, v in proof_config.items() if k != "@context"}
    proof["proofValue"] = "z" + b58encode(signature)
    return {**document, "proof": proof}


def verify(document: dict, public_keys: dict[str, str]) -> bool:
    """The issuer's own check before saving (the independent check lives in the tests)."""
    from cryptography.exceptions import InvalidSignature

    proof = document.get("proof") or {}
    multibase = public_keys.get(proof.get("verificationMethod", ""))
    if not multibase or proof.get("cryptosuite") != "eddsa-jcs-2022":
        return False
    config = {"@context": document["@context"], **{k: v for k, v in proof.items() if k != "proofValue"}}
    try:
        public_key_from_multibase(multibase).verify(b58decode(proof["proofValue"][1:]), _hash_data(document, config))
    except (InvalidSignature, ValueError, KeyError):
        return False
    return True


# --- Open Badges 3.0 credential ---------------------------------------------------------------------------------

def status_list_url(list_id: int) -> str:
    return site_url() + reverse("certificates:status_list", args=[list_id])


def open_badge(certificate, snapshot: dict) -> dict:
    """The unsigned OpenBadgeCredential of a certificate, built only from the printed snapshot."""
    verify_url = site_url() + reverse("certificates:verify", args=[certificate.code])
    achievement_type = "Certificate" if certificate.kind == "aprobacion" else "Achievement"
    credential = {
        "@context": VC_CONTEXT,
        "id": verify_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_did(), "type": ["Profile"], "name": snapshot["issuer"], "url": site_url() + "/"},
        "validFrom": certificate.issued_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "name": snapshot["title"],
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "name": snapshot["holder_name"],
            "achievement": {
                "id": site_url() + reverse("training:programme_detail", args=[snapshot["programme_id"]]),
                "type": ["Achievement"],
                "achievementType": achievement_type,
                "name": snapshot["programme"],
                "description": snapshot["result_label"],
                "criteria": {"narrative": snapshot["criteria"]},
                "humanCode": certificate.code,
                "inLanguage": "es-CL",
            },
            "result": [{"type": ["Result"], "value": snapshot["result_label"]}],
        },
        "credentialStatus": {
            "id": f"{status_list_url(certificate.status_list)}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(certificate.status_list),
        },
    }
    if certificate.valid_until:
        credential["validUntil"] = f"{certificate.valid_until.isoformat()}T23:59:59Z"
    return credential


def encode_bitstring(revoked_indexes, size: int) -> str:
    bits = bytearray(size // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def status_list_credential(list_id: int, revoked_indexes, size: int) -> dict:
    url = status_list_url(list_id)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "validFrom": timezone.now().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode_bitstring(revoked_indexes, size),
            "ttl": 300000,
        },
    }
