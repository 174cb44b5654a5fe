"""A command that writes one CSV file: --output FILE, written whole or not at all."""

import contextlib
import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class OutputCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="The CSV file to write")

    @contextlib.contextmanager
    def open_output(self, path: Path):
        """Write beside the file and rename at the end, so a failed export never leaves half a file."""
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            raise CommandError(f"{folder}: no such folder", returncode=2)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
                yield out
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
