#!/usr/bin/env python3
"""Prints the README's parity table: every REST reference page of Tests/ContractTests/Pages,
the routes of pcsim it documents, and how many of its request/response examples and
documented errors have a contract test (a test named "<page> example ..." or
"<page> error ...", the same count ContractRegisterTests checks). Run from the repository root:
    python3 docs/contract-coverage.py
"""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parent.parent
contract = root / "Tests" / "ContractTests"
source = "".join(p.read_text() for p in sorted(contract.rglob("*.swift")))
pages = []
for path in sorted((contract / "Pages").glob("*.json")):
    pages += json.loads(path.read_text())


def count(prefix):
    return len(re.findall(r'@Test\("' + re.escape(prefix), source))


rows = []
totals = [0, 0, 0, 0]
for page in sorted(pages, key=lambda p: p["page"]):
    examples, errors = count(page["page"] + " example "), count(page["page"] + " error ")
    totals = [totals[0] + examples, totals[1] + page.get("examples", 0), totals[2] + errors, totals[3] + page.get("errors", 0)]
    routes = "<br>".join(f"`{r}`" for r in page.get("routes", []))
    rows.append(f"| [{page['page']}]({page['url']}) | {routes} | {examples} / {page.get('examples', 0)} | {errors} / {page.get('errors', 0)} |")

print(f"Examples covered: **{totals[0]} of {totals[1]}**; documented errors covered: **{totals[2]} of {totals[3]}** "
      f"({len(pages)} pages).\n")
print("| Page | pcsim routes | Examples | Errors |")
print("| --- | --- | --- | --- |")
print("\n".join(rows))
gaps = [(p["page"], reason) for p in pages for reason in p.get("uncoveredExamples", []) + p.get("uncoveredErrors", [])]
if gaps:
    print("\nNot covered, and why:\n")
    for page, reason in gaps:
        print(f"- {page}: {reason}")
