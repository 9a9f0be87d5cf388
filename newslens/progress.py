"""A progress line with rate and ETA on stderr: redrawn in place on a terminal, plain lines otherwise."""
from __future__ import annotations

import sys
import time
from typing import TextIO


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """`progress(done, total, slug)` callback for `preprocess.preprocess`."""

    def __init__(self, stream: TextIO | None = None, *, width: int = 24, every: float = 5.0, tty: bool | None = None,
                 quiet: bool = False, clock=time.monotonic) -> None:
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.tty = tty if tty is not None else bool(getattr(self.stream, "isatty", lambda: False)())
        self.width = width
        self.every = every  # seconds between plain lines (not a terminal)
        self.clock = clock
        self.start = clock()
        self.last_line = -1e9
        self.first: tuple[float, int] | None = None  # (time, done) of the first call: the rate excludes start-up
        self.done = 0
        self.total = 0

    def line(self, done: int, total: int, slug: str) -> str:
        now = self.clock()
        elapsed = now - self.start
        if self.first is None:
            self.first = (now, done)
        t0, d0 = self.first
        rate = (done - d0) / (now - t0) if now > t0 and done > d0 else 0.0
        eta = f"ETA {_clock((total - done) / rate)}" if rate > 0 else ("ETA 0:00" if done >= total else "ETA …")
        pct = 100.0 * done / total if total else 100.0
        filled = int(self.width * done / total) if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        return (f"[{bar}] {done}/{total} {pct:3.0f}% {f'{rate:.1f}' if rate else '…'} articles/s "
                f"elapsed {_clock(elapsed)} {eta}  {slug}")

    def __call__(self, done: int, total: int, slug: str) -> None:
        self.done, self.total = done, total
        if self.quiet:
            return
        now = self.clock()
        text = self.line(done, total, slug)
        if self.tty:
            self.stream.write("\r\x1b[2K" + text)
            if done >= total:
                self.stream.write("\n")
        elif done >= total or done == 1 or now - self.last_line >= self.every:
            self.stream.write(text + "\n")
            self.last_line = now
        self.stream.flush()

    def interrupted(self) -> str:
        """The one-line message for Ctrl-C."""
        lead = "\n" if self.tty and not self.quiet and 0 < self.done < self.total else ""
        if not self.done:
            return f"{lead}interrupted before any article was saved; run the same command again to start over"
        return (f"{lead}interrupted: {self.done} of {self.total} articles processed and saved; "
                f"run the same command again to process the rest")
