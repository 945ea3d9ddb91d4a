"""Speed and memory of flaskcourse, as ratios against baselines measured in the same run.

    python benchmarks/run.py [--repeat 5] [--skip-verify] [--skip-grade] [--mutants]

Prints one table and exits 1 when a target is missed (CI can run it as a non-blocking report).
Machines here are noisy: every figure is a median, and each is compared with a baseline taken
on the same machine minutes apart, never with a number written down on another day.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SCRIPT = str(Path(PYTHON).with_name("flaskcourse"))
LESSON = "11"
TABLE = ("import click, rich.console, rich.table as t; table = t.Table(box=None); "
         "[table.add_column(c) for c in ('', 'id', 'lesson', 'status')]; "
         "[table.add_row('', f'{i:02}', 'A lesson title of a usual length', 'not started') "
         "for i in range(19)]; rich.console.Console().print(table)")
BY_HAND = ("import concurrent.futures as f, resource, subprocess, sys, time; "
           "jobs, script, lesson, *folders = sys.argv[1:]; t = time.perf_counter(); "
           "list(f.ThreadPoolExecutor(int(jobs)).map(lambda d: subprocess.run("
           "[script, 'check', lesson], cwd=d, stdout=subprocess.DEVNULL, "
           "stderr=subprocess.DEVNULL), folders)); "
           "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
"""A teacher checking a class by hand: `flaskcourse check` in each learner's folder, ``jobs``
processes at once; prints the seconds and the largest process's peak memory (KB)."""
MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, "
           "cwd=None); print(time.perf_counter() - t, "
           "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


