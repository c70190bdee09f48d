"""The BPJS Kesehatan "WS Antrean FKTP" bridge: what Mobile JKN calls on each puskesmas, and
the outbox through which the puskesmas reports its tickets to BPJS."""
