"""The demo's processes kept running: a child that stops is started again, until the demo itself is stopped.

No Django here: the supervisor only starts commands and watches them.
"""

import signal
import subprocess
import threading
from collections.abc import Callable

STOP_SECONDS = 10  # how long a child has to stop before it is killed


class Supervisor:
    """Runs each named command as a child process and starts again, after `pause` seconds, any that stops."""

    def __init__(
        self, commands: dict[str, list[str]], *, pause: float, report: Callable[[str], object], poll: float = 0.5
    ) -> None:
        self.commands, self.pause, self.report, self.poll = commands, pause, report, poll
        self.processes: dict[str, subprocess.Popen] = {}

    def run(self, stop: threading.Event) -> None:
        """Until `stop` is set; then every child is stopped."""
        self.processes = {name: _spawn(command) for name, command in self.commands.items()}
        try:
            while not stop.wait(self.poll):
                for name, process in self.processes.items():
                    if process.poll() is not None and not self._restart(name, process.returncode, stop):
                        return
        finally:
            self._stop_all()

    def _restart(self, name: str, code: int, stop: threading.Event) -> bool:
        """Start the child again after the pause; False when the demo is stopped meanwhile."""
        if stop.is_set():  # Ctrl-C reaches the children too: they stop because the demo does
            return False
        how = f"exit code {code}" if code >= 0 else f"signal {-code}"
        self.report(f"The {name} stopped ({how}); starting it again in {self.pause:g} s.")
        if stop.wait(self.pause):
            return False
        self.processes[name] = _spawn(self.commands[name])
        return True

    def _stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=STOP_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _spawn(command: list[str]) -> subprocess.Popen:
    return subprocess.Popen(command)  # noqa: S603 (the caller's own commands, our interpreter, no shell)


def run_until_stopped(supervisor: Supervisor) -> None:
    """Run the supervisor until Ctrl-C, SIGTERM or a hang-up: only these stop the demo, and its children with it."""
    stop = threading.Event()
    for stop_signal in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(stop_signal, lambda signum, frame: stop.set())
    supervisor.run(stop)