@dataclass
class Figure:
    name: str
    value: float
    baseline: float | None
    target: float
    unit: str
    peak_mb: float
    at_least: bool = False
    """The target is a floor (a throughput ratio, baseline / value), not a ceiling."""

    @property
    def measured(self) -> float:
        if self.at_least and self.baseline:
            return self.baseline / self.value
        return self.value / self.baseline if self.baseline else self.value

    @property
    def ok(self) -> bool:
        return self.measured >= self.target if self.at_least else self.measured <= self.target


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds and peak resident memory (MB, the largest process of the tree) of one command."""
    done = subprocess.run([PYTHON, "-c", MEASURE, *command], cwd=cwd, env=env,
                          capture_output=True, text=True, check=True)
    seconds, peak_kb = done.stdout.split()
    return float(seconds), int(peak_kb) / 1024


def median(command: list[str], cwd: Path, repeat: int, env: dict[str, str] | None = None
           ) -> tuple[float, float]:
    """Median seconds and peak MB over ``repeat`` runs, after one untimed run that warms the
    disk cache and writes the bytecode a learner's installed copy would already have."""
    timed(command, cwd, env)
    runs = [timed(command, cwd, env) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def workspace_with_solution(root: Path) -> Path:
    subprocess.run([SCRIPT, "start", LESSON], cwd=root, check=True, capture_output=True)
    folder = next(root.glob(f"{LESSON}-*"))
    shutil.copytree(REPO / "solutions" / folder.name, folder, dirs_exist_ok=True)
    return folder


def peak_mb(pid: int) -> float:
    """The highest resident memory a running process has had (Linux's VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def watch_latency(folder: Path, repeat: int, env: dict[str, str]) -> tuple[float, float]:
    """Median seconds from saving app.py to the summary line of the re-run on screen, and the
    watching process's peak memory."""
    proc = subprocess.Popen([SCRIPT, "watch"], cwd=folder, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True,
                            env={**env, "COLUMNS": "200"})
    assert proc.stdout is not None

    def wait_summary() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            if "checks pass" in line:
                return
        raise RuntimeError("watch ended")

    latencies = []
    try:
        wait_summary()
        app = folder / "app.py"
        for i in range(repeat):
            time.sleep(0.3)
            started = time.perf_counter()
            app.write_text(app.read_text() + f"\n# save {i}\n")
            wait_summary()
            latencies.append(time.perf_counter() - started)
        peak = peak_mb(proc.pid)
    finally:
        os.killpg(proc.pid, 2)
        proc.wait(timeout=30)
    return statistics.median(latencies), peak


def a_class(root: Path, count: int) -> tuple[Path, list[Path]]:
    """``count`` submissions of lesson 11, the reference and each known-wrong variant in turn:
    as a teacher's folder of submissions, and as the same code in one workspace per learner."""
    sys.path.insert(0, str(REPO))
    from flaskcourse.catalog import load_course
    from flaskcourse.verify import build_variant, load_variants

    lesson = load_course(REPO).get(LESSON)
    wrong = [v for v in load_variants(lesson) if not v.should_pass]
    folder, workspaces = root / "class", []
    for number in range(count):
        submission = folder / f"learner-{number:03}"
        submission.mkdir(parents=True)
        if number % (len(wrong) + 1) == 0:
            shutil.copytree(lesson.solution_dir, submission, dirs_exist_ok=True)
        else:
            build_variant(wrong[number % (len(wrong) + 1) - 1], submission)
        workspace = root / "by-hand" / submission.name
        (workspace / ".flaskcourse").mkdir(parents=True)
        shutil.copytree(submission, workspace / lesson.name)
        workspaces.append(workspace / lesson.name)
    return folder, workspaces


def grade_figure(root: Path, count: int, jobs: int, env: dict[str, str]) -> Figure:
    """`grade` of ``count`` submissions against `check` run by hand on each, ``jobs`` at once:
    the ratio of their throughputs, and grade's peak memory (its largest process)."""
    folder, workspaces = a_class(root, count)
    done = subprocess.run([PYTHON, "-c", BY_HAND, str(jobs), SCRIPT, LESSON, *map(str, workspaces)],
                          cwd=root, env=env, capture_output=True, text=True, check=True)
    by_hand = float(done.stdout.split()[0])
    seconds, peak = timed([SCRIPT, "grade", LESSON, str(folder), "--jobs", str(jobs),
                           "--csv", str(root / "roster.csv")], root, env)
    return Figure(f"grade {count}×{LESSON}, throughput vs check", seconds, by_hand, 0.9, "×",
                  peak, at_least=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-verify", action="store_true", help="skip the long verify run")
    parser.add_argument("--skip-grade", action="store_true",
                        help="skip grading a class of submissions against checking each by hand")
    parser.add_argument("--submissions", type=int, default=100,
                        help="how many submissions of lesson 11 the grade figure grades")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="submissions at once, for grade and for the checks by hand")
    parser.add_argument("--mutants", action="store_true",
                        help="also time verify --mutants of the whole course (minutes)")
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory(prefix="flaskcourse-bench-") as tmp:
        root = Path(tmp)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("FLASKCOURSE_") and k != "PYTHONDONTWRITEBYTECODE"}
        base, base_mb = median([PYTHON, "-c", "import click, rich.console, rich.table"], root,
                               args.repeat, env)
        value, peak = median([SCRIPT, "list"], root, args.repeat, env)
        figures.append(Figure("list vs import click+rich", value, base, 1.2, "×", peak))
        # The same, against a baseline that also draws the table `list` has to draw: what is
        # left is flaskcourse's own cost (its modules, the catalog, the workspace state).
        drawn, _ = median([PYTHON, "-c", TABLE], root, args.repeat, env)
        figures.append(Figure("list vs click+rich + its table", value, drawn, 1.2, "×", peak))

        folder = workspace_with_solution(root)
        checks = REPO / "checks" / folder.name
        bare, bare_mb = median([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                "-p", "flaskcourse.checking.plugin", "--learner-dir", str(folder),
                                str(checks)], root, args.repeat, env)
        value, peak = median([SCRIPT, "check", LESSON], folder, args.repeat, env)
        figures.append(Figure(f"check {LESSON} vs bare pytest", value, bare, 1.0, "×", peak))

        latency, peak = watch_latency(folder, args.repeat, env)
        figures.append(Figure("watch: save to result", latency, None, 0.25, "s", peak))

        if not args.skip_grade:
            figures.append(grade_figure(root / "grading", args.submissions, args.jobs, env))

        if not args.skip_verify:
            value, peak = timed([SCRIPT, "verify"], root, env)
            # ~1,100 runs: texts, solutions, starters, and every known-wrong and correct variant.
            figures.append(Figure("verify of the whole course", value, None, 90.0, "s", peak))
        if args.mutants:
            value, peak = timed([SCRIPT, "verify", "--mutants"], root, env)
            figures.append(Figure("verify --mutants, whole course", value, None, 900.0, "s", peak))

    print(f"{'figure':34} {'measured':>10} {'baseline':>10} {'ratio/s':>9} {'target':>8} {'peak MB':>8}")
    for f in figures:
        baseline = f"{f.baseline:.3f}s" if f.baseline else "-"
        shown = f"{f.measured:.2f}{f.unit}"
        target = f"{'≥' if f.at_least else '≤'}{f.target:g}{f.unit}"
        print(f"{f.name:34} {f.value:>9.3f}s {baseline:>10} {shown:>9} {target:>8} "
              f"{f.peak_mb:>8.0f}  {'ok' if f.ok else 'MISSED'}")
    return 0 if all(f.ok for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
