"""Static files as collectstatic leaves them for WhiteNoise and nginx (decision 0021): hashed
names, and beside each hashed text file its brotli (.br) and gzip (.gz) copy.

WhiteNoise's storage compresses every file, original and hashed, on every collectstatic, and
`garda serve` runs collectstatic at each start: 85 s on the 2-core machine, most of it on the
API documentation's source maps. Here only hashed names are compressed (pages link nothing
else), source maps not at all (only a developer's tools fetch them), and a hashed name whose
copies exist already is skipped: its name is its content's hash, so the copies still match."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

COMPRESSED_SUFFIXES = (".br", ".gz")
SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")


class CompressedManifestStorage(CompressedManifestStaticFilesStorage):
    def compress_files(self, paths: Iterable[str]) -> Iterator[tuple[str, str]]:
        hashed = set(self.hashed_files.values())
        stale = [path for path in paths if path in hashed and not self._compressed(path)]
        yield from super().compress_files(stale)

    def create_compressor(self, **kwargs: object) -> Compressor:
        kwargs["extensions"] = SKIP_COMPRESS_EXTENSIONS
        return super().create_compressor(**kwargs)

    def _compressed(self, name: str) -> bool:
        full = Path(self.path(name))
        return all(full.with_name(full.name + suffix).exists() for suffix in COMPRESSED_SUFFIXES)
