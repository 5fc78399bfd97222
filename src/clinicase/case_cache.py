"""The validated case, kept between kernels: every page of the course loads the case in a new
kernel, and validating its files (pydantic's validators built, thousands of fields checked) is
the larger part of that load.

An entry holds the case as pickled once it passed every check, under a key made of the text of
each of its files and of the code that decides what a valid case is. A file edited, a file added,
the package or pydantic upgraded: the key differs and the case is loaded in full. An entry that
cannot be read whole is ignored, and only the case's own model classes can come out of one, so
even a crafted entry runs no code.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from functools import cache
from pathlib import Path

import pydantic

from . import model
from .files import cache_dir, write_atomic
from .i18n import LANGUAGES


@cache
def _code() -> bytes:
    """What decides what a case is: the model, the loader's checks, the score vocabularies, the
    languages, and the versions of pydantic and Python."""
    from . import loader, scores

    digest = hashlib.sha256(repr((LANGUAGES, pydantic.VERSION, sys.version_info[:2])).encode())
    for module in (model, loader, scores):
        digest.update(Path(module.__file__).read_bytes())
    return digest.digest()


def key(texts: dict[str, str]) -> bytes | None:
    """The key of a case whose files (name -> text) are `texts`, and no other; None when the
    package's own code cannot be read (then nothing is cached)."""
    try:
        digest = hashlib.sha256(_code())
    except OSError:
        return None
    for name, text in sorted(texts.items()):
        digest.update(f"\0{name}\0{len(text)}\0{text}".encode())
    return digest.digest()


def _entry(directory: Path) -> Path:
    """One entry per case folder, replaced when the case changes: edits leave nothing behind."""
    folder = hashlib.sha256(os.fsencode(directory.resolve())).hexdigest()[:32]
    return cache_dir() / f"case-{folder}.pickle"


class _ModelOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> type:
        found = getattr(model, name, None) if module == model.__name__ else None
        if isinstance(found, type) and issubclass(found, model.Model):
            return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a class of the case model")


def read(directory: Path, case_key: bytes) -> model.Case | None:
    """The case kept for `directory` under `case_key`, or None."""
    try:
        data = _entry(directory).read_bytes()
        if not data.startswith(case_key):
            return None
        case = _ModelOnly(io.BytesIO(memoryview(data)[len(case_key) :])).load()
    except Exception:  # a missing, truncated or foreign entry: whatever it raises, load in full
        return None
    return case if isinstance(case, model.Case) else None


def keep(directory: Path, case_key: bytes, case: model.Case) -> None:
    """Keep `case`, loaded from `directory` under `case_key`, for the next kernels."""
    try:
        data = case_key + pickle.dumps(case, protocol=pickle.HIGHEST_PROTOCOL)
        entry = _entry(directory)
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(entry, data)
    except (OSError, pickle.PicklingError, RecursionError):
        pass  # no entry: the next kernel loads the case in full
