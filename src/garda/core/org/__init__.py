"""The organisation tree: instansi, OPD, bidang, UPT and puskesmas, and their history.

It is part of the floor (core) because every app scopes by it: `core.access` walks it, the
queue hangs puskesmas on it, budget lines and PPID requests belong to its units. Nothing here
knows about employees; who heads a unit is kept by the registry (`people.UnitHead`)."""
