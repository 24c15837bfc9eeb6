"""The Hub cache: only regular files are read, edited or cut entries are misses, and 20 processes
sharing one cache folder never see half an entry."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from openness.cachefile import MAGIC
from openness.sources.hf.cache import Cache

SHA = "0" * 40


def test_entry_round_trip_and_digest(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("model", "o/n", SHA, "file-README.md", b"hello")
    path = cache.entry_path("model", "o/n", SHA, "file-README.md")
    assert path.read_bytes().startswith(MAGIC)
    assert cache.get("model", "o/n", SHA, "file-README.md") == b"hello"


def test_edited_cut_or_old_entries_are_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.put("model", "o/n", SHA, "info.json", b'{"license": "apache-2.0"}')
    path = cache.entry_path("model", "o/n", SHA, "info.json")
    data = path.read_bytes()
    path.write_bytes(data.replace(b"apache-2.0", b"mit-0000000"))  # edited
    assert cache.get("model", "o/n", SHA, "info.json") is None
    path.write_bytes(data[:-3])  # cut short
    assert cache.get("model", "o/n", SHA, "info.json") is None
    path.write_bytes(b'{"license": "apache-2.0"}')  # written before entries carried a digest
    assert cache.get("model", "o/n", SHA, "info.json") is None
    cache.put_ref("model", "o/n", "main", "a" * 40)
    ref = cache._repo_dir("model", "o/n") / "refs" / "main"
    ref.write_bytes(ref.read_bytes().replace(b"a" * 40, b"b" * 40))
    assert cache.get_ref("model", "o/n", "main") is None


def test_fifo_and_symlink_at_a_cache_path_are_misses(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    path = cache.entry_path("model", "o/n", SHA, "info.json")
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from openness.sources.hf.cache import Cache
        print(Cache(Path({str(tmp_path / "c")!r})).get("model", "o/n", {SHA!r}, "info.json"))
        """
    )
    # a read that blocked on the FIFO would never end: the bound turns a hang into a failure
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "None"
    os.unlink(path)
    secret = tmp_path / "secret"
    Cache(tmp_path / "other").put("model", "o/n", SHA, "info.json", b"not yours")
    secret.write_bytes(Cache(tmp_path / "other").entry_path("model", "o/n", SHA, "info.json").read_bytes())
    path.symlink_to(secret)
    assert cache.get("model", "o/n", SHA, "info.json") is None  # a symlink is never followed
    cache.put("model", "o/n", SHA, "info.json", b"fresh")  # a write replaces what was there
    assert cache.get("model", "o/n", SHA, "info.json") == b"fresh"


WORKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from openness.sources.hf.cache import Cache

    root, me = Path(sys.argv[1]), int(sys.argv[2])
    cache = Cache(root)
    bad = 0
    for round in range(15):
        for key in ("info.json", "file-README.md", "refs.json"):
            body = bytes([65 + me]) * (200_000 + 1_000 * me) + str(me).encode()
            cache.put("model", "o/n", "0" * 40, key, body)
            cache.put_ref("model", "o/n", "main", f"{me:040x}")
            got = cache.get("model", "o/n", "0" * 40, key)
            if got is not None:  # a whole entry of one writer, or nothing
                writer = got[0] - 65
                if got != bytes([got[0]]) * (200_000 + 1_000 * writer) + str(writer).encode():
                    bad += 1
            sha = cache.get_ref("model", "o/n", "main")
            if sha is None or int(sha, 16) not in range(20):
                bad += 1
    print(bad)
    """
)


def test_twenty_processes_share_one_cache_folder(tmp_path: Path) -> None:
    root = tmp_path / "shared"
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(root), str(i)], stdout=subprocess.PIPE, text=True)
        for i in range(20)
    ]
    outputs = [p.communicate(timeout=600)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert outputs == ["0"] * 20  # no process ever read half an entry or a mixed one
    cache = Cache(root)
    for key in ("info.json", "file-README.md", "refs.json"):
        assert cache.get("model", "o/n", SHA, key) is not None
    assert not [p for p in root.rglob(".tmp-*")]  # no temporary file left behind
