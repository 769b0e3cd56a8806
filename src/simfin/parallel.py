"""Where the chunks of a sweep run: serially, in a local process pool, or on Dask.

Every executor yields ``(index, result)`` pairs as tasks finish, in whatever order they
finish; the caller files results by their keys, so the outcome never depends on the
executor, the number of workers or the order of completion.

``serial``   in this process, one task after another.
``process``  a :class:`concurrent.futures.ProcessPoolExecutor` started with ``spawn`` (safe
             inside Jupyter and on every platform); default one worker per core.
``dask``     a Dask distributed cluster: ``scheduler`` is a scheduler address
             (``"tcp://host:8786"``) or a ``distributed.Client``; without it a
             ``LocalCluster`` with ``workers`` single-threaded worker processes is started
             and closed afterwards. Needs the optional extra ``simfin[dask]``.
             That local cluster listens on 127.0.0.1 only and uses TLS with a credential
             generated for this run (``distributed.security.Security.temporary``): another
             local process cannot connect and run code on the workers. Without the
             ``cryptography`` package it falls back to plain TCP, with a warning saying so.
             A cluster given by ``scheduler`` is used as configured by its owner.

At most ``2 * workers`` tasks are in flight at a time, so a large sweep never holds all
its inputs and outputs in memory.

Workers die with their parent: a process-pool worker starts a watchdog
(:func:`die_with_parent`) that ends it when the process that started it is gone, also
after a ``kill -9`` of that process (which runs no clean-up), so no worker of several
hundred MB is left computing for minutes.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any

from simfin.errors import SimfinError

__all__ = ["EXECUTORS", "check_executor", "check_scheduler", "default_workers", "run_tasks"]

EXECUTORS = ("serial", "process", "dask")
IN_FLIGHT_PER_WORKER = 2


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_tasks(fn: Callable[[Any], Any], tasks: Sequence[Any], executor: str = "process",
              workers: int | None = None, scheduler: Any = None) -> Iterator[tuple[int, Any]]:
    """Yield ``(i, fn(tasks[i]))`` for every task, in order of completion.

    Parameters
    ----------
    fn : callable
        A top-level (importable) function, so that spawned and Dask workers find it.
    tasks : sequence
        Picklable task inputs.
    executor : {"serial", "process", "dask"}
    workers : int, optional
        Worker processes; default :func:`default_workers`. Ignored for ``serial`` and for
        an existing Dask cluster.
    scheduler : str or distributed.Client, optional
        Dask only: the cluster to use (see the module docstring).
    """
    check_executor(executor, workers, scheduler, probe=False)
    if executor == "serial":
        return ((i, fn(task)) for i, task in enumerate(tasks))
    if executor == "process":
        return _process(fn, tasks, workers or default_workers())
    return _dask(fn, tasks, workers or default_workers(), scheduler)


def check_executor(executor: str, workers: int | None = None, scheduler: Any = None,
                   probe: bool = True) -> None:
    """Raise :class:`SimfinError` (one line naming the option) for an unknown executor, a
    bad worker count or a scheduler that is not a reachable Dask scheduler; called before
    a sweep creates anything in its output directory (``probe``: see
    :func:`check_scheduler`)."""
    if executor not in EXECUTORS:
        raise SimfinError(f"unknown executor {executor!r}; expected one of {', '.join(EXECUTORS)}")
    if workers is not None and workers < 1:
        raise SimfinError(f"expected at least 1 worker, got {workers}")
    if scheduler is not None and executor != "dask":
        raise SimfinError("a scheduler address only applies to executor 'dask'")
    if isinstance(scheduler, str) and probe:
        check_scheduler(scheduler)


PROBE_TIMEOUT_S = 10.0
_ADDRESS = re.compile(r"(?:(tcp|tls)://)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9._-]+):(\d{1,5})")


def check_scheduler(address: str, timeout_s: float = PROBE_TIMEOUT_S) -> None:
    """Check ``--scheduler`` before anything runs: an address ``[tcp://|tls://]host:port``
    that accepts a connection within ``timeout_s``; over plain TCP it must also greet as a
    Dask scheduler does (its handshake: an 8-byte length of a small message), so a web
    server or a silent port is a one-line error instead of a hang or a huge allocation."""
    match = _ADDRESS.fullmatch(address.strip())
    if not match or not 0 < int(match.group(3)) < 65536:
        raise SimfinError(f"--scheduler: expected a Dask scheduler address like "
                          f"tcp://10.0.0.5:8786, got {address[:80]!r}")
    scheme, host, port = match.group(1) or "tcp", match.group(2).strip("[]"), int(match.group(3))
    try:
        with socket.create_connection((host, port), timeout=timeout_s) as conn:
            if scheme == "tcp":
                conn.settimeout(timeout_s)
                head = b""
                while len(head) < 8:
                    part = conn.recv(8 - len(head))
                    if not part:
                        break
                    head += part
                size = struct.unpack("<Q", head)[0] if len(head) == 8 else 0
                if not 0 < size < 2**24:
                    raise SimfinError(f"--scheduler: {address} answered, but not as a Dask "
                                      "scheduler; expected the address of a Dask scheduler")
    except TimeoutError:
        raise SimfinError(f"--scheduler: no answer from {address} within {timeout_s:.0f} s; "
                          "expected a running Dask scheduler") from None
    except OSError as exc:
        raise SimfinError(f"--scheduler: cannot reach {address} "
                          f"({exc.strerror or exc}); expected a running Dask scheduler") from None


WATCHDOG_INTERVAL_S = 0.5


def die_with_parent(parent_pid: int, interval_s: float = WATCHDOG_INTERVAL_S) -> None:
    """Make this (worker) process end when ``parent_pid`` is gone.

    On Linux the kernel sends SIGKILL at once when the parent thread dies
    (``prctl(PR_SET_PDEATHSIG)``); everywhere a daemon thread also checks every
    ``interval_s`` seconds whether the parent is still the parent, and exits otherwise.
    Used as the process pool's initializer.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before we got here
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(interval_s)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="simfin-parent-watchdog", daemon=True).start()


