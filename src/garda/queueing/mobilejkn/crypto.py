"""The signature BPJS expects on every outbound call and the encryption of its answers
(WS Antrean FKTP): HMAC-SHA256 over "consid&timestamp", answers AES-256-CBC with a key derived
from consid, secret and the request's timestamp, then LZString-compressed.

Both directions live here so the fake BPJS server in tests encrypts exactly as the real one
and the client cannot drift from it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time

import lzstring
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


class DecryptionFailed(ValueError):
    """The answer could not be decrypted or decompressed with this consid/secret/timestamp."""


def timestamp_now() -> str:
    """Unix seconds in UTC, as a string (what X-timestamp carries)."""
    return str(int(time.time()))


def signature(cons_id: str, secret: str, timestamp: str) -> str:
    """base64(HMAC-SHA256(secret, consid + "&" + timestamp))."""
    digest = hmac.new(secret.encode(), f"{cons_id}&{timestamp}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _key_iv(cons_id: str, secret: str, timestamp: str) -> tuple[bytes, bytes]:
    key = hashlib.sha256(f"{cons_id}{secret}{timestamp}".encode()).digest()
    return key, key[:16]


def encrypt_response(plain: str, *, cons_id: str, secret: str, timestamp: str) -> str:
    """What BPJS does to a response (used by the fake server): compress, pad, encrypt."""
    compressed = lzstring.LZString().compressToEncodedURIComponent(plain)
    key, iv = _key_iv(cons_id, secret, timestamp)
    padder = padding.PKCS7(128).padder()
    data = padder.update(compressed.encode()) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return base64.b64encode(encryptor.update(data) + encryptor.finalize()).decode()


def decrypt_response(cipher_text: str, *, cons_id: str, secret: str, timestamp: str) -> str:
    """The plain JSON text of an encrypted `response` field."""
    key, iv = _key_iv(cons_id, secret, timestamp)
    try:
        raw = base64.b64decode(cipher_text, validate=True)
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        padded = decryptor.update(raw) + decryptor.finalize()
        unpadder = padding.PKCS7(128).unpadder()
        compressed = (unpadder.update(padded) + unpadder.finalize()).decode()
    except ValueError as error:
        raise DecryptionFailed(str(error)) from error
    plain = lzstring.LZString().decompressFromEncodedURIComponent(compressed)
    if plain is None or plain == "":
        raise DecryptionFailed("LZString decompression gave nothing")
    return str(plain)
