"""Helper processes end with the gongwen process that started them.

A `gongwen run` killed with SIGKILL cannot stop its children, and they used to stay: the
temporary Prefect server, the multiprocessing forkserver and the batch workers. So:
- the temporary Prefect server is started from the CLI's main thread with PR_SET_PDEATHSIG
  (Linux): the kernel sends it SIGTERM when gongwen dies;
- the forkserver and the workers watch their parent (`watch_parent`, started in the forkserver by
  the `_forkserver_guard` preload and in each worker by its initializer) and exit when it is gone.
"""
from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """In a child (preexec_fn): ask the kernel for `sig` when the parent thread dies. Linux only."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0)


def watch_parent() -> None:
    """Exit this process once its parent is gone (it is then re-parented: getppid changes)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="gongwen-parent-watch", daemon=True).start()


def start_temporary_prefect_server() -> None:
    """Start Prefect's temporary server now, in this (main) thread, as a child that dies with this
    process. Prefect's own calls then find it running (SubprocessASGIServer is a singleton).
    Nothing to do with PREFECT_API_URL set (a real server) or the ephemeral mode off."""
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    if settings.api.url or not settings.server.ephemeral.enabled:
        return
    from prefect.server.api import server as server_module

    class _GuardedSubprocess:
        """server_module's view of `subprocess` while it starts uvicorn: Popen dies with us."""
        def __getattr__(self, name):
            return getattr(subprocess, name)

        @staticmethod
        def Popen(*args, **kwargs):  # noqa: N802 - subprocess's name
            return subprocess.Popen(*args, preexec_fn=die_with_parent, **kwargs)

    server_module.subprocess = _GuardedSubprocess()
    try:
        server_module.SubprocessASGIServer().start(timeout=settings.server.ephemeral.startup_timeout_seconds)
    finally:
        server_module.subprocess = subprocess
