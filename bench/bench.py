#!/usr/bin/env python3
"""Benchmarks medlofte against `wc -l` and a floor, and writes BENCHMARKS.md.

    python3 bench/bench.py            # the full run: 10k, 100k, 1M and 10M lines
    python3 bench/bench.py --quick    # 10k and 100k only, fewer runs
    python3 bench/bench.py --before OLD_BINARY [--before-label TEXT]
                                      # also time another build (a checkout
                                      # before a change) on the 1M project

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
    if made(path, stamp):
        return path
    shutil.rmtree(path, ignore_errors=True)
    subprocess.run([GEN, path, str(n), *extra], check=True)
    made(path, stamp, now=True)
    # medlofte trusts its cache only for files that changed over a second ago
    # (a change within the clock's grain could keep the stamp): let them settle.
    time.sleep(2)
    return path


def made(path, stamp, now=False):
    """Whether the project at `path` was made as `stamp` says; `now` marks it so."""
    marker = os.path.join(path, ".generated")
    if now:
        with open(marker, "w") as f:
            f.write(stamp)
        return True
    try:
        with open(marker) as f:
            return f.read() == stamp
    except OSError:
        return False


BREAKS = [
    lambda l: b"2019-02-30" + l[10:],                 # a date that is no day
    lambda l: l.replace(b",", b",x", 1),             # an unknown promise
    lambda l: l.replace(b",", b",\x00", 1),          # a NUL byte
    lambda l: l + b" 19850101-1234",                 # a personal number
    lambda l: l + b",=SUM(A1)",                      # a formula, and a column too many
    lambda l: l[: len(l) // 2],                      # cut short
    lambda l: l + b',"open',                         # a quote left open
]


def broken(n, share=0.3):
    """A copy of the `n`-line project with `share` of its lines broken in the ways
    above, chosen by a fixed seed: every command reads them all, and says so within
    the cap on diagnostics."""
    import random
    source = project(n)
    path = source + f"-broken{round(share * 100)}"
    with open(os.path.join(source, ".generated")) as f:
        stamp = f.read() + repr(share) + "v1"
    if made(path, stamp):
        return path
    shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(source, path, ignore=shutil.ignore_patterns(".medlofte", ".generated"))
    rng = random.Random(30)
    for name in sorted(glob.glob(os.path.join(path, "ledger", "*.csv"))):
        with open(name, "rb") as f:
            head, *lines = f.read().split(b"\n")
        lines = [rng.choice(BREAKS)(l) if l and rng.random() < share else l for l in lines]
        with open(name, "wb") as f:
            f.write(b"\n".join([head] + lines))
    made(path, stamp, now=True)
    return path


def env_with(**extra):
    env = dict(os.environ)
    env.update(extra)
    return env


def main():
    quick = "--quick" in sys.argv
    before = sys.argv[sys.argv.index("--before") + 1] if "--before" in sys.argv else None
    # What the other build is, in words (a commit): the file names only the binary.
    before_label = sys.argv[sys.argv.index("--before-label") + 1] if "--before-label" in sys.argv else None
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
                # Reading itself: the cache off, so every file is read.
                "report": ([BIN, "-C", folder, "report", "--format", "csv", "--as-of", AS_OF], env_with(MEDLOFTE_NO_CACHE="1")),
                "report-1": ([BIN, "-C", folder, "report", "--format", "csv", "--as-of", AS_OF], env_with(MEDLOFTE_THREADS="1", MEDLOFTE_NO_CACHE="1")),
                # Everyday use: the warm-up run leaves the cache each later run finds.
                "report-cached": ([BIN, "-C", folder, "report", "--format", "csv", "--as-of", AS_OF], None),
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
    no_cache = env_with(MEDLOFTE_NO_CACHE="1")
    # Runs that append without keeping the cache get copies of their own: their
    # lines would leave the cache's entry behind for the runs that keep it.
    def copy(suffix):
        path = full + suffix
        shutil.rmtree(path, ignore_errors=True)
        shutil.copytree(full, path)
        shutil.rmtree(os.path.join(path, ".medlofte"), ignore_errors=True)
        time.sleep(2)  # new files settle before a cache may trust them, as in project()
        return path
    # log near start-up: against --version, interleaved with nothing heavier.
    logs = measure(
        {
            "log-full": ([BIN, "-C", full] + log_args, None),
            "log-last": ([BIN, "-C", last] + log_args, None),
            "version": ([BIN, "--version"], None),
        },
        21,
    )
    # log against reading every file (and against another build), interleaved.
    other_runs = {
        "log": ([BIN, "-C", full] + log_args, None),
        "log-nocache": ([BIN, "-C", copy("-nocache")] + log_args, no_cache),
    }
    if before:
        other_runs["log-before"] = ([before, "-C", copy("-before")] + log_args, None)
    other_logs = measure(other_runs, 11)
    # Commands over part of the term, and status over all of it, on the 1M project.
    views = {
        "calendar": ["calendar", "--year", "2024", "--as-of", AS_OF],
        "report-2024": ["report", "--from", "2024-01-01", "--as-of", AS_OF, "--format", "csv"],
        "status": ["status", "--as-of", AS_OF],
    }
    view_runs = {}
    # The other build keeps a cache of its own: entries are trusted only by the
    # build that wrote them, so sharing one would have each build drop the other's.
    before_full = copy("-before-views") if before else None
    for name, args in views.items():
        view_runs[name] = ([BIN, "-C", full] + args, None)
        view_runs[name + "-nocache"] = ([BIN, "-C", full] + args, no_cache)
        if before:
            view_runs[name + "-before"] = ([before, "-C", before_full] + args, None)
    view_times = measure(view_runs, 11)
    example = measure({"status": ([BIN, "-C", ROOT, "status"], None), "version": ([BIN, "--version"], None)}, 21)
    # check against report, and a promise kept for 300 places against the same
    # ledger with two: every file read (no cache), on the 1M project.
    places = project(logged, "--places", "300")
    one_thread = env_with(MEDLOFTE_NO_CACHE="1", MEDLOFTE_THREADS="1")
    whole = measure(
        {
            "report": ([BIN, "-C", full, "report", "--format", "csv", "--as-of", AS_OF], no_cache),
            "check": ([BIN, "-C", full, "check"], no_cache),
            "report-1": ([BIN, "-C", full, "report", "--format", "csv", "--as-of", AS_OF], one_thread),
            "check-1": ([BIN, "-C", full, "check"], one_thread),
            "status": ([BIN, "-C", full, "status", "--as-of", AS_OF], no_cache),
            "status-300": ([BIN, "-C", places, "status", "--as-of", AS_OF], no_cache),
        },
        runs,
    )
    # Peak memory of each command that reads the whole ledger, in every format,
    # on the 1M project, on a copy with 30% of its lines broken, and on the
    # largest: one run each (the peak is steady from run to run).
    memory_commands = {
        "status": ["status", "--as-of", AS_OF],
        "report csv": ["report", "--format", "csv", "--as-of", AS_OF],
        "report json": ["report", "--format", "json", "--as-of", AS_OF],
        "report markdown --notes": ["report", "--format", "markdown", "--notes", "--as-of", AS_OF],
        "report html --notes": ["report", "--format", "html", "--notes", "--as-of", AS_OF],
        "calendar": ["calendar", "--year", "2024", "--as-of", AS_OF],
        "check": ["check"],
    }
    memory_projects = {f"{logged:,} lines": full, f"{logged:,} lines, 30% broken": broken(logged)}
    if big > logged:
        memory_projects[f"{big:,} lines"] = project(big)
    memory = {
        (label, name): peak_rss([BIN, "-C", folder] + args, env_with(MEDLOFTE_NO_CACHE="1", MEDLOFTE_TODAY="2025-01-01"))
        for label, folder in memory_projects.items()
        for name, args in memory_commands.items()
    }
    # The scanner alone, best of five: its fast path against the state machine.
    scan = subprocess.run([SCAN, project(logged)], capture_output=True, text=True, check=True).stdout.strip()

    small, large = report[sizes[0]], report[big]
    out = []
    out.append("# Benchmarks\n")
    out.append("Measured by `python3 bench/bench.py` in one run; every ratio compares two figures from")
    out.append("that same run. Wall time is the median of the runs, memory the peak resident set size.\n")
    out.append(f"- Machine: {machine()}")
    out.append(f"- Date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    out.append(f"- Runs: {runs} per report figure, 21 per log figure against `--version` (11 against other builds), 11 per figure of part of the term, 21 per start-up figure, interleaved\n")
    out.append("The project: ten years of yearly ledger files, eight promises of mixed periods")
    out.append("(`cargo run --release --example gen_ledger -- DIR N`). `wc -l` counts the lines of")
    out.append("the same ledger files: reading them at all costs that much. The floor is")
    out.append("`examples/floor.rs`: one `csv::ByteRecord` loop that sums counts per promise and")
    out.append("month, on one thread, checking nothing. \"No cache\" runs set `MEDLOFTE_NO_CACHE=1`, so")
    out.append("that every file is read; the others find `.medlofte/cache/` as the run before left it.")
    if before:
        what = before_label or f"`{os.path.basename(before)}`"
        out.append(f"\"Before\" is another build, {what}, timed in the same run (`--before`).")
    out.append("")
    out.append("## report --format csv, no cache: reading\n")
    out.append("| lines | report (2 cores) | report (1 thread) | `wc -l` | floor | 2 cores / `wc -l` | 1 thread / `wc -l` | 2 cores / floor | peak memory report | peak memory floor |")
    out.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n, r in rows:
        rep, one, wc, floor = r["report"], r["report-1"], r["wc"], r["floor"]
        out.append(
            f"| {n:,} | {rep[0]*1000:.1f} ms | {one[0]*1000:.1f} ms | {wc[0]*1000:.1f} ms | {floor[0]*1000:.1f} ms | "
            f"{rep[0]/wc[0]:.2f}× | {one[0]/wc[0]:.2f}× | {rep[0]/floor[0]:.2f}× | {rep[1]/1024:.1f} MiB | {floor[1]/1024:.1f} MiB |"
        )
    out.append("")
    out.append("The same report as it runs day to day, finding the cache the run before it left")
    out.append("(every file unchanged, so none is read):\n")
    out.append("| lines | report, cache kept | `wc -l` | report, cache kept / `wc -l` |")
    out.append("| ---: | ---: | ---: | ---: |")
    for n, r in rows:
        kept, wc = r["report-cached"], r["wc"]
        out.append(f"| {n:,} | {kept[0]*1000:.1f} ms | {wc[0]*1000:.1f} ms | {kept[0]/wc[0]:.2f}× |")
    out.append("")
    out.append(f"Peak memory of report over {big:,} lines against {sizes[0]:,} lines: "
               f"**{large['report'][1]/small['report'][1]:.2f}×** (target ≤ 1.5×).\n")
    out.append(f"The scanner alone over the {logged:,}-line project (`cargo run --release --example scan_speed -- DIR`, best of five, one thread):\n")
    out.extend(f"- {line}" for line in scan.splitlines())
    out.append("")
    out.append("`plain` splits each line in place, as `report`, `status` and `check` read the lines the rules have")
    out.append("nothing to say about; `fast` fills a record from the same split, as the reader does for every other")
    out.append("line; `exact` is the state machine alone, the reference both are tested against.\n")
    out.append("## log\n")
    ms = lambda figures, name: f"{figures[name][0]*1000:.2f} ms"
    out.append("| command | wall |")
    out.append("| --- | ---: |")
    out.append(f"| `medlofte log` on {logged:,} lines over ten years | {ms(logs, 'log-full')} |")
    out.append(f"| `medlofte log` on only its last year | {ms(logs, 'log-last')} |")
    out.append(f"| `medlofte --version` | {ms(logs, 'version')} |")
    out.append(f"\nlog on {logged:,} lines against `--version`: **{logs['log-full'][0]/logs['version'][0]:.2f}×** (target ≤ 3×).")
    out.append(f"log on ten years against log on the last year: **{logs['log-full'][0]/logs['log-last'][0]:.2f}×** (target ≤ 1.5×).")
    out.append("Each run appends one line and syncs it to disk; with the cache, `log` brings the entry of")
    out.append("the file it appended to up to date from that line, so the next run reads no ledger file.\n")
    out.append(f"The same `log` on {logged:,} lines interleaved with runs that read every file:\n")
    out.append("| log | log, no cache |" + (" log, before |" if before else ""))
    out.append("| ---: | ---: |" + (" ---: |" if before else ""))
    out.append(f"| {ms(other_logs, 'log')} | {ms(other_logs, 'log-nocache')} |" + (f" {ms(other_logs, 'log-before')} |" if before else ""))
    out.append("\nWithout the cache `log` reads every file: a file's name does not prove which days its")
    out.append("lines are from.\n")
    out.append(f"## Part of the term, on {logged:,} lines\n")
    out.append("| command | cache | no cache |" + (" before |" if before else ""))
    out.append("| --- | ---: | ---: |" + (" ---: |" if before else ""))
    for name, args in views.items():
        cells = [view_times[name], view_times[name + "-nocache"]] + ([view_times[name + "-before"]] if before else [])
        out.append(f"| `medlofte {' '.join(args)}` | " + " | ".join(f"{c[0]*1000:.1f} ms" for c in cells) + " |")
    out.append("\nA tracked promise's window is the whole term, so on this project these commands need")
    out.append("lines of every year: with the cache, every file's sums come from it; without it, every")
    out.append("file is read. A file is left out only when the cache shows none of its lines falls on")
    out.append("the days needed.\n")
    out.append(f"## check, and 300 places, on {logged:,} lines (no cache)\n")
    out.append("| command | wall | peak memory |")
    out.append("| --- | ---: | ---: |")
    labels = {
        "report": "`medlofte report --format csv`",
        "check": "`medlofte check`",
        "status": "`medlofte status`",
        "status-300": "`medlofte status`, one promise kept for 300 places (`gen_ledger --places 300`)",
    }
    for name, label in labels.items():
        out.append(f"| {label} | {whole[name][0]*1000:.1f} ms | {whole[name][1]/1024:.1f} MiB |")
    out.append(f"| `medlofte report --format csv`, one thread | {whole['report-1'][0]*1000:.1f} ms | {whole['report-1'][1]/1024:.1f} MiB |")
    out.append(f"| `medlofte check`, one thread | {whole['check-1'][0]*1000:.1f} ms | {whole['check-1'][1]/1024:.1f} MiB |")
    out.append(f"\ncheck against report: **{whole['check'][0]/whole['report'][0]:.2f}×** on both cores, "
               f"**{whole['check-1'][0]/whole['report-1'][0]:.2f}×** on one thread (target ≤ 1.3×). "
               f"300 places against two: **{whole['status-300'][0]/whole['status'][0]:.2f}×** (target ≤ 1.2×).\n")
    out.append("## Peak memory of every command (no cache)\n")
    out.append("| command | " + " | ".join(memory_projects) + " |")
    out.append("| --- |" + " ---: |" * len(memory_projects))
    for name, args in memory_commands.items():
        cells = [memory[(label, name)] / 1024 for label in memory_projects]
        out.append(f"| `medlofte {' '.join(args)}` | " + " | ".join(f"{c:.1f} MiB" for c in cells) + " |")
    worst = max(memory.values()) / 1024
    out.append(f"\nThe most any of them takes: **{worst:.1f} MiB** (target ≤ 32 MiB). The broken copy has")
    out.append("30% of its lines broken in seven ways (a day that does not exist, an unknown promise, a NUL,")
    out.append("a personal number, a formula in a column too many, a line cut short, a quote left open): the")
    out.append("commands that refuse such a ledger read it all first, and every diagnostic list is capped.\n")
    out.append("## Start-up\n")
    out.append("| command | wall |")
    out.append("| --- | ---: |")
    out.append(f"| `medlofte status` on the shipped example | {example['status'][0]*1000:.2f} ms |")
    out.append(f"| `medlofte --version` | {example['version'][0]*1000:.2f} ms |")
    out.append(f"\nstatus against --version: **{example['status'][0]/example['version'][0]:.2f}×** (target ≤ 1.5×).")
    out.append("\n## Targets\n")
    for n in sizes[-2:]:
        r = report[n]
        out.append(f"- report over {n:,} lines: {r['report'][0]/r['wc'][0]:.2f}× `wc -l` on both cores (target ≤ 3×), "
                   f"{r['report-1'][0]/r['wc'][0]:.2f}× on one thread (target ≤ 5×); "
                   f"{r['report-1'][0]/r['floor'][0]:.2f}× the floor on one thread; "
                   f"with the cache kept, {r['report-cached'][0]/r['wc'][0]:.2f}× `wc -l`")
    text = "\n".join(out) + "\n"
    if quick:
        print(text)
    else:
        with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as f:
            f.write(text)
        print(text)


if __name__ == "__main__":
    main()
