#!/usr/bin/env python3
"""Checks that every target's imports are the dependencies Package.swift declares for it.

For each target of `swift package dump-package`, the modules its Swift files import are
compared with its declared dependencies (targets and products):
- a module imported but not declared is an error (it builds only by accident, through
  another target's dependency);
- a dependency declared but never imported is an error, except executables that a test
  target depends on to have them built (the binaries it runs as child processes).
System modules (Foundation, Glibc, Testing and the like) need no declaration. A module that
a dependency re-exports (`@_exported import`) counts as imported where it is used.

Also checks the layering rules of the house style: only LMDB imports CLMDB; the domain,
projection and presentation modules import no storage module; the command line imports
neither EventLog nor LMDB.

Usage: python3 tools/check_imports.py   (from the package root; exit 1 on a mismatch)
"""
import json
import os
import re
import subprocess
import sys

SYSTEM = {"Foundation", "FoundationXML", "FoundationEssentials", "Glibc", "Darwin", "Dispatch", "Testing", "XCTest",
          "Synchronization"}
IMPORT = re.compile(r"^\s*(?:@testable\s+|@_exported\s+|internal\s+|public\s+|private\s+|package\s+)*import\s+(?:struct\s+|class\s+|enum\s+|func\s+)?([A-Za-z_][A-Za-z0-9_]*)", re.M)
STORAGE = {"CLMDB", "LMDB", "EventLog", "ProjectionStore"}
NO_STORAGE = {"PartnerDomain", "PartnerProjections", "PartnerReports", "pledger"}


def target_dir(target: dict) -> str:
    if target.get("path"):
        return target["path"]
    base = "Tests" if target["type"] == "test" else "Sources"
    return os.path.join(base, target["name"])


EXPORTED = re.compile(r"^\s*@_exported\s+import\s+([A-Za-z_][A-Za-z0-9_]*)", re.M)


def modules_in(directory: str, pattern: re.Pattern) -> set[str]:
    """The modules `pattern` finds in the Swift files below `directory`."""
    found = set()
    for root, _, files in os.walk(directory):
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    found.update(pattern.findall(handle.read()))
    return found


def main() -> int:
    package = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True, capture_output=True, text=True).stdout)
    targets = {t["name"]: t for t in package["targets"]}
    problems = []
    for target in package["targets"]:
        if target["type"] == "system":
            continue
        declared = set()
        for dependency in target["dependencies"]:
            kind = next(iter(dependency))
            declared.add(dependency[kind][0])
        directory = target_dir(target)
        imported = modules_in(directory, IMPORT) - SYSTEM - {target["name"]}
        reexported = set()
        for name in declared & targets.keys():
            reexported |= modules_in(target_dir(targets[name]), EXPORTED)
        for module in sorted(imported - declared - reexported):
            problems.append(f"{target['name']}: imports {module}, which Package.swift does not declare for it")
        for module in sorted(declared - imported):
            if target["type"] == "test" and targets.get(module, {}).get("type") == "executable":
                continue
            problems.append(f"{target['name']}: declares {module} but never imports it")
        if "CLMDB" in imported and target["name"] != "LMDB":
            problems.append(f"{target['name']}: only LMDB may import CLMDB")
        if target["name"] in NO_STORAGE and imported & STORAGE:
            problems.append(f"{target['name']}: imports storage ({', '.join(sorted(imported & STORAGE))})")
    for problem in problems:
        print("check_imports: " + problem, file=sys.stderr)
    print(f"check_imports: {len(package['targets'])} targets, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
