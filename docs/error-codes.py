#!/usr/bin/env python3
"""Prints docs/error-codes.md from Sources/PartnerCenter/API/ErrorCode.swift (one source of truth)."""
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
source = (root / "Sources/PartnerCenter/API/ErrorCode.swift").read_text()
rows = sorted(
    (int(m.group(2)), m.group(1), (m.group(3) or "").strip())
    for m in re.finditer(r"static let (\w+) = (\d+)(?:[ \t]*//[ \t]*([^\n]*))?", source)
)
print("# Error codes\n")
print("Every error body is `{\"code\", \"description\", \"data\", \"source\"}`. Codes from 800000 up and the")
print("small 2xxx/3000 codes are the real Partner Center's; 7xxxxx codes are the simulator's own, outside the")
print("real ranges so they never collide. Generated from `Sources/PartnerCenter/API/ErrorCode.swift` by")
print("`python3 docs/error-codes.py > docs/error-codes.md`.\n")
print("| code | name | origin | note |")
print("| --- | --- | --- | --- |")
for code, name, note in rows:
    origin = "pcsim" if 700000 <= code < 800000 else "Partner Center"
    print(f"| {code} | `{name}` | {origin} | {note} |")
