"""A local PostgreSQL 15 server for development and tests (`make bi`), from the system's
packages, with its own data directory, listening on 127.0.0.1 only.

PostgreSQL refuses to run as root: when we are root, every server command runs as the
`postgres` system user (created by the Debian package), which then owns the data directory.

Who gets in: no `trust` line anywhere. The unix socket lives in a folder only the server's
user can enter (mode 0700; root passes too), and over it only the superuser, and only for
the OS user that owns the server or runs regstat (peer authentication through the
`owner` map); every other role, and every TCP connection, needs a password
(scram-sha-256 on 127.0.0.1). pg_hba.conf and pg_ident.conf are rewritten at every start,
so a cluster made by an older version loses its trust line."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("REGSTAT_PG_BIN", "/usr/lib/postgresql/15/bin"))
SUPERUSER = "postgres"
DATABASE = "regstat"
IDENT_MAP = "owner"


class PostgresError(RuntimeError):
    """The local server could not be set up, started or stopped; the message says why."""


def _server_user() -> str | None:
    """The user server commands run as: `postgres` when we are root, else ourselves (None)."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        raise PostgresError("running as root and there is no `postgres` user to run PostgreSQL as "
                            "(install the postgresql-15 package, or run as a non-root user)") from None
    return "postgres"


def _user_name(uid: int) -> str:
    return pwd.getpwuid(uid).pw_name


def hba_conf() -> str:
    """The whole pg_hba.conf: peer (mapped) for the superuser on the socket, passwords on TCP."""
    return "\n".join([
        "# Written by regstat (orchestration/serving/postgres_server.py) at every start; edits are lost.",
        "# TYPE  DATABASE  USER      ADDRESS        METHOD",
        f"local   all       {SUPERUSER}  peer map={IDENT_MAP}",
        "host    all       all       127.0.0.1/32   scram-sha-256",
        "host    all       all       ::1/128        scram-sha-256",
        "",
    ])


def ident_conf() -> str:
    """The OS users that may be the superuser over the socket: the server's user and the
    one running regstat (root, when the server runs as `postgres`)."""
    owners = dict.fromkeys([_server_user() or _user_name(os.geteuid()), _user_name(os.geteuid())])
    return "\n".join(["# Written by regstat at every start: OS user -> database superuser.",
                      *(f"{IDENT_MAP}  {user}  {SUPERUSER}" for user in owners), ""])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LocalPostgres:
    """One server: `data_dir` holds the cluster, its socket, its log and its port."""

    data_dir: Path

    @property
    def cluster(self) -> Path:
        return self.data_dir / "cluster"

    @property
    def socket_dir(self) -> Path:
        """The unix socket's folder: mode 0700, owned by the server's user."""
        return self.data_dir / "socket"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "postgres.log"

    @property
    def port(self) -> int:
        return int((self.data_dir / "port").read_text())

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        if not (PG_BIN / args[0]).exists():
            raise PostgresError(f"{PG_BIN / args[0]} not found: install PostgreSQL 15 (Debian package postgresql-15)")
        user = _server_user()
        command = [str(PG_BIN / args[0]), *args[1:]]
        if user:
            command = ["runuser", "-u", user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, cwd="/")
        if check and result.returncode != 0:
            raise PostgresError(f"{' '.join(args[:2])} failed ({result.returncode}): {result.stderr.strip() or result.stdout.strip()}"
                                + (f"\nserver log: {self.log_file}" if self.log_file.exists() else ""))
        return result

    def init(self) -> None:
        """Create the cluster once (initdb); a second call does nothing."""
        if (self.cluster / "PG_VERSION").exists():
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o755)  # the server user must reach its cluster
        user = _server_user()
        if user:
            shutil.chown(self.data_dir, user)
            reachable = subprocess.run(["runuser", "-u", user, "--", "test", "-w", str(self.data_dir)], stdin=subprocess.DEVNULL)
            if reachable.returncode != 0:
                raise PostgresError(f"the {user} user cannot reach {self.data_dir}: every folder above it must be "
                                    "traversable by others (chmod o+x)")
        self._run("initdb", "-D", str(self.cluster), "-U", SUPERUSER, "--auth-local=peer",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8")
        (self.data_dir / "port").write_text(str(free_port()))

    def _secure(self) -> None:
        """The socket folder (0700, the server user's) and the authentication files, as this
        module says; run before every start and reloaded into a running server."""
        user = _server_user()
        self.socket_dir.mkdir(exist_ok=True)
        self.socket_dir.chmod(0o700)
        for name, text in (("pg_hba.conf", hba_conf()), ("pg_ident.conf", ident_conf())):
            path = self.cluster / name
            path.write_text(text, encoding="utf-8")
            path.chmod(0o600)
            if user:
                shutil.chown(path, user)
        if user:
            shutil.chown(self.socket_dir, user)

    def running(self) -> bool:
        return (self.cluster / "postmaster.pid").exists() and self._run("pg_ctl", "status", "-D", str(self.cluster), check=False).returncode == 0

    def start(self) -> None:
        """Start the server (init first if needed); waits until it accepts connections."""
        self.init()
        self._secure()
        if self.running():
            if self._socket_in_use() == self.socket_dir:
                self._run("pg_ctl", "reload", "-D", str(self.cluster))  # the rewritten pg_hba.conf
                return
            self.stop()  # started by an older version with its socket in an open folder
        options = (f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
                   " -c unix_socket_permissions=0700")
        self._run("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.cluster), "-l", str(self.log_file), "-o", options)
        if not self.admin_sql(f"select 1 from pg_database where datname = '{DATABASE}'", database="postgres"):
            self.admin_sql(f"create database {DATABASE}", database="postgres")

    def _socket_in_use(self) -> Path | None:
        """The socket folder the running server was started with (postmaster.pid, line 5)."""
        try:
            lines = (self.cluster / "postmaster.pid").read_text().splitlines()
        except OSError:
            return None
        return Path(lines[4]) if len(lines) > 4 and lines[4] else None

    def stop(self) -> None:
        if self.running():
            self._run("pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.cluster))

    def admin_dsn(self, database: str = DATABASE) -> str:
        """Superuser over the unix socket (peer, for the owner only): for setting up roles,
        never for BI."""
        return f"host={self.socket_dir} port={self.port} dbname={database} user={SUPERUSER}"

    def admin_sql(self, sql: str, database: str = DATABASE) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.admin_dsn(database), autocommit=True) as con:
            cur = con.execute(sql)
            return cur.fetchall() if cur.description else []

    def dsn(self, user: str, password: str) -> str:
        """A TCP DSN on 127.0.0.1, what a BI tool uses."""
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{DATABASE}"
