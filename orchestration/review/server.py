"""`regstat review`: the studio on 127.0.0.1 only (a curator's own machine; nothing here is
meant for a network). Port 0 picks a free port; the address is printed either way."""

from __future__ import annotations

import socket
import sys

import uvicorn

from .app import create_app

HOST = "127.0.0.1"


def serve(port: int = 8765) -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError as exc:
        sock.close()
        raise OSError(f"cannot listen on {HOST}:{port}: {exc.strerror} (try --port 0 for a free port)") from None
    sock.listen(64)
    print(f"review studio: http://{HOST}:{sock.getsockname()[1]}/  (Ctrl-C stops)", flush=True)
    config = uvicorn.Config(create_app(), log_level="warning", lifespan="on")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
