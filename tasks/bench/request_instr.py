#!/usr/bin/env python3
"""Instructions a request spends on a ferroute worker thread, per route, under callgrind.

A figure that stays the same whatever else the machine does (req/s under wrk moves by 10-20%
from run to run on 2 cores), for comparing two builds of the per-request path. ferroute runs
with one worker under `valgrind --tool=callgrind`; for each route, requests go one after
another on one keep-alive connection: a warm-up (the JIT tiers up; valgrind runs code ~50x
slower, so it takes thousands), then the counters are zeroed, N requests sent and the counters
dumped. Reported: the worker thread's instructions (`workers::worker_main`, inclusive, or the
thread's start where that is inlined) divided by N; JavaScriptCore's compiler and collector
threads are left out, as they vary with timing.
Each route is measured --rounds times, interleaved, and the lowest is printed.

Usage (from the repository root; needs valgrind):
  tasks/bench/request_instr.py [--bin target/release/ferroute] [--engine jsc]
      [--app tasks/bench/servers] [--requests 2000] [--warmup 5000] [--rounds 3]
      [--keep DIR] [ROUTE ...]          (default: /plain /items/abc /cookies /stream)
A route written `POST /echo` is sent as a POST with the JSON body of post.lua (the POST row of
servers.sh).
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time


def post_body():
    """The JSON body the POST row of servers.sh sends (tasks/bench/servers/post.lua)."""
    lua = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'servers', 'post.lua')
    for line in open(lua):
        if line.startswith("wrk.body = '"):
            return line.strip()[len("wrk.body = '"):-1].encode()
    raise SystemExit(f'no wrk.body in {lua}')


def send(port, route, count, headers):
    """`count` requests of `route` (`/path`, or `POST /path` with post.lua's body), one after
    another on one keep-alive connection."""
    method, _, path = route.rpartition(' ')
    if method == 'POST':
        body = post_body()
        request = (f'POST {path} HTTP/1.1\r\nHost: bench\r\n{headers}'
                   f'Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n').encode() + body
    else:
        request = f'GET {path} HTTP/1.1\r\nHost: bench\r\n{headers}\r\n'.encode()
    with socket.create_connection(('127.0.0.1', port)) as conn:
        pending = b''
        for _ in range(count):
            conn.sendall(request)
            while True:
                end = pending.find(b'\r\n\r\n')
                if end >= 0:
                    head = pending[:end].decode('latin-1').lower().split('\r\n')
                    if any(h.startswith('transfer-encoding: chunked') for h in head):
                        done = pending.find(b'\r\n0\r\n\r\n', end)
                        if done >= 0:
                            pending = pending[done + 7:]
                            break
                    else:
                        length = next((int(h.split(':')[1]) for h in head if h.startswith('content-length:')), 0)
                        if len(pending) >= end + 4 + length:
                            pending = pending[end + 4 + length:]
                            break
                data = conn.recv(65536)
                if not data:
                    raise SystemExit(f'{path}: the server closed the connection')
                pending += data


def worker_instructions(dump):
    """The inclusive instructions of the worker thread's main function in a callgrind dump."""
    out = subprocess.run(['callgrind_annotate', '--inclusive=yes', '--threshold=100', dump],
                         capture_output=True, text=True, check=True).stdout
    # The worker's main function, or where the compiler inlined it, the start of the threads
    # ferroute spawns (the worker; the others are idle while requests run).
    for anchor in ('ferroute_server::workers::worker_main [', '::thread_start ['):
        for line in out.splitlines():
            if anchor in line:
                return int(line.split()[0].replace(',', ''))
    raise SystemExit(f'no worker thread in {dump}')


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--bin', default='target/release/ferroute')
    p.add_argument('--engine', default='jsc')
    p.add_argument('--app', default='tasks/bench/servers')
    p.add_argument('--requests', type=int, default=2000)
    p.add_argument('--warmup', type=int, default=5000)
    p.add_argument('--rounds', type=int, default=3)
    p.add_argument('--port', type=int, default=3495)
    p.add_argument('--keep', help='keep the callgrind dumps in this directory, to read with callgrind_annotate')
    p.add_argument('routes', nargs='*', default=['/plain', '/items/abc', '/cookies', '/stream'])
    a = p.parse_args()
    out_dir = os.path.abspath(a.keep) if a.keep else tempfile.mkdtemp(prefix='request-instr.')
    os.makedirs(out_dir, exist_ok=True)
    prefix = os.path.join(out_dir, 'cg')
    server = subprocess.Popen(
        ['valgrind', '--tool=callgrind', '--smc-check=all-non-file', f'--callgrind-out-file={prefix}.%p',
         os.path.abspath(a.bin), 'start', '.', '-p', str(a.port), '-H', '127.0.0.1',
         '--engine', a.engine, '--workers', '1'],
        cwd=a.app, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                send(a.port, a.routes[0], 1, '')
                break
            except OSError:
                time.sleep(0.2)
        best = {}
        for round_ in range(a.rounds):
            for route in a.routes:
                headers = 'Cookie: token=abc\r\n'
                send(a.port, route, a.warmup, headers)
                subprocess.run(['callgrind_control', '-z', str(server.pid)], capture_output=True, check=True)
                send(a.port, route, a.requests, headers)
                before = set(os.listdir(out_dir))
                subprocess.run(['callgrind_control', '-d', str(server.pid)], capture_output=True, check=True)
                new = sorted(set(os.listdir(out_dir)) - before)
                dump = os.path.join(out_dir, new[-1]) if new else None
                if dump is None:
                    raise SystemExit('callgrind wrote no dump')
                n = worker_instructions(dump) // a.requests
                best[route] = min(best.get(route, n), n)
                print(f'round {round_ + 1} {route}: {n}' + (f' ({dump})' if a.keep else ''), file=sys.stderr)
        print(f'{a.bin} --engine {a.engine}: worker instructions a request (lowest of {a.rounds})')
        for route in a.routes:
            print(f'{route:>14} {best[route]:>8}')
    finally:
        server.terminate()
        server.wait()
        if not a.keep:
            subprocess.run(['rm', '-rf', out_dir], check=False)


if __name__ == '__main__':
    main()
