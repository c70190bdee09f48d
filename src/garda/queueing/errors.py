"""The queue's refusals. Each carries an Indonesian message that pages show and the Mobile JKN
bridge passes through as `metadata.message`."""

from __future__ import annotations

from garda.core.errors import Conflict, NotFound, ValidationFailed


class PoliClosed(ValidationFailed):
    code = "queue_poli_closed"
    message_id = "Poli tidak buka pada tanggal tersebut."
    message_en = "The poli is closed on that date."


class DateOutsideHorizon(ValidationFailed):
    code = "queue_date_outside_horizon"
    message_id = "Tanggal periksa di luar rentang pendaftaran."
    message_en = "The service date is outside the booking window."


class InvalidIdentity(ValidationFailed):
    code = "queue_invalid_identity"
    message_id = "Data identitas tidak valid."
    message_en = "The identity data is not valid."


class QuotaFull(Conflict):
    code = "queue_quota_full"
    message_id = "Kuota antrean poli pada tanggal tersebut sudah penuh."
    message_en = "The poli's quota for that date is full."


class DuplicateTicket(Conflict):
    code = "queue_duplicate_ticket"
    message_id = "Nomor antrean hanya dapat diambil 1 kali per poli pada tanggal yang sama."
    message_en = "Only one ticket per person per poli per day."


class TicketAlreadyServed(Conflict):
    code = "queue_ticket_already_served"
    message_id = "Pasien sudah dilayani, antrean tidak dapat dibatalkan."
    message_en = "The patient was already served; the ticket cannot be cancelled."


class WrongStatus(Conflict):
    code = "queue_wrong_status"
    message_id = "Langkah ini tidak dapat dilakukan pada status tiket sekarang."
    message_en = "This step is not possible in the ticket's current status."


class NobodyWaiting(Conflict):
    code = "queue_nobody_waiting"
    message_id = "Tidak ada pasien yang menunggu."
    message_en = "Nobody is waiting."


class TicketNotFound(NotFound):
    code = "queue_ticket_not_found"
    message_id = "Antrean tidak ditemukan."
    message_en = "Ticket not found."


class PoliNotFound(NotFound):
    code = "queue_poli_not_found"
    message_id = "Poli tidak ditemukan."
    message_en = "Poli not found."


class PoliNotBookable(ValidationFailed):
    code = "queue_poli_not_bookable"
    message_id = "Poli ini tidak menerima pendaftaran daring; silakan daftar di puskesmas."
    message_en = "This poli does not take online bookings; please register at the puskesmas."
