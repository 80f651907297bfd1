"""A private Virtuoso server on loopback, for the remote-store tests (and for trying
``kg --endpoint`` by hand).

It uses Debian's ``virtuoso-opensource`` package (``virtuoso-t``) with an ini of its own
in a folder of its own: its own database, free ports on 127.0.0.1 only, nothing of the
system-wide instance. A fresh database has the administrator ``dba`` with password
``dba``, which is what writes use: Virtuoso's ``/sparql-auth`` and
``/sparql-graph-crud-auth`` services take SPARQL Update and Graph Store Protocol writes
from an authenticated user (HTTP Digest), while the anonymous ``/sparql`` is read-only.

From the shell (``.ci/run`` does this)::

    eval "$(python3 tests/virtuoso_server.py start /tmp/kg-virtuoso)"   # sets KG_TEST_VIRTUOSO
    python3 tests/virtuoso_server.py stop /tmp/kg-virtuoso

``start`` prints ``export KG_TEST_VIRTUOSO=http://dba:dba@127.0.0.1:PORT/sparql-auth``
once the server answers queries. From Python, :func:`start` returns a
:class:`VirtuosoServer` to ``stop()``. Standard library only, so it runs before any
virtual environment exists.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

BINARY = "virtuoso-t"
USER = PASSWORD = "dba"  # the administrator of a fresh Virtuoso database
PID_FILE = "virtuoso.pid"
URL_FILE = "endpoint.url"
READY_TIMEOUT = 120.0

# ResultSetMaxRows: Virtuoso silently cuts every result at this many rows (Debian's ini
# says 10000); histkg reports a cut result as an error, and exports read whole graphs.
_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile    = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping        = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CaseMode           = 2
DirsAllowed        = ., {dir}
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
CheckpointInterval = 60
ThreadsPerQuery    = 2

[HTTPServer]
ServerPort           = 127.0.0.1:{http_port}
ServerRoot           = {dir}
ServerThreads        = 10
MaxClientConnections = 10
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows      = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@dataclass
class VirtuosoServer:
    folder: Path
    http_port: int
    pid: int

    @property
    def endpoint(self) -> str:
        """The authenticated SPARQL endpoint, credentials included."""
        return f"http://{USER}:{PASSWORD}@127.0.0.1:{self.http_port}/sparql-auth"

    def stop(self) -> None:
        stop(self.folder)


def available() -> bool:
    return shutil.which(BINARY) is not None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(http_port: int) -> bool:
    url = f"http://127.0.0.1:{http_port}/sparql?query=ASK%7B%7D"
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def start(folder: str | os.PathLike[str]) -> VirtuosoServer:
    """Start a server with its database in ``folder`` and wait until it answers."""
    binary = shutil.which(BINARY)
    if binary is None:
        raise RuntimeError(f"{BINARY} not found: apt-get install virtuoso-opensource")
    root = Path(folder).resolve()
    root.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = _free_port(), _free_port()
    ini = root / "virtuoso.ini"
    ini.write_text(_INI.format(dir=root, sql_port=sql_port, http_port=http_port))
    log = (root / "stdout.log").open("ab")
    # -f: stay in the foreground (of this child), so its pid is the server's pid.
    # A session of its own: a Ctrl-C meant for the tests does not reach the server.
    process = subprocess.Popen(
        [binary, "-f", "-c", str(ini)],
        cwd=root,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    (root / PID_FILE).write_text(str(process.pid))
    server = VirtuosoServer(root, http_port, process.pid)
    deadline = time.monotonic() + READY_TIMEOUT
    while not _answers(http_port):
        if process.poll() is not None or time.monotonic() > deadline:
            tail = (root / "stdout.log").read_text(errors="replace")[-2000:]
            stop(root)
            raise RuntimeError(f"virtuoso did not start (see {root}):\n{tail}")
        time.sleep(0.25)
    (root / URL_FILE).write_text(server.endpoint)
    return server


def stop(folder: str | os.PathLike[str]) -> None:
    """Stop the server started in ``folder`` (SIGTERM, then SIGKILL after 30 s)."""
    pid_file = Path(folder) / PID_FILE
    try:
        pid = int(pid_file.read_text())
    except (OSError, ValueError):
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pid_file.unlink(missing_ok=True)
        return
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            finished, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # not our child: poll for its disappearance instead
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
        else:
            if finished == pid:
                break
        time.sleep(0.2)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("start", "stop"):
        print(f"usage: {argv[0]} start|stop FOLDER", file=sys.stderr)
        return 2
    if argv[1] == "stop":
        stop(argv[2])
        return 0
    try:
        server = start(argv[2])
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"export KG_TEST_VIRTUOSO={server.endpoint}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
