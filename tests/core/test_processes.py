"""The demo keeps its web app up when the worker dies: a child that stops is started again; only a signal stops all."""

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from values.core.processes import Supervisor

pytestmark = pytest.mark.unit
SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def _eventually(condition: Callable[[], object], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _start(commands: dict[str, list[str]]) -> tuple[Supervisor, threading.Event, threading.Thread, list[str]]:
    messages: list[str] = []
    supervisor = Supervisor(commands, pause=0.2, poll=0.02, report=messages.append)
    stop = threading.Event()
    thread = threading.Thread(target=supervisor.run, args=(stop,))
    thread.start()
    _eventually(lambda: len(supervisor.processes) == len(commands))
    return supervisor, stop, thread, messages


def test_a_worker_that_exits_is_started_again_and_the_web_app_keeps_running(tmp_path: Path):
    starts = tmp_path / "starts"
    exits = [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('x'); raise SystemExit(3)"]
    supervisor, stop, thread, messages = _start({"web app": SLEEPER, "worker": exits})
    web = supervisor.processes["web app"]

    _eventually(lambda: starts.exists() and starts.read_text() == "xxx")
    still_web = supervisor.processes["web app"]
    stop.set()
    thread.join(timeout=15)

    assert still_web is web  # the same process all along, never restarted
    assert messages[:2] == ["The worker stopped (exit code 3); starting it again in 0.2 s."] * 2
    assert web.returncode == -signal.SIGTERM  # stopped by the supervisor only when it was stopped


def test_a_killed_worker_is_started_again_with_a_new_process():
    supervisor, stop, thread, messages = _start({"web app": SLEEPER, "worker": SLEEPER})
    first = supervisor.processes["worker"]

    os.kill(first.pid, signal.SIGKILL)
    _eventually(lambda: supervisor.processes["worker"] is not first)
    second = supervisor.processes["worker"]
    running = second.poll() is None
    stop.set()
    thread.join(timeout=15)

    assert running
    assert second.pid != first.pid
    assert messages == ["The worker stopped (signal 9); starting it again in 0.2 s."]
    assert [p.poll() is not None for p in supervisor.processes.values()] == [True, True]


# The demo's own process: Ctrl-C (SIGINT) or SIGTERM stops it, and its children with it.
DEMO = textwrap.dedent(
    r"""
    import sys
    from values.core.processes import Supervisor, run_until_stopped

    # One write per line, so that the two children's lines never interleave.
    child = [sys.executable, "-c", "import os, time; os.write(1, b'%d\\n' % os.getpid()); time.sleep(60)"]
    run_until_stopped(Supervisor({"web app": child, "worker": child}, pause=0.2, report=print, poll=0.02))
    print("stopped", flush=True)
    """
)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_stops_the_demo_and_both_its_children(stop_signal):
    demo = subprocess.Popen([sys.executable, "-c", DEMO], stdout=subprocess.PIPE, text=True)
    children = [int(demo.stdout.readline()), int(demo.stdout.readline())]

    demo.send_signal(stop_signal)
    rest = demo.communicate(timeout=15)[0]

    assert (demo.returncode, rest) == (0, "stopped\n")  # no restart announced: the demo was stopped
    assert [_alive(pid) for pid in children] == [False, False]
