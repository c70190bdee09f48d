"""Uploaded files travel in the archive: evidence uploaded through the service comes back
byte for byte and the download answers again; a file missing on either side stops the
backup or the restore before anything changes. Here, not in core/tests, because it uploads
through learning. Transactional tests, as in core/tests/test_backup.py."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from garda.core.backup import (
    MANIFEST_MEMBER,
    MEDIA_PREFIX,
    BackupError,
    backup_inspect,
    backup_restore,
    backup_write,
)
from garda.core.models import Unit
from garda.core.org.services import unit_create
from garda.core.testing import login_client
from garda.learning.ledger.models import LearningForm
from garda.learning.ledger.models_external import ExternalLearning
from garda.learning.ledger.services.external import external_submit
from garda.learning.testing import People

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n% bukti pelatihan uji\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fresh_content_type_cache() -> Iterator[None]:
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def media(settings: Any) -> Path:
    return Path(settings.MEDIA_ROOT)  # the `people` fixture points it at the test's tmp_path


@pytest.fixture
def submission(people: People, media: Path) -> ExternalLearning:
    """Evidence uploaded through the service, plus a file no row names (an open-data
    version is written that way: a path in a CharField)."""
    form = LearningForm.objects.filter(active=True).first() or LearningForm.objects.create(
        code="uji-daring", name="Pelatihan daring uji", category="nonklasikal"
    )
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    made = external_submit(
        actor=people.asn,
        form_id=form.pk,
        title="Kursus daring uji",
        provider="Penyelenggara uji",
        started_on=yesterday,
        finished_on=yesterday,
        quantity=1,
        stated_jp=Decimal("3"),
        abroad=False,
        certificate_number="UJI/1",
        evidence=SimpleUploadedFile("bukti uji.pdf", PDF, content_type="application/pdf"),
    )
    extra = media / "opendata" / "pegawai" / "1.csv"
    extra.parent.mkdir(parents=True)
    extra.write_text("a,b\n1,2\n")
    return made


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_uploaded_files_travel_and_the_download_answers_after_restore(
    people: People, submission: ExternalLearning, media: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "cadangan.tar.gz"
    before = _tree(media)
    manifest = backup_write(archive)
    evidence = submission.evidence.name
    assert evidence is not None
    assert set(manifest.media) == {evidence, "opendata/pegawai/1.csv"}
    assert manifest.media[evidence].sha256 == hashlib.sha256(PDF).hexdigest()
    assert manifest.media[evidence].size == len(PDF)
    assert backup_inspect(archive) == manifest

    # The site loses its files and gains a stray one; the restore brings back the archive's.
    (media / evidence).unlink()
    (media / "sisa.txt").write_text("bukan dari cadangan")
    messages: list[str] = []
    backup_restore(archive, replace=True, notify=messages.append)

    assert _tree(media) == before
    kept = list(media.parent.glob(f"{media.name}.sebelum-pulih-*"))
    assert len(kept) == 1
    assert (kept[0] / "sisa.txt").read_text() == "bukan dari cadangan"
    assert any("Berkas unggahan dipulihkan" in message for message in messages)
    response = login_client(people.asn).get(f"/jp/bukti/{submission.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]  # FileResponse


def test_backup_refuses_when_a_row_names_a_missing_file(
    submission: ExternalLearning, media: Path, tmp_path: Path
) -> None:
    name = submission.evidence.name
    assert name is not None
    (media / name).unlink()
    with pytest.raises(BackupError, match=name):
        backup_write(tmp_path / "cadangan.tar.gz")
    assert not (tmp_path / "cadangan.tar.gz").exists()


def _repack(archive: Path, target: Path, edit: Callable[[dict[str, bytes]], None]) -> Path:
    with tarfile.open(archive, "r:gz") as tar:
        members: dict[str, bytes] = {}
        for member in tar.getmembers():
            handle = tar.extractfile(member)
            assert handle is not None
            members[member.name] = handle.read()
    edit(members)
    with tarfile.open(target, "w:gz") as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return target


def _drop_evidence(members: dict[str, bytes]) -> None:
    """The archive without the evidence file, its manifest consistent with that."""
    manifest = json.loads(members[MANIFEST_MEMBER])
    name = next(n for n in manifest["members"] if n.startswith(MEDIA_PREFIX + "ledger/"))
    del manifest["members"][name]
    del members[name]
    members[MANIFEST_MEMBER] = json.dumps(manifest).encode()


def _tamper_evidence(members: dict[str, bytes]) -> None:
    name = next(n for n in members if n.startswith(MEDIA_PREFIX + "ledger/"))
    members[name] = members[name].replace(b"uji", b"UJI")


def _escape_media(members: dict[str, bytes]) -> None:
    manifest = json.loads(members[MANIFEST_MEMBER])
    content = b"keluar"
    name = MEDIA_PREFIX + "../../luar.txt"
    manifest["members"][name] = {"sha256": hashlib.sha256(content).hexdigest(), "size": 6}
    members[name] = content
    members[MANIFEST_MEMBER] = json.dumps(manifest).encode()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_drop_evidence, r"tidak ada di arsip cadangan.*tidak diubah"),
        (_tamper_evidence, r"checksum media/ledger/.*tidak cocok"),
        (_escape_media, r"nama berkas unggahan tidak sah"),
    ],
)
def test_restore_without_every_file_changes_nothing(
    submission: ExternalLearning,
    media: Path,
    tmp_path: Path,
    edit: Callable[[dict[str, bytes]], None],
    message: str,
) -> None:
    archive = tmp_path / "asli.tar.gz"
    backup_write(archive)
    bad = _repack(archive, tmp_path / "rusak.tar.gz", edit)
    unit_create(actor=None, code="SESUDAH", name="Dibuat sesudah cadangan", kind="opd")
    (media / "baru.txt").write_text("diunggah sesudah cadangan")
    before = _tree(media)
    with pytest.raises(BackupError, match=message):
        backup_restore(bad, replace=True)
    assert Unit.objects.filter(code="SESUDAH").exists()
    assert _tree(media) == before
    assert not list(media.parent.glob(f".{media.name}.pulih-*"))  # no staging left behind
    assert not list(media.parent.glob(f"{media.name}.sebelum-pulih-*"))
    assert not (tmp_path / "luar.txt").exists()
