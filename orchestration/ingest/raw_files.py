"""Which files under raw/ are inputs.

The curated folders hold only their inputs: a stray file there (a 50 MB .bin, an editor's
backup) is named as not an input, never read and never hashed. No symbolic link anywhere
under raw/ is followed: a link could read (and hash) a file outside raw/.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path

# Folder of raw/ → the file names that are inputs there (glob patterns).
INPUT_NAMES: dict[str, tuple[str, ...]] = {
    "figures": ("*.csv",),
    "relations": ("*.csv",),
    "documents": ("documents.csv", "*.txt"),
    "reference": ("*.csv",),
}


def walk(root: Path) -> Iterator[tuple[Path, bool]]:
    """(path, is an input) for every file and symbolic link under `root`, sorted; links
    (to files or folders) are reported, never entered or followed."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        links = [d for d in dirs if (here / d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if d not in links)
        for name in sorted([*files, *links]):
            path = here / name
            yield path, _is_input(root, path)


def input_files(root: Path) -> list[Path]:
    """The input files under `root` (what a build reads and hashes), sorted."""
    return sorted(path for path, is_input in walk(root) if is_input)


def not_inputs(root: Path) -> list[tuple[Path, str]]:
    """(path, why it is not an input) for every symbolic link under `root` and every file
    of a curated folder that is not one of its inputs."""
    found = []
    for path, is_input in walk(root):
        if is_input:
            continue
        if path.is_symlink():
            found.append((path, "a symbolic link, not an input: raw/ holds regular files only (links are not followed)"))
        elif (folder := path.relative_to(root).parts[0]) not in INPUT_NAMES or not path.is_file():
            found.append((path, "not a regular file, not an input"))
        else:
            found.append((path, f"not an input of raw/{folder}/ (expected {' or '.join(INPUT_NAMES[folder])}): "
                                "move it out of raw/"))
    return found


def _is_input(root: Path, path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    parts = path.relative_to(root).parts
    if len(parts) < 2 or parts[0] not in INPUT_NAMES:
        return True  # outside the curated folders: reports, tables, register (checked by their readers)
    return len(parts) == 2 and any(fnmatch.fnmatchcase(parts[1], p) for p in INPUT_NAMES[parts[0]])
