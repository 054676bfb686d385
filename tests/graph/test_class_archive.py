"""The class-data archive's bookkeeping (graph/class_archive.py); tests/test_unavailable.py checks
that a restarted local Neo4j maps it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from graph.class_archive import archive_path, jvm_options, keep, remove_abandoned, writing_path


def test_the_archive_is_named_after_the_java_and_every_jar_so_a_changed_jar_makes_a_new_one(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "neo4j-kernel.jar").write_bytes(b"one")
    launcher = tmp_path / "launcher.jar"
    launcher.write_bytes(b"launcher")
    class_path = [str(launcher), f"{lib}/*"]
    first = archive_path(tmp_path / "archives", sys.executable, class_path)
    assert first == archive_path(tmp_path / "archives", sys.executable, class_path)
    (lib / "neo4j-kernel.jar").write_bytes(b"two!")  # an upgraded jar
    assert archive_path(tmp_path / "archives", sys.executable, class_path) != first
    (lib / "apoc.jar").write_bytes(b"")  # one more jar
    assert len({first, archive_path(tmp_path / "archives", sys.executable, class_path)}) == 2


def test_a_jvm_maps_an_archive_that_exists_and_else_writes_its_own_file(tmp_path: Path) -> None:
    archive = tmp_path / "archives" / "neo4j-x.jsa"
    writing = writing_path(archive)
    assert writing != writing_path(archive)  # two JVMs at once never write the same file
    assert jvm_options(archive, writing)[0] == f"-XX:ArchiveClassesAtExit={writing}"
    assert archive.parent.is_dir()
    archive.write_bytes(b"archive")
    assert jvm_options(archive, writing)[0] == f"-XX:SharedArchiveFile={archive}"


def test_only_a_cleanly_ended_jvm_s_archive_is_kept(tmp_path: Path) -> None:
    archive = tmp_path / "neo4j-x.jsa"
    older = tmp_path / "neo4j-of-an-older-jdk.jsa"
    older.write_bytes(b"older")
    for exit_code in (-9, 1, None):  # killed, failed, never reaped: what it wrote may be partial
        writing = writing_path(archive)
        writing.write_bytes(b"partial")
        keep(writing, archive, exit_code)
        assert not writing.exists() and not archive.exists() and older.exists()
    writing = writing_path(archive)
    writing.write_bytes(b"whole")
    keep(writing, archive, 0)
    assert archive.read_bytes() == b"whole" and not writing.exists()
    assert not older.exists()  # replaced: no start maps it again
    # A second JVM that ended cleanly meanwhile: the archive in place stays, its own file goes.
    later = writing_path(archive)
    later.write_bytes(b"another")
    keep(later, archive, 0)
    assert archive.read_bytes() == b"whole" and not later.exists()
    assert os.listdir(tmp_path) == [archive.name]


def test_an_archive_whose_writer_is_gone_is_removed_and_one_still_being_written_is_not(tmp_path: Path) -> None:
    archive = tmp_path / "neo4j-x.jsa"
    ours = writing_path(archive)  # this process runs
    ours.write_bytes(b"being written")
    gone = archive.with_name(f"{archive.name}.{2**22 + 1}-0a1b2c3d.part")  # above Linux's pid_max: no such process
    gone.write_bytes(b"abandoned by a killed parent")
    remove_abandoned(tmp_path)
    assert sorted(os.listdir(tmp_path)) == [ours.name]
