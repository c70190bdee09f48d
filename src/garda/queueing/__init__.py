"""Puskesmas online queue: facilities, polis, tickets, kiosk, staff console, display board,
estimated call times, notifications, analytics. The BPJS bridge lives in `mobilejkn`."""
