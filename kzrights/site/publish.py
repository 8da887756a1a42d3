"""Put a freshly built site in place of the old one so that the old one survives any
failure or kill: one build of a site folder at a time, its work folder beside it, an
atomic exchange of the two folders, and repair of whatever a killed build left.

Layout beside ``site/``: ``.build-site.lock`` (held while a build runs) and
``.build-site-<8 hex>/`` (the work folder of one build; stale once no build holds the lock).
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import re
import secrets
import shutil
import sys
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
BACKUP = "previous"  # the old site inside a work folder, between the two renames of the fallback


def lock_path(site_dir: Path) -> Path:
    return site_dir.parent / f".build-{site_dir.name}.lock"


def work_folders(site_dir: Path) -> list[Path]:
    """Work folders of builds of ``site_dir`` (only of this site: others may share the parent)."""
    pattern = re.compile(re.escape(f".build-{site_dir.name}-") + "[0-9a-f]{8}")
    return sorted(p for p in site_dir.parent.iterdir() if p.is_dir() and pattern.fullmatch(p.name))


@contextlib.contextmanager
def build_lock(site_dir: Path):
    """Hold the site's lock; the kernel releases it if the build is killed."""
    with open(lock_path(site_dir), "a", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"INFO    -  Waiting for another build of {site_dir} to finish", file=sys.stderr)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def recover(site_dir: Path) -> None:
    """Under the lock: restore a site moved aside by a build killed between its two
    renames, then delete every work folder (no build of this site is running)."""
    folders = work_folders(site_dir)
    if not site_dir.exists():
        backups = [f / BACKUP for f in folders if (f / BACKUP).is_dir()]
        if backups:
            os.rename(backups[-1], site_dir)
            print(f"INFO    -  Restored {site_dir} from an interrupted build", file=sys.stderr)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)  # what remains goes at the next build


def new_work_folder(site_dir: Path) -> Path:
    work = site_dir.parent / f".build-{site_dir.name}-{secrets.token_hex(4)}"
    work.mkdir()
    return work


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:  # C library without renameat2
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    errno = ctypes.get_errno()
    if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot exchange
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def swap_in(fresh: Path, site_dir: Path, work: Path, exchange=_exchange) -> None:
    """Make ``fresh`` the site. The old site ends up in ``work`` (deleted with it); at no
    moment is there no site but a backup that ``recover`` puts back."""
    if not site_dir.exists():
        os.rename(fresh, site_dir)
        return
    if exchange(fresh, site_dir):
        return
    backup = work / BACKUP
    os.rename(site_dir, backup)
    try:
        os.rename(fresh, site_dir)
    except BaseException:
        os.rename(backup, site_dir)
        raise


def die_with_parent() -> None:
    """For subprocesses (preexec_fn): end when the build is killed, so that nothing writes
    into a work folder that the next build deletes. Linux only; elsewhere a no-op."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
