#!/usr/bin/env python3
"""Prints the README's rule coverage table: every rule ID of spec/domain.md, whether a test
names it, and the tests that do. Run from the repository root:
    python3 docs/coverage.py [path/to/spec/domain.md]
"""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
domain = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root.parent / "shared/spec/domain.md"
rules = []
for line in domain.read_text().splitlines():
    m = re.match(r"- \*\*([A-Z0-9]+-\d+)\*\* (.*)", line.strip())
    if m:
        summary = re.split(r"(?<=[.;])\s", m.group(2))[0].rstrip(".;:")
        rules.append((m.group(1), summary[:90]))

tests = {}
for path in sorted((root / "Tests").rglob("*.swift")):
    text = path.read_text()
    # One entry per test function: its display name when it has one, else its Swift name.
    for m in re.finditer(r'(?:@Test\("([^"]+)"[^\n]*\n\s*)?func (\w+)\(', text):
        display, function = m.group(1), m.group(2)
        if not display and not function.startswith("test"):
            continue
        ids = set(re.findall(r"\b([A-Z][A-Z0-9]{1,3}-\d+)\b", display or "")) | {
            f"{a}-{b}" for a, b in re.findall(r"(?:^|_)([A-Z][A-Z0-9]{1,3})_(\d+)(?=_|$)", function)}
        for rid in sorted(ids):
            tests.setdefault(rid, []).append((display or function, path.relative_to(root)))

print("| rule | what | status | tests (file: test) |")
print("| --- | --- | --- | --- |")
for rid, summary in rules:
    found = tests.get(rid, [])
    status = f"implemented and tested ({len(found)})" if found else "not yet"
    shown = "; ".join(f"`{p.name}`: {n}" for n, p in found[:2]) + (f"; +{len(found) - 2} more" if len(found) > 2 else "")
    print(f"| {rid} | {summary} | {status} | {shown} |")