def _process(fn, tasks, workers) -> Iterator[tuple[int, Any]]:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
        pending: dict[Any, int] = {}
        todo = iter(enumerate(tasks))
        try:
            while True:
                for i, task in todo:
                    pending[pool.submit(fn, task)] = i
                    if len(pending) >= IN_FLIGHT_PER_WORKER * workers:
                        break
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=pending.__getitem__):
                    yield pending.pop(future), future.result()
        finally:
            for future in pending:
                future.cancel()


def _dask_client(workers: int, scheduler: Any):
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise SimfinError("executor 'dask' needs Dask distributed; install it with "
                          "pip install 'simfin[dask]'") from None
    if isinstance(scheduler, Client):
        return scheduler, None
    if scheduler is not None:
        try:
            return Client(scheduler, timeout=PROBE_TIMEOUT_S), None
        except Exception as exc:  # noqa: BLE001 - a foreign server can fail in any way
            raise SimfinError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    security = local_security()
    options = {} if security is None else {"security": security, "protocol": "tls://"}
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None, host="127.0.0.1", **options)
    return Client(cluster, **({} if security is None else {"security": security})), cluster


INSECURE_LOCAL_CLUSTER = (
    "simfin starts a Dask LocalCluster on 127.0.0.1 without authentication: any process "
    "on this machine can connect and run code on its workers; install 'cryptography' "
    "(pip install 'simfin[dask]') for TLS with a generated credential")


def local_security():
    """TLS security with a credential generated for this run, or ``None`` (with a
    warning) when the ``cryptography`` package is missing."""
    from distributed.security import Security

    try:
        return Security.temporary()
    except ImportError:
        import warnings

        warnings.warn(INSECURE_LOCAL_CLUSTER, UserWarning, stacklevel=3)
        return None


def _dask(fn, tasks, workers, scheduler) -> Iterator[tuple[int, Any]]:
    from distributed import as_completed

    client, cluster = _dask_client(workers, scheduler)
    owned = cluster is not None or not _is_client(scheduler)
    try:
        limit = IN_FLIGHT_PER_WORKER * max(workers, len(client.scheduler_info()["workers"]))
        todo = iter(enumerate(tasks))
        index: dict[str, int] = {}
        futures = []
        for i, task in todo:
            future = client.submit(fn, task, pure=False)
            index[future.key] = i
            futures.append(future)
            if len(futures) >= limit:
                break
        queue = as_completed(futures)
        for future in queue:
            result = future.result()
            i = index.pop(future.key)
            future.release()
            nxt = next(todo, None)
            if nxt is not None:
                new = client.submit(fn, nxt[1], pure=False)
                index[new.key] = nxt[0]
                queue.add(new)
            yield i, result
    finally:
        if owned:
            client.close()
        if cluster is not None:
            cluster.close()


def _is_client(obj: Any) -> bool:
    try:
        from distributed import Client
    except ImportError:
        return False
    return isinstance(obj, Client)
