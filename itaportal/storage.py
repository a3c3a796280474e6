"""Local-disk storage for uploads that leaves no partial file behind."""

import os

from django.core.files.storage import FileSystemStorage


class LocalStorage(FileSystemStorage):
    """Django's file-system storage, but a write that fails half-way (a full disk)
    removes the part it wrote: Django's own leaves it, named by no row."""

    def _save(self, name, content):
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and os.path.lexists(path):
                os.remove(path)
            raise
