"""One tree of errors. Each carries a stable code and a message in Indonesian and English;
pages show it as a flash message, the API as RFC 9457 problem details."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language


class GardaError(Exception):
    code = "garda_error"
    http_status = 400
    message_id = "Terjadi kesalahan."
    message_en = "Something went wrong."

    def __init__(
        self,
        message_id: str | None = None,
        message_en: str | None = None,
        *,
        code: str | None = None,
        errors: list[dict[str, Any]] | None = None,
    ) -> None:
        if message_id is not None:
            self.message_id = message_id
        if message_en is not None:
            self.message_en = message_en
        if code is not None:
            self.code = code
        self.errors = errors or []
        super().__init__(self.message_en)

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """The message in the active language (Indonesian unless English was chosen)."""
        return self.message_en if (get_language() or "id").startswith("en") else self.message_id


class ValidationFailed(GardaError):
    code = "validation_failed"
    http_status = 400
    message_id = "Data tidak valid."
    message_en = "The data is not valid."


class NotAllowed(GardaError):
    code = "not_allowed"
    http_status = 403
    message_id = "Anda tidak berwenang melakukan ini."
    message_en = "You are not allowed to do this."


class NotFound(GardaError):
    code = "not_found"
    http_status = 404
    message_id = "Data tidak ditemukan."
    message_en = "Not found."


class Conflict(GardaError):
    code = "conflict"
    http_status = 409
    message_id = "Data bertentangan dengan data yang sudah ada."
    message_en = "This conflicts with existing data."


class TooManyRequests(GardaError):
    code = "too_many_requests"
    http_status = 429
    message_id = "Terlalu banyak permintaan dari alamat Anda. Coba lagi beberapa saat lagi."
    message_en = "Too many requests from your address. Please try again in a while."
