"""Pin what the tests ran with: requirements.lock, installed by CI and by Binder alike.

    python tools/lock.py           write requirements.lock from this environment
    python tools/lock.py --check   exit 1, naming the differences, if it would change

Walks pyproject.toml's runtime dependencies through the packages installed here (the environment
the tests pass in) and writes every package they pull in as name==version. The README's test
command and Binder's postBuild both install with `-c requirements.lock`, so Binder builds the
versions CI tested. Run it after changing a dependency or upgrading, then run the tests.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import tomllib
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
HEADER = (
    "# The runtime packages the tests ran with (Python 3.11), written by `python tools/lock.py`.\n"
    "# CI (the README's test command) and Binder (postBuild) install with `-c requirements.lock`.\n"
)


def runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(spec) for spec in project["dependencies"]]


def closure(roots: list[Requirement]) -> dict[str, str]:
    """name -> installed version of every package the roots need here, markers evaluated."""
    pinned: dict[str, str] = {}
    todo = [(requirement, "") for requirement in roots]
    seen: set[tuple[str, str]] = set()
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            sys.exit(f"{name} is required but not installed: install the project first")
        pinned[name] = distribution.version
        for wanted in {""} | set(requirement.extras):
            if (name, wanted) not in seen:
                seen.add((name, wanted))
                todo += [(Requirement(r), wanted) for r in distribution.requires or []]
    return pinned


def render(pinned: dict[str, str]) -> str:
    return HEADER + "".join(f"{name}=={pinned[name]}\n" for name in sorted(pinned))


def main() -> None:
    text = render(closure(runtime_requirements()))
    if "--check" not in sys.argv[1:]:
        LOCK.write_text(text, encoding="utf-8")
        print(f"wrote {LOCK.relative_to(ROOT)}")
        return
    old = set(LOCK.read_text(encoding="utf-8").splitlines()) if LOCK.exists() else set()
    new = set(text.splitlines())
    if old != new:
        print("requirements.lock is not what the tests run with:")
        print("".join(f"  lock has {line}\n" for line in sorted(old - new)), end="")
        print("".join(f"  tests use {line}\n" for line in sorted(new - old)), end="")
        print("Install with `-c requirements.lock`, or re-pin with `python tools/lock.py`.")
        sys.exit(1)


if __name__ == "__main__":
    main()
