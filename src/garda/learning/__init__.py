"""Competency development: catalog, batches (angkatan), enrolment, attendance, tests,
evaluation and certificates. The JP ledger lives in the `ledger` sub-app."""
