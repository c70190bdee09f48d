"""Backups that travel between SQLite and PostgreSQL: `garda backup` and `garda restore`.

Modules: `manifest` (the archive's table of contents), `tables` (which rows travel), `dump`
(writing), `archive` (the .tar.gz, checked member by member), `keys` (the audit key),
`media` (uploaded files), `schema` (older archives), `load` (rows in), `restore`.

The archive is a .tar.gz with these members, in this order:

- ``manifest.json``: format version, when and from which database it was made, the Garda and
  Django versions, the applied migrations, row counts per table and the SHA-256 of the other
  members;
- ``data.jsonl``: every row, one JSON object a line, in Django's serialization format
  (``garda loaddata`` can read it too). Rows keep their primary keys; only references to
  content types and permissions, whose ids differ between databases, are natural keys.
  Date-times keep their microseconds (Django's own JSON encoder cuts them to milliseconds,
  which would break the audit log's hashes);
- ``audit_ed25519.key``: the private key that signed the audit log's tree heads, without which
  `audit_verify` fails on every signed head. The archive is therefore as secret as the key.
  Absent only when no key exists yet (nothing signed); a log with signed heads but no key
  file is refused;
- ``media/<path>``: every file below MEDIA_ROOT (evidence, PPID answers, certificates,
  open-data versions), each listed in the manifest with its size and SHA-256. A backup refuses
  to run when a row names a file that is missing, and a restore refuses to finish unless every
  file a FileField names came back.

Not in the archive (decided here, kept in `EXCLUDED`): content types and permissions (rebuilt
by `migrate`, referenced by natural key), sessions (everyone signs in again after a restore),
axes' lockout counters (cool off in minutes anyway) and the task queue's results (restoring a
queue would run its tasks a second time). Axes' sign-in and failure logs do travel: they are
the record of who signed in when. The Django SECRET_KEY never travels.

A backup reads one consistent snapshot (REPEATABLE READ on PostgreSQL, one read transaction on
SQLite) so the audit counter, entries and signed heads agree with each other. A restore checks
the whole archive and the schema before touching the database, then in one transaction empties
every table (but content types and permissions), loads the rows, checks constraints, row
counts and the audit log, and rolls everything back if any of that fails. An archive written
by an older schema is loaded into that schema: in the same transaction the database is
migrated back to the archive's migrations, the rows are built with the historical models of
that state, checked against the manifest, and migrated forward (docs/decisions/0013). An
archive from a newer schema is refused. A database that has
been used (users, audit entries or signed heads) is only overwritten with ``replace``; rows
that `migrate` itself seeds (reference tables) do not count as use.
"""

from garda.core.backup.archive import backup_inspect
from garda.core.backup.dump import backup_write
from garda.core.backup.manifest import (
    DATA_MEMBER,
    EXCLUDED,
    FORMAT_VERSION,
    KEY_MEMBER,
    MANIFEST_MEMBER,
    MEDIA_PREFIX,
    BackupError,
    BackupManifest,
    MemberInfo,
)
from garda.core.backup.restore import backup_restore
from garda.core.backup.tables import backup_models, counted_models

__all__ = [
    "DATA_MEMBER",
    "EXCLUDED",
    "FORMAT_VERSION",
    "KEY_MEMBER",
    "MANIFEST_MEMBER",
    "MEDIA_PREFIX",
    "BackupError",
    "BackupManifest",
    "MemberInfo",
    "backup_inspect",
    "backup_models",
    "backup_restore",
    "backup_write",
    "counted_models",
]
