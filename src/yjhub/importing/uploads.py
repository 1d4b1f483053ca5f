"""Files uploaded for import: kept under ``settings.IMPORT_DIR/uploads`` until they are loaded.

Each upload gets its own folder with a generated name (time and a random token); the file keeps
its own name, made safe, because the importer finds a file's table by its name (``child.csv``).
A .zip is unpacked into the folder (flattened, with limits on the number of files and their
unpacked size, so a small zip cannot fill the disk). The folder is removed once the upload is
loaded or found to have problems: the case data then lives in the database only.
"""

from __future__ import annotations

import re
import secrets
import shutil
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils import timezone

from yjhub.importing.readers import CSV_SUFFIXES, EXCEL_SUFFIXES, PARQUET_SUFFIXES

MB = 1024 * 1024
UPLOAD_LIMIT = 200 * MB
ZIP_UNPACKED_LIMIT = 1024 * MB
ZIP_MAX_FILES = 100
SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES | PARQUET_SUFFIXES
_CHUNK = MB


class UploadError(ValueError):
    """The upload cannot be imported at all; the message says why, for the person."""


class UploadSizeLimit(FileUploadHandler):
    """Stops storing a file once it passes the limit (the rest of the request is read and
    dropped) and marks the request, so the form can say the file is too large."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = UPLOAD_LIMIT if limit is None else limit

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.request.upload_too_large = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None


def size_text(size: int) -> str:
    return f"{size // MB} MB" if size >= MB else f"{size} bytes"


def uploads_folder() -> Path:
    return Path(settings.IMPORT_DIR) / "uploads"


def safe_name(name: str) -> str:
    """The last part of a name, with only letters, digits, dot, dash and underscore."""
    base = re.split(r"[\\/]", name)[-1]
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._-")
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot:
        return cleaned[:100] or "upload"
    return f"{(stem or 'upload')[:90]}.{suffix.lower()[:10]}"


def upload_store(*, file) -> Path:
    """Keep an uploaded file (or unpack a zip); returns the path to import."""
    name = safe_name(file.name or "")
    suffix = Path(name).suffix.lower()
    if suffix != ".zip" and suffix not in SUFFIXES:
        raise UploadError(f"The file \"{name}\" is not a CSV, Excel (.xlsx), Parquet or .zip "
                          "file")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    folder = uploads_folder() / f"{stamp}-{secrets.token_hex(8)}"
    folder.mkdir(parents=True, mode=0o700)
    try:
        if suffix == ".zip":
            target = folder / name
            target.mkdir(mode=0o700)
            _unzip(file, target)
            return target
        target = folder / name
        with target.open("wb") as out:
            for chunk in file.chunks(_CHUNK):
                out.write(chunk)
        return target
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _unzip(file, target: Path) -> None:
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError):
        raise UploadError(f"{target.name} cannot be opened as a zip file") from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()
                   and not m.filename.startswith("__MACOSX/")
                   and not Path(m.filename).name.startswith(".")]
        if not members:
            raise UploadError(f"{target.name} holds no files")
        if len(members) > ZIP_MAX_FILES:
            raise UploadError(f"{target.name} holds {len(members)} files: at most "
                              f"{ZIP_MAX_FILES} can be imported at once")
        seen: set[str] = set()
        unpacked = 0
        for member in members:
            name = safe_name(member.filename)
            if name.lower() in seen:
                raise UploadError(f"{target.name} holds two files named {name}: put files "
                                  "for the same table in one file")
            seen.add(name.lower())
            try:
                with archive.open(member) as source, (target / name).open("wb") as out:
                    while chunk := source.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > ZIP_UNPACKED_LIMIT:
                            raise UploadError(
                                f"{target.name} unpacks to more than "
                                f"{ZIP_UNPACKED_LIMIT // MB} MB: import it in parts")
                        out.write(chunk)
            except RuntimeError:  # encrypted
                raise UploadError(f"{member.filename} in {target.name} is protected by a "
                                  "password: zip it again without one") from None
            except (zipfile.BadZipFile, EOFError, OSError) as error:
                raise UploadError(f"{member.filename} in {target.name} cannot be unpacked "
                                  f"({error})") from None


def upload_of(source: str) -> Path | None:
    """The upload folder holding an import's source, if it is an upload still kept."""
    root = uploads_folder().resolve()
    try:
        path = Path(source).resolve()
        relative = path.relative_to(root)
    except (ValueError, OSError):
        return None
    if not relative.parts:
        return None
    folder = root / relative.parts[0]
    return folder if folder.is_dir() and path.exists() else None


def upload_discard(*, source: str) -> None:
    """Remove an upload once it is loaded or rejected."""
    folder = upload_of(source)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def display_name(source: str) -> str:
    """What the run was of, as a person knows it: the file's name."""
    return Path(source).name or source
