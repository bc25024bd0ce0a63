#!/usr/bin/env python3
"""cli_bench.py: the path a user takes, timed as whole processes.

What it measures
    The release `pledger` binary's everyday commands, each run as a separate process
    (start-up, ledger open, view refresh, output and exit included), on two ledgers in
    one run:

      big    a large generated ledger (default 1,000,000 events over 500 partnerships),
             made once by `projection-bench --replay-only --ledger DIR` and kept in DIR
             for later runs;
      small  a fresh `pledger demo` ledger in a temporary directory.

    Per command and ledger: the median wall time of K runs (time.perf_counter around
    posix_spawn .. wait4) and the largest peak RSS of those runs (ru_maxrss from
    os.wait4's rusage; KB on Linux). Each ledger is first warmed once with
    `pledger health`, then once with `pledger partnership list`; those warm-ups are
    reported apart ("first command, views cold", "first list, entries cold").

    Commands (X a partnership, ORG our organisation, PARTNER another party of X):
      log call -p X --attendee ORG:manager --attendee PARTNER:director
      commitment make -p X --owner PARTNER --beneficiary ORG --kind integration
                      --description bench --due 2030-01-01
      partnership show X | partnership list | history -p X --last 5 | health X
      health (the portfolio) | flags X | report X --format json -o FILE | classify X
    The two recording commands append events, so the ledgers grow by a few events a run.

    Checks (reported, never the exit status): every one-partnership command (log call,
    commitment make, partnership show, history, health X, flags X, report X) within 3x
    of the small ledger and under 80 MB peak on the big one; `partnership list` within
    2x of the portfolio `health` on the big ledger.

    The generated ledger has no single organisation: partnership-i's parties are
    p<i>-party-0, p<i>-party-1 (and sometimes -2), and p<i>-party-0 organises its calls.
    So X is partnership-0 and the ledger is given `pledger init --organization
    p0-party-0` (init adopts an existing ledger without settings).

Output
    A markdown table and the checks on stdout; OUT/DATE_LABEL.json (every run's time,
    RSS and exit status, git commit, event counts from `pledger digest --json`, nproc)
    and OUT/DATE_LABEL.md (the table and the checks).
    Exit status 0, or 1 when a command failed (its row is marked FAILED).

How to run (from the package root, after building both products in release)
    flock /tmp/pledger-build.lock swift build -c release --product pledger
    flock /tmp/pledger-build.lock swift build -c release --product projection-bench
    python3 tools/cli-bench/cli_bench.py --label baseline
    # quick try: a small "big" ledger, one run each
    python3 tools/cli-bench/cli_bench.py --events 20000 --partnerships 20 \
        --big /tmp/cli-bench-small-test --runs 1

Options: --pledger PATH, --projection-bench PATH, --big DIR, --events N,
--partnerships P, --runs K, --out DIR, --label TEXT, --timeout SECONDS, --keep-small.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONE_PARTNERSHIP = ["log call", "commitment make", "partnership show", "history", "health X", "flags X", "report X"]
RATIO_LIMIT = 3.0
RSS_LIMIT_MB = 80.0
LIST_VS_PORTFOLIO_LIMIT = 2.0
BIG_ORGANIZATION = "p0-party-0"
BIG_PARTNERSHIP = "partnership-0"


def log(message: str) -> None:
    print(f"cli-bench: {message}", file=sys.stderr, flush=True)


def measure(argv: list[str], timeout: float) -> dict:
    """Runs argv once with stdout to /dev/null; returns wall ms, peak RSS MB, exit code and stderr."""
    with tempfile.TemporaryFile() as err:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, err.fileno(), 2),
        ]
        env = dict(os.environ, NO_COLOR="1")
        timed_out = threading.Event()
        started = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, env, file_actions=actions)

        def kill() -> None:
            timed_out.set()
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(pid, 0)
        elapsed = (time.perf_counter() - started) * 1000
        timer.cancel()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if timed_out.is_set():
        stderr += f"\n(killed after the {timeout:.0f} s timeout)"
    return {"ms": round(elapsed, 3), "peak_rss_mb": round(usage.ru_maxrss / 1024, 2), "exit": code, "stderr": stderr.strip()}


def capture(argv: list[str], what: str) -> str:
    """Runs a look-up command and returns its stdout; exits the benchmark when it fails."""
    done = subprocess.run(argv, capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
    if done.returncode != 0:
        log(f"{what} failed (exit {done.returncode}): {' '.join(argv)}\n{done.stderr.strip()}")
        sys.exit(2)
    return done.stdout


def head(pledger: str, ledger: str) -> dict:
    return json.loads(capture([pledger, "digest", "--json", "--ledger", ledger], "digest"))


def organization(ledger: str) -> str | None:
    path = Path(ledger, "pledger-settings.json")
    if not path.exists():
        return None
    return json.loads(path.read_text())["organization"]["id"]


def party_ids(pledger: str, ledger: str, slug: str) -> list[str]:
    shown = json.loads(capture([pledger, "partnership", "show", slug, "--json", "--ledger", ledger], "partnership show"))
    return [party["id"] if isinstance(party, dict) else party for party in shown["parties"]]


def prepare_big(args, pledger: str) -> dict:
    """Generates the big ledger when DIR holds none, gives it an organisation, returns its facts."""
    directory = str(Path(args.big).resolve())
    facts: dict = {"path": directory, "generated": False}
    if not Path(directory, "data.mdb").exists():
        bench = str(Path(args.projection_bench).resolve())
        if not os.access(bench, os.X_OK):
            log(f"no projection-bench at {bench}; build it with "
                "`flock /tmp/pledger-build.lock swift build -c release --product projection-bench`")
            sys.exit(2)
        Path(directory).mkdir(parents=True, exist_ok=True)
        argv = [bench, "--events", str(args.events), "--partnerships", str(args.partnerships),
                "--ledger", directory, "--replay-only"]
        log(f"generating the big ledger: {' '.join(argv)}")
        started = time.perf_counter()
        done = subprocess.run(argv, stdout=subprocess.PIPE, text=True)  # its table goes to our stderr
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            log(f"projection-bench failed (exit {done.returncode})")
            sys.exit(2)
        phases = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        facts.update(generated=True, generation_s=round(seconds, 1), generation_phases=phases)
        log(f"generated in {seconds:.1f} s")
    owner = organization(directory)
    if owner is None:
        capture([pledger, "init", "--organization", BIG_ORGANIZATION, "--ledger", directory], "init")
        owner = BIG_ORGANIZATION
        facts["initialized"] = True
    parties = party_ids(pledger, directory, BIG_PARTNERSHIP)
    if owner not in parties:
        log(f"the big ledger belongs to {owner}, not a party of {BIG_PARTNERSHIP} ({parties}); use another --big DIR")
        sys.exit(2)
    facts.update(organization=owner, partnership=BIG_PARTNERSHIP, partner=next(p for p in parties if p != owner))
    return facts


def prepare_small(pledger: str, directory: str) -> dict:
    ledger = str(Path(directory, "ledger"))
    capture([pledger, "demo", ledger], "demo")
    owner = organization(ledger)
    rows = json.loads(capture([pledger, "partnership", "list", "--json", "--ledger", ledger], "partnership list"))
    for row in rows:
        parties = party_ids(pledger, ledger, row["slug"])
        if owner in parties and row.get("status", "active") not in ("closed",):
            return {"path": ledger, "organization": owner, "partnership": row["slug"],
                    "partner": next(p for p in parties if p != owner)}
    log("no open demo partnership has our organisation among its parties")
    sys.exit(2)


def commands(ledger: dict, report_file: str) -> list[tuple[str, list[str]]]:
    x, org, partner = ledger["partnership"], ledger["organization"], ledger["partner"]
    return [
        ("log call", ["log", "call", "-p", x, "--attendee", f"{org}:manager", "--attendee", f"{partner}:director"]),
        ("commitment make", ["commitment", "make", "-p", x, "--owner", partner, "--beneficiary", org,
                             "--kind", "integration", "--description", "bench", "--due", "2030-01-01"]),
        ("partnership show", ["partnership", "show", x]),
        ("partnership list", ["partnership", "list"]),
        ("history", ["history", "-p", x, "--last", "5"]),
        ("health X", ["health", x]),
        ("health", ["health"]),
        ("flags X", ["flags", x]),
        ("report X", ["report", x, "--format", "json", "-o", report_file]),
        ("classify X", ["classify", x]),
    ]


def run_ledger(pledger: str, ledger: dict, runs: int, timeout: float, report_file: str) -> dict:
    path = ledger["path"]
    warm = measure([pledger, "health", "--ledger", path], timeout)
    if warm["exit"] != 0:
        log(f"warm-up failed: health --ledger {path}\n{warm['stderr']}")
    log(f"{ledger['name']}: first command (views cold) {warm['ms']:.0f} ms, {warm['peak_rss_mb']:.1f} MB")
    warm_list = measure([pledger, "partnership", "list", "--ledger", path], timeout)
    if warm_list["exit"] != 0:
        log(f"warm-up failed: partnership list --ledger {path}\n{warm_list['stderr']}")
    log(f"{ledger['name']}: first list (entries cold) {warm_list['ms']:.0f} ms, {warm_list['peak_rss_mb']:.1f} MB")
    results = {}
    for name, argv in commands(ledger, report_file):
        full = [pledger, *argv, "--ledger", path]
        samples = []
        for _ in range(runs):
            sample = measure(full, timeout)
            samples.append(sample)
            if sample["exit"] != 0:
                log(f"FAILED (exit {sample['exit']}): {' '.join(full)}\n{sample['stderr']}")
        ok = all(s["exit"] == 0 for s in samples)
        results[name] = {
            "argv": full, "ok": ok, "runs": samples,
            "median_ms": round(statistics.median(s["ms"] for s in samples), 3),
            "peak_rss_mb": max(s["peak_rss_mb"] for s in samples),
        }
        log(f"{ledger['name']}: {name:17} {results[name]['median_ms']:9.1f} ms {results[name]['peak_rss_mb']:7.1f} MB"
            + ("" if ok else "  FAILED"))
    return {"warmup": warm, "warmup_list": warm_list, "commands": results}


def table(big: dict, small: dict) -> list[str]:
    lines = ["| command | big median ms | big peak MB | small median ms | small peak MB | ratio big/small |",
             "|---|---:|---:|---:|---:|---:|"]
    wb, ws = big["warmup"], small["warmup"]
    lines.append(f"| first command, views cold (`health`) | {wb['ms']:.1f} | {wb['peak_rss_mb']:.1f} | "
                 f"{ws['ms']:.1f} | {ws['peak_rss_mb']:.1f} | {wb['ms'] / ws['ms']:.1f}x |")
    lb, ls = big["warmup_list"], small["warmup_list"]
    lines.append(f"| first `partnership list`, entries cold | {lb['ms']:.1f} | {lb['peak_rss_mb']:.1f} | "
                 f"{ls['ms']:.1f} | {ls['peak_rss_mb']:.1f} | {lb['ms'] / ls['ms']:.1f}x |")
    for name, b in big["commands"].items():
        s = small["commands"][name]
        if b["ok"] and s["ok"]:
            ratio = f"{b['median_ms'] / s['median_ms']:.1f}x"
        else:
            ratio = "FAILED"
        mark = lambda row, text: text if row["ok"] else f"FAILED ({text})"
        lines.append(f"| {name} | {mark(b, format(b['median_ms'], '.1f'))} | {b['peak_rss_mb']:.1f} | "
                     f"{mark(s, format(s['median_ms'], '.1f'))} | {s['peak_rss_mb']:.1f} | {ratio} |")
    return lines


def checks(big: dict, small: dict) -> list[dict]:
    found = []
    for name in ONE_PARTNERSHIP:
        b, s = big["commands"][name], small["commands"][name]
        ok = b["ok"] and s["ok"]
        ratio = b["median_ms"] / s["median_ms"] if ok else None
        found.append({"check": f"{name}: within {RATIO_LIMIT:g}x of small", "value": ratio,
                      "pass": ok and ratio <= RATIO_LIMIT})
        found.append({"check": f"{name}: under {RSS_LIMIT_MB:g} MB peak (big)", "value": b["peak_rss_mb"],
                      "pass": b["ok"] and b["peak_rss_mb"] < RSS_LIMIT_MB})
    listing, portfolio = big["commands"]["partnership list"], big["commands"]["health"]
    ok = listing["ok"] and portfolio["ok"]
    ratio = listing["median_ms"] / portfolio["median_ms"] if ok else None
    found.append({"check": f"partnership list within {LIST_VS_PORTFOLIO_LIMIT:g}x of portfolio health (big)",
                  "value": ratio, "pass": ok and ratio <= LIST_VS_PORTFOLIO_LIMIT})
    return found


def check_lines(found: list[dict]) -> list[str]:
    lines = []
    for check in found:
        value = check["value"]
        shown = "n/a" if value is None else (f"{value:.1f} MB" if "MB" in check["check"] else f"{value:.2f}x")
        lines.append(f"- {'PASS' if check['pass'] else 'FAIL'}  {check['check']}: {shown}")
    passed = sum(c["pass"] for c in found)
    lines.append(f"- {passed} of {len(found)} checks pass")
    return lines


def git(*argv: str) -> str:
    done = subprocess.run(["git", *argv], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def binary_facts(path: str) -> dict:
    stat = os.stat(path)
    return {"path": path, "size": stat.st_size,
            "mtime": dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc).isoformat(timespec="seconds")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pledger", default=str(ROOT / ".build/release/pledger"))
    parser.add_argument("--projection-bench", default=str(ROOT / ".build/release/projection-bench"))
    parser.add_argument("--big", default="/tmp/cli-bench-big", help="the large ledger, generated when it holds no data.mdb")
    parser.add_argument("--events", type=int, default=1_000_000, help="events of a generated big ledger")
    parser.add_argument("--partnerships", type=int, default=500, help="partnerships of a generated big ledger")
    parser.add_argument("--runs", type=int, default=3, help="runs per command (median time, max RSS)")
    parser.add_argument("--out", default=str(ROOT / "tools/cli-bench/results"))
    parser.add_argument("--label", default="", help="names the result files: OUT/DATE_LABEL.{json,md}")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one command is killed and marked FAILED")
    parser.add_argument("--keep-small", action="store_true", help="keep the demo ledger's temporary directory")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    pledger = str(Path(args.pledger).resolve())
    if not os.access(pledger, os.X_OK):
        log(f"no pledger at {pledger}; build it with `flock /tmp/pledger-build.lock swift build -c release --product pledger`")
        return 2
    started = time.perf_counter()
    big = prepare_big(args, pledger)
    big["name"] = "big"
    scratch = tempfile.mkdtemp(prefix="cli-bench-")
    try:
        small = prepare_small(pledger, scratch)
        small["name"] = "small"
        for ledger in (big, small):
            ledger["head_before"] = head(pledger, ledger["path"])
        log(f"big: {big['path']}, {big['head_before']['position']} events, {big['partnership']} "
            f"({big['organization']} with {big['partner']})")
        log(f"small: {small['path']}, {small['head_before']['position']} events, {small['partnership']} "
            f"({small['organization']} with {small['partner']})")
        report_file = str(Path(scratch, "report.json"))  # `report -o` writes atomically: a temp file beside it, renamed
        measured_started = time.perf_counter()
        big_results = run_ledger(pledger, big, args.runs, args.timeout, report_file)
        small_results = run_ledger(pledger, small, args.runs, args.timeout, report_file)
        measured_s = time.perf_counter() - measured_started
        for ledger in (big, small):
            ledger["head_after"] = head(pledger, ledger["path"])
    finally:
        if args.keep_small:
            log(f"kept {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)

    now = dt.datetime.now(dt.timezone.utc)
    label = re.sub(r"[^A-Za-z0-9._-]+", "-", args.label).strip("-")
    stem = now.strftime("%Y-%m-%d_%H%M") + (f"_{label}" if label else "")
    commit = git("rev-parse", "--short", "HEAD")
    dirty = [line[3:] for line in git("status", "--porcelain").splitlines() if line[3:].startswith(("Sources/", "Tests/", "Package"))]
    rows = table(big_results, small_results)
    found = checks(big_results, small_results)
    header = (f"cli-bench {now.isoformat(timespec='seconds')}, commit {commit}{' (+ uncommitted changes)' if dirty else ''}, "
              f"nproc {os.cpu_count()}, runs {args.runs}; big {big['head_before']['position']} events "
              f"({big['partnership']}), small demo {small['head_before']['position']} events ({small['partnership']})")
    text = [header, "", *rows, "", "Checks (report only):", *check_lines(found)]
    print("\n".join(text))

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failed = any(not r["ok"] for res in (big_results, small_results) for r in res["commands"].values())
    document = {
        "date": now.isoformat(timespec="seconds"), "label": args.label, "git_commit": commit,
        "uncommitted_changes": dirty, "nproc": os.cpu_count(), "uname": " ".join(os.uname()),
        "runs_per_command": args.runs, "pledger": binary_facts(pledger),
        "ledgers": {
            "big": {**{k: v for k, v in big.items() if k != "name"}, **big_results},
            "small": {**{k: v for k, v in small.items() if k != "name"}, **small_results},
        },
        "checks": found, "any_failed": failed,
        "measured_s": round(measured_s, 1), "total_s": round(time.perf_counter() - started, 1),
    }
    (out / f"{stem}.json").write_text(json.dumps(document, indent=2) + "\n")
    (out / f"{stem}.md").write_text("\n".join(text) + "\n")
    log(f"wrote {out / stem}.json and .md; measuring took {measured_s:.1f} s, all {time.perf_counter() - started:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
