#!/usr/bin/env python3
"""Benchmarks medlofte against `wc -l` and a floor, and writes BENCHMARKS.md.

    python3 bench/bench.py            # the full run: 10k, 100k, 1M and 10M lines
    python3 bench/bench.py --quick    # 10k and 100k only, fewer runs

Every figure is measured in this one run, on this machine, so the ratios compare
like with like: wall time is the median of several runs, memory the peak resident
set size of the process (GNU time's %M; `apt install time` where it is missing). Commands are interleaved run by run,
so that a noisy neighbour hits both sides of a ratio alike.

Generated projects are kept in target/bench and reused while the generator is
unchanged: the 10M-line one takes a while to write.
"""
import glob
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "target", "bench")
BIN = os.path.join(ROOT, "target", "release", "medlofte")
GEN = os.path.join(ROOT, "target", "release", "examples", "gen_ledger")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "floor")
SCAN = os.path.join(ROOT, "target", "release", "examples", "scan_speed")
AS_OF = "2024-12-31"


GNU_TIME = "/usr/bin/time"


def run_once(cmd, env=None):
    """Wall seconds of one run."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr.decode()}")
    return wall


def peak_rss(cmd, env=None):
    """Peak RSS (KiB) of one run, from GNU time (`-f %M`), which reads it off the
    process itself (a child forked straight from this Python would count the
    interpreter's pages too). Measured in runs of its own, so that the wrapper
    never adds to a wall time."""
    if not os.path.exists(GNU_TIME):
        return 0
    proc = subprocess.run([GNU_TIME, "-f", "%M", "-o", "/dev/stderr"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    last = proc.stderr.decode().strip().splitlines()[-1:]
    return int(last[0]) if last and last[0].isdigit() else 0


def measure(commands, runs):
    """Interleaves the commands `runs` times; median wall and peak RSS of each."""
    walls = {name: [] for name in commands}
    for cmd, env in commands.values():  # warm the page cache
        run_once(cmd, env)
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            walls[name].append(run_once(cmd, env))
    rss = {name: max(peak_rss(cmd, env) for _ in range(3)) for name, (cmd, env) in commands.items()}
    return {name: (statistics.median(walls[name]), rss[name]) for name in commands}


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{model}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} {platform.release()}; {rustc}"


def project(n, *extra):
    """The generated project of `n` lines, written unless a copy made by this very
    generator is there already."""
    path = os.path.join(WORK, f"n{n}" + "".join(extra))
    with open(os.path.join(ROOT, "examples", "gen_ledger.rs"), "rb") as f:
        stamp = hashlib.sha256(f.read() + repr((n, extra)).encode()).hexdigest()
    marker = os.path.join(path, ".generated")
    try:
        with open(marker) as f:
            if f.read() == stamp:
                return path
    except OSError:
        pass
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run([GEN, path, str(n), *extra], check=True)
    with open(marker, "w") as f:
        f.write(stamp)
    return path


def env_with(**extra):
    env = dict(os.environ)
    env.update(extra)
    return env


def main():
    quick = "--quick" in sys.argv
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000, 10_000_000]
    runs = 3 if quick else 7
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "medlofte", "--example", "gen_ledger", "--example", "floor", "--example", "scan_speed"], cwd=ROOT, check=True)
    os.makedirs(WORK, exist_ok=True)
    rows = []
    report = {}
    for n in sizes:
        folder = project(n)
        files = sorted(glob.glob(os.path.join(folder, "ledger", "*.csv")))
        r = measure(
            {
                "report": ([BIN, "-C", folder, "report", "--format", "csv", "--as-of", AS_OF], None),
                "report-1": ([BIN, "-C", folder, "report", "--format", "csv", "--as-of", AS_OF], env_with(MEDLOFTE_THREADS="1")),
                "wc": (["wc", "-l"] + files, None),
                "floor": ([FLOOR, folder], None),
            },
            runs,
        )
        report[n] = r
        rows.append((n, r))
        print(f"{n:>10} lines: report {r['report'][0]*1000:.1f} ms, one thread {r['report-1'][0]*1000:.1f} ms, "
              f"wc -l {r['wc'][0]*1000:.1f} ms, floor {r['floor'][0]*1000:.1f} ms", flush=True)

    big = sizes[-1]
    # log reads only the file it appends to: a 1M-line project says as much as a larger one.
    logged = min(big, 1_000_000)
    full = project(logged)
    last = project(logged, "--last-year-only")
    log_args = ["log", "narvaro", "--date", "2024-12-20", "--by", "polisen", "--note", "Benchmark, torget"]
    logs = measure({"log-full": ([BIN, "-C", full] + log_args, None), "log-last": ([BIN, "-C", last] + log_args, None)}, 11)
    example = measure({"status": ([BIN, "-C", ROOT, "status"], None), "version": ([BIN, "--version"], None)}, 21)
    # The scanner alone, best of five: its fast path against the state machine.
    scan = subprocess.run([SCAN, project(logged)], capture_output=True, text=True, check=True).stdout.strip()

    small, large = report[sizes[0]], report[big]
    out = []
    out.append("# Benchmarks\n")
    out.append("Measured by `python3 bench/bench.py` in one run; every ratio compares two figures from")
    out.append("that same run. Wall time is the median of the runs, memory the peak resident set size.\n")
    out.append(f"- Machine: {machine()}")
    out.append(f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    out.append(f"- Runs: {runs} per report figure, 11 per log figure, 21 per start-up figure, interleaved\n")
    out.append("The project: ten years of yearly ledger files, eight promises of mixed periods")
    out.append("(`cargo run --release --example gen_ledger -- DIR N`). `wc -l` counts the lines of")
    out.append("the same ledger files: reading them at all costs that much. The floor is")
    out.append("`examples/floor.rs`: one `csv::ByteRecord` loop that sums counts per promise and")
    out.append("month, on one thread, checking nothing.\n")
    out.append("## report --format csv\n")
    out.append("| lines | report (2 cores) | report (1 thread) | `wc -l` | floor | 2 cores / `wc -l` | 1 thread / `wc -l` | report / floor | peak memory report | peak memory floor |")
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, r in rows:
        rep, one, wc, floor = r["report"], r["report-1"], r["wc"], r["floor"]
        out.append(
            f"| {n:,} | {rep[0]*1000:.1f} ms | {one[0]*1000:.1f} ms | {wc[0]*1000:.1f} ms | {floor[0]*1000:.1f} ms | "
            f"{rep[0]/wc[0]:.2f}× | {one[0]/wc[0]:.2f}× | {rep[0]/floor[0]:.2f}× | {rep[1]/1024:.1f} MiB | {floor[1]/1024:.1f} MiB |"
        )
    out.append("")
    out.append(f"Peak memory of report over {big:,} lines against {sizes[0]:,} lines: "
               f"**{large['report'][1]/small['report'][1]:.2f}×** (target ≤ 1.5×).\n")
    out.append(f"The scanner alone over the {logged:,}-line project (`cargo run --release --example scan_speed -- DIR`, best of five, one thread):\n")
    out.extend(f"- {line}" for line in scan.splitlines())
    out.append("")
    out.append("## log\n")
    out.append("| project | log |")
    out.append("| --- | ---: |")
    out.append(f"| {logged:,} lines over ten years | {logs['log-full'][0]*1000:.1f} ms |")
    out.append(f"| only its last year | {logs['log-last'][0]*1000:.1f} ms |")
    out.append(f"\nlog on ten years against log on the last year: **{logs['log-full'][0]/logs['log-last'][0]:.2f}×** (target ≤ 1.5×).")
    out.append("Each run appends one line and syncs it to disk.\n")
    out.append("## Start-up\n")
    out.append("| command | wall |")
    out.append("| --- | ---: |")
    out.append(f"| `medlofte status` on the shipped example | {example['status'][0]*1000:.2f} ms |")
    out.append(f"| `medlofte --version` | {example['version'][0]*1000:.2f} ms |")
    out.append(f"\nstatus against --version: **{example['status'][0]/example['version'][0]:.2f}×** (target ≤ 2×).")
    out.append("\n## Targets\n")
    for n in sizes[-2:]:
        r = report[n]
        out.append(f"- report over {n:,} lines: {r['report'][0]/r['wc'][0]:.2f}× `wc -l` on both cores (target ≤ 3×), "
                   f"{r['report-1'][0]/r['wc'][0]:.2f}× on one thread (target ≤ 5×); "
                   f"{r['report-1'][0]/r['floor'][0]:.2f}× the floor on one thread")
    text = "\n".join(out) + "\n"
    if quick:
        print(text)
    else:
        with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as f:
            f.write(text)
        print(text)


if __name__ == "__main__":
    main()
