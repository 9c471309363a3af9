"""Long fuzz run of the parsers and the decoder: the generators of tests/parse/test_fuzz.py,
many more inputs and larger ones, each under a time limit.

Every input goes through ``decode_bytes`` and ``parse_bytes`` (whole, and cut as by the read
cap) and must give either an article whose strings SQLite and JSON carry unchanged or
``NotAnArticle`` with a one-line reason (the contract the unit tests assert). Prints, per
generator: inputs tried, crashes by exception type, contract violations, inputs over the
time limit, slow inputs (over 1 s) and the slowest time. Failing and slow inputs are saved
to ``--save`` so that they can be replayed (``--replay DIR``).

    python bench/fuzz_parsers.py --inputs 100000
    python bench/fuzz_parsers.py --seconds 1800 --scale 100
    python bench/fuzz_parsers.py --replay /tmp/fuzz-parsers
"""

from __future__ import annotations

import argparse
import hashlib
import random
import signal
import sys
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.parse.test_fuzz import GENERATORS, check_input  # noqa: E402

SLOW = 1.0


class InputTimeout(Exception):
    """Raised by the alarm when one input runs over the per-input limit."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise InputTimeout


@dataclass
class Tally:
    inputs: int = 0
    bytes: int = 0
    seconds: float = 0.0
    crashes: Counter[str] = field(default_factory=Counter)
    violations: int = 0
    timeouts: int = 0
    slow: int = 0
    slowest: float = 0.0
    slowest_size: int = 0


def run_one(data: bytes, name: str, limit: float) -> tuple[str | None, float]:
    """(None, seconds) when the contract held; otherwise a short description of what broke."""
    signal.setitimer(signal.ITIMER_REAL, limit)
    start = time.perf_counter()
    try:
        check_input(data, name)
        outcome = None
    except InputTimeout:
        outcome = "timeout"
    except AssertionError as exc:
        outcome = "contract: " + (str(exc).splitlines() or ["assertion"])[0][:120]
    except RecursionError:
        outcome = "crash: RecursionError"
    except Exception as exc:  # noqa: BLE001 - this is what the run looks for
        outcome = f"crash: {type(exc).__name__}: {str(exc)[:100]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return outcome, time.perf_counter() - start


def save(
    folder: Path | None, generator: str, kind: str, data: bytes, name: str, detail: str
) -> None:
    if folder is None:
        return
    digest = hashlib.blake2b(data, digest_size=6).hexdigest()
    target = folder / generator / kind
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{digest}-{name}"
    path.write_bytes(data)
    path.with_suffix(path.suffix + ".why").write_text(detail + "\n", "utf-8")


def replay(folder: Path, limit: float) -> int:
    failures = 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix == ".why":
            continue
        name = path.name.split("-", 1)[1]
        outcome, seconds = run_one(path.read_bytes(), name, limit)
        print(f"{seconds:7.2f} s  {outcome or 'ok'}  {path}")
        failures += outcome is not None
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=100_000, help="inputs in all (default 100,000)")
    ap.add_argument(
        "--seconds",
        type=float,
        default=None,
        help="stop after this long instead (whichever comes first)",
    )
    ap.add_argument(
        "--scale",
        type=int,
        default=50,
        help="largest size multiplier of the generators (1 = the unit tests')",
    )
    ap.add_argument("--limit", type=float, default=30.0, help="seconds allowed per input")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", nargs="*", choices=sorted(GENERATORS), help="these generators")
    ap.add_argument(
        "--save",
        type=Path,
        default=Path("/tmp/fuzz-parsers"),
        help="folder for failing and slow inputs ('' to keep none)",
    )
    ap.add_argument("--replay", type=Path, help="re-run the inputs saved in this folder")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGALRM, _alarm)
    if args.replay:
        return replay(args.replay, args.limit)
    save_dir = args.save if str(args.save) else None
    names = args.only or list(GENERATORS)
    tallies = {n: Tally() for n in names}
    rng = random.Random(args.seed)
    scales = [s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500) if s <= args.scale] or [1]
    started = time.monotonic()
    done = 0
    try:
        while done < args.inputs:
            if args.seconds is not None and time.monotonic() - started > args.seconds:
                break
            generator = names[done % len(names)]
            scale = rng.choice(scales) if rng.random() < 0.3 else 1
            seed = rng.getrandbits(64)
            data, name = GENERATORS[generator](random.Random(seed), scale)
            outcome, seconds = run_one(data, name, args.limit)
            tally = tallies[generator]
            tally.inputs += 1
            tally.bytes += len(data)
            tally.seconds += seconds
            if seconds > tally.slowest:
                tally.slowest, tally.slowest_size = seconds, len(data)
            if seconds > SLOW:
                tally.slow += 1
                save(save_dir, generator, "slow", data, name, f"{seconds:.2f} s (seed {seed})")
            if outcome == "timeout":
                tally.timeouts += 1
            elif outcome is not None and outcome.startswith("contract"):
                tally.violations += 1
            elif outcome is not None:
                tally.crashes[outcome.split(":")[1].strip()] += 1
            if outcome is not None:
                save(save_dir, generator, "failed", data, name, f"{outcome} (seed {seed})")
                print(
                    f"[{generator}] {outcome} ({len(data):,} bytes, {seconds:.2f} s)",
                    file=sys.stderr,
                )
            done += 1
            if done % 1000 == 0:
                print(
                    f"... {done:,} inputs, {time.monotonic() - started:,.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
    report(tallies, time.monotonic() - started, args)
    return 1 if any(t.crashes or t.violations or t.timeouts for t in tallies.values()) else 0


def report(tallies: dict[str, Tally], elapsed: float, args: argparse.Namespace) -> None:
    print(
        f"\nfuzz_parsers: seed {args.seed}, scale up to {args.scale}, limit {args.limit} s "
        f"per input, {elapsed:,.0f} s in all"
    )
    header = (
        f"{'generator':<16} {'inputs':>8} {'MB':>8} {'crashes':>8} {'contract':>8} "
        f"{'timeouts':>8} {'>1 s':>6} {'slowest':>9} {'(size)':>12} {'mean ms':>8}"
    )
    print(header)
    print("-" * len(header))
    total = Tally()
    for name, t in tallies.items():
        crashes = sum(t.crashes.values())
        mean = 1000 * t.seconds / t.inputs if t.inputs else 0.0
        print(
            f"{name:<16} {t.inputs:>8,} {t.bytes / 1e6:>8.1f} {crashes:>8} {t.violations:>8} "
            f"{t.timeouts:>8} {t.slow:>6} {t.slowest:>8.2f}s {t.slowest_size:>12,} "
            f"{mean:>8.1f}"
        )
        total.inputs += t.inputs
        total.bytes += t.bytes
        total.seconds += t.seconds
        total.crashes.update(t.crashes)
        total.violations += t.violations
        total.timeouts += t.timeouts
        total.slow += t.slow
        if t.slowest > total.slowest:
            total.slowest, total.slowest_size = t.slowest, t.slowest_size
    print("-" * len(header))
    print(
        f"{'all':<16} {total.inputs:>8,} {total.bytes / 1e6:>8.1f} "
        f"{sum(total.crashes.values()):>8} {total.violations:>8} {total.timeouts:>8} "
        f"{total.slow:>6} {total.slowest:>8.2f}s {total.slowest_size:>12,}"
    )
    for kind, count in total.crashes.most_common():
        print(f"  crash {kind}: {count}")


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:  # pragma: no cover - a bug in the bench itself
        traceback.print_exc()
        sys.exit(2)
