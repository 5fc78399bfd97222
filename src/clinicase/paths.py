"""Where a command may write: a file or folder named on the command line is checked before
anything is written, so that nothing the user owns is replaced unless they said so (--force),
and nothing is ever written into the course's own files.

Each refusal is a `Refusal` naming the interface text (i18n.UI) that explains it in one line.
"""

from __future__ import annotations

from pathlib import Path


class Refusal(Exception):
    """A command will not do what was asked; `key` names the interface text that says why."""

    def __init__(self, key: str, **values: object):
        super().__init__(key)
        self.key, self.values = key, values


def _overlap(a: Path, b: Path) -> bool:
    a, b = a.resolve(), b.resolve()
    return a == b or a in b.parents or b in a.parents


def outside_sources(out: Path, targets: list[tuple[str, Path]]) -> None:
    """Refuse when a folder written under `out` (its name, and the source it must not touch) is,
    holds, or lies inside that source: a build into the repository would overwrite the case it
    strips."""
    for sub, source in targets:
        if _overlap(out / sub, source):
            raise Refusal("cli_into_source", path=out, source=source)


def folder_to_write(out: Path, *, force: bool, ours: str | None = None) -> None:
    """`out` may be created, or written into when empty, when it holds `ours` (a file only this
    command writes, so the folder is its own), or with --force."""
    if out.exists() and not out.is_dir():
        raise Refusal("cli_not_a_folder", path=out)
    if not out.is_dir() or force or (ours and (out / ours).is_file()):
        return
    example = next(iter(sorted(out.iterdir())), None)
    if example is not None:
        raise Refusal("cli_folder_not_empty", path=out, example=example.name)


def file_to_write(out: Path, *, force: bool, source: Path | None = None) -> None:
    """`out` may be written when new, or replaced with --force, but never when it is a folder,
    its folder is missing, or it is `source`, the file being read."""
    if out.is_dir():
        raise Refusal("cli_is_a_folder", path=out)
    if source is not None and out.resolve() == source.resolve():
        raise Refusal("cli_is_progress", path=out)
    if out.exists() and not force:
        raise Refusal("cli_file_exists", path=out)
    if not out.parent.is_dir():
        raise Refusal("cli_no_such_folder", path=out.parent)
