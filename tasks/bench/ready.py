#!/usr/bin/env python3
"""Start-up of a server: exec to the first 200 of GET PATH on PORT, best of RUNS, and with
--rss the largest resident size of its process tree (a second after ready; `next start`
serves from a child process). Prints `<best ms>` or `<best ms> <max RSS MB>`.

  ready.py --port 3000 --path /api/hello --runs 5 [--rss] -- CMD ARGS...
  ready.py --rss-of PID      the resident size of a running server's process tree, in MB
"""
import argparse
import os
import socket
import subprocess
import sys
import time


def tree(pid):
    out = [pid]
    try:
        for c in open(f"/proc/{pid}/task/{pid}/children").read().split():
            out += tree(int(c))
    except OSError:
        pass
    return out


def rss_mb(pid):
    total = 0
    for p in tree(pid):
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def main():
    if sys.argv[1:2] == ["--rss-of"]:
        print(f"{rss_mb(int(sys.argv[2])):.0f}")
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--path", default="/")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rss", action="store_true")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    request = f"GET {a.path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n".encode()
    best, mem = None, 0.0
    for _ in range(a.runs):
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=dict(os.environ, PORT=str(a.port)))
        while True:
            if p.poll() is not None:
                print("failed to start")
                sys.exit(1)
            try:
                s = socket.create_connection(("127.0.0.1", a.port), timeout=2)
                s.sendall(request)
                if s.recv(64).startswith(b"HTTP/1.1 200"):
                    break
            except OSError:
                time.sleep(0.0005)
        ms = (time.perf_counter() - t0) * 1000
        best = ms if best is None else min(best, ms)
        if a.rss:
            time.sleep(1)
            mem = max(mem, rss_mb(p.pid))
        p.terminate()
        p.wait()
    print(f"{best:.1f} {mem:.1f}" if a.rss else f"{best:.1f}")


if __name__ == "__main__":
    main()
