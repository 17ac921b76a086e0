#!/usr/bin/env python3
"""Start-up time of `chatiere serve`: from the exec of the process to (1) the port accepting
connections and (2) the first answer of /healthz. Runs the server ROUNDS times on a copy of
the database (each start is then like the first on that file) and prints the median of both,
in milliseconds: "listening_ms healthz_ms".

usage: startup.py BINARY DATABASE ROUNDS [fresh]
  fresh: start on a database file that does not exist yet (all migrations run at start-up)
"""
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_start(binary, db_source, fresh, workdir):
    db = os.path.join(workdir, "start.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    if not fresh:
        shutil.copyfile(db_source, db)
    port = free_port()
    env = dict(os.environ, CHATIERE_ACCESS_LOG="false")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [binary, "serve", "--db", db, "--listen", f"127.0.0.1:{port}", "--base-url", f"http://127.0.0.1:{port}/"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    listening = healthz = None
    try:
        deadline = start + 30
        while time.perf_counter() < deadline:
            try:
                s = socket.create_connection(("127.0.0.1", port), timeout=1)
            except OSError:
                time.sleep(0.0005)
                continue
            if listening is None:
                listening = time.perf_counter() - start
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            answer = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                answer += chunk
            s.close()
            if answer.startswith(b"HTTP/1.1 200"):
                healthz = time.perf_counter() - start
                break
            time.sleep(0.0005)
    finally:
        proc.terminate()
        proc.wait()
    if healthz is None:
        raise SystemExit("startup.py: the server did not answer /healthz within 30 s")
    return listening * 1000, healthz * 1000


def main():
    binary, db_source, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    fresh = len(sys.argv) > 4 and sys.argv[4] == "fresh"
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(db_source))) as workdir:
        runs = [one_start(binary, db_source, fresh, workdir) for _ in range(rounds)]
    print(f"{statistics.median(r[0] for r in runs):.1f} {statistics.median(r[1] for r in runs):.1f}")


if __name__ == "__main__":
    main()
