"""A class-data archive of the local Neo4j's classes (Java's AppCDS), so that a JVM start maps about
20,000 classes already parsed and verified instead of reading each from its jar.

Measured on this 2-core machine (a fresh store, SerialGC or G1): 9-11 s from launch to Bolt
without it, 5-7 s with it, and less CPU taken from whatever else runs (a test worker, the gateway
waiting for a supervised restart).

A JVM allowed to (make run's: LocalNeo4j's `write_class_archive`) that ends cleanly without an
archive writes one as it exits (`-XX:ArchiveClassesAtExit`, about 9 s more at that stop, once);
later starts, the test suite's included, map it. It holds the classes that JVM loaded, the
Cypher planner's and runtime's included. Its name is a digest of what it was made
from (the java binary, every jar on the class path with its size and time), so a new JDK or new
jars make a new archive rather than one the JVM would refuse. Every option here only speeds a
start: a JVM that cannot map an archive loads its classes as it always did.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Sequence
from pathlib import Path

# The JVM's notes on classes it cannot archive (signed jars, old class versions) are noise in
# launcher.log; a start that cannot map the archive still starts.
QUIET = "-Xlog:cds=off,cds+dynamic=off"


def archive_path(directory: Path, java: str, class_path: Sequence[str]) -> Path:
    """Where the archive of this java and class path lives (it may not exist yet)."""
    digest = hashlib.sha256()
    for file in (Path(os.path.realpath(java)), *_jars(class_path)):
        stat = file.stat()
        digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return directory / f"neo4j-{digest.hexdigest()[:16]}.jsa"


def _jars(class_path: Sequence[str]) -> list[Path]:
    """The files of a class path, its `dir/*` entries expanded as java expands them."""
    files: list[Path] = []
    for entry in class_path:
        if entry.endswith("/*"):
            files.extend(sorted(Path(entry[:-2]).glob("*.jar")))
        else:
            files.append(Path(entry))
    return files


def writing_path(archive: Path) -> Path:
    """A file of its own for one JVM to write the archive to (two may write at once)."""
    return archive.with_name(f"{archive.name}.{os.getpid()}-{secrets.token_hex(4)}.part")


def jvm_options(archive: Path, writing: Path) -> list[str]:
    """Map `archive` when it exists; else write one to `writing` at exit (see `keep`)."""
    if archive.is_file():
        return [f"-XX:SharedArchiveFile={archive}", QUIET]
    archive.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned(archive.parent)
    return [f"-XX:ArchiveClassesAtExit={writing}", QUIET]


def remove_abandoned(directory: Path) -> None:
    """Archives being written whose process has ended without keeping them: a JVM whose parent was
    killed still writes one as it exits, and nobody renames it (about 100 MB each)."""
    for part in directory.glob("*.part"):
        pid = part.name.rsplit(".", 2)[-2].split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            part.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    return True


def keep(writing: Path, archive: Path, exit_code: int | None) -> None:
    """After the JVM ended: the archive it wrote becomes `archive` if it ended cleanly (a killed or
    failed JVM's may be partial); any other is removed. Two JVMs writing at once each rename a whole
    file into place, so a reader never maps half of one. A new archive replaces those of older JDKs,
    jars or launchers, which no start maps again (about 100 MB each)."""
    if not writing.is_file():
        return
    if exit_code == 0 and not archive.is_file():
        os.replace(writing, archive)
        for older in archive.parent.glob("neo4j-*.jsa"):
            if older != archive:
                older.unlink(missing_ok=True)
    else:
        writing.unlink(missing_ok=True)

