"""Load generator for bench/hostile_bench.sh (see there)."""
import socket
import sys
import threading
import time

port, pid = int(sys.argv[1]), int(sys.argv[2])


def threads():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("Threads"):
                return int(line.split()[1])
    return 0


def rss_mb():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return 0.0


def request(sock, text):
    sock.sendall(text.encode())


def slow_uploads(count=900, piece=64 * 1024, pieces=12):
    idle, idle_threads = rss_mb(), threads()
    socks = []
    for i in range(count):
        # From 16 loopback addresses: each stays under the 64-per-address limit.
        s = socket.create_connection(("127.0.0.1", port), source_address=(f"127.0.0.{2 + i % 16}", 0))
        request(s, f"POST /v2/slow/u{i % 30}/blobs/uploads/ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        answer = s.recv(4096).decode(errors="replace")
        location = next(l.split(": ", 1)[1] for l in answer.split("\r\n") if l.lower().startswith("location:"))
        request(s, f"PATCH {location} HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                   f"Content-Length: {piece * pieces * 2}\r\n\r\n")
        socks.append(s)
    peak = rss_mb()
    chunk = b"x" * piece
    for _ in range(pieces):  # every upload gets a piece, round after round
        for s in socks:
            s.sendall(chunk)
        peak = max(peak, rss_mb())
    time.sleep(1)
    peak = max(peak, rss_mb())
    for s in socks:
        s.close()
    # The uploads' writes drain, then their threads and memory go.
    deadline = time.monotonic() + 60
    while threads() > idle_threads and time.monotonic() < deadline:
        time.sleep(0.5)
    print(f"slow uploads: {count} x {piece * pieces // 1024} KiB held open: RSS idle {idle:.1f} MB, "
          f"peak {peak:.1f} MB, after closing {rss_mb():.1f} MB")


def idle_flood(total=1008, addresses=16, probes=9):
    stop = threading.Event()
    per = total // addresses

    def flood(address):
        socks = []
        while not stop.is_set():
            socks = [s for s in socks if s.fileno() >= 0]
            alive = []
            for s in socks:
                try:
                    s.setblocking(False)
                    if s.recv(1) == b"":
                        s.close()
                        continue
                except BlockingIOError:
                    pass
                except OSError:
                    s.close()
                    continue
                alive.append(s)
            socks = alive
            while len(socks) < per and not stop.is_set():
                try:
                    s = socket.socket()
                    s.bind((address, 0))
                    s.connect(("127.0.0.1", port))
                    socks.append(s)
                except OSError:
                    break
            time.sleep(0.05)
        for s in socks:
            s.close()

    threads = [threading.Thread(target=flood, args=(f"127.0.0.{a + 2}",)) for a in range(addresses)]
    for t in threads:
        t.start()
    time.sleep(3)
    worst, failed = 0.0, 0
    for _ in range(probes):
        t0 = time.monotonic()
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.settimeout(5)
            request(s, "GET /v2/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            ok = s.recv(64).startswith(b"HTTP/1.1 200")
            s.close()
        except OSError:
            ok = False
        failed += 0 if ok else 1
        worst = max(worst, time.monotonic() - t0)
        time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join()
    print(f"idle flood: {total} sockets from {addresses} addresses: {probes - failed}/{probes} probes "
          f"answered, worst {worst * 1000:.0f} ms")


slow_uploads()
idle_flood()
