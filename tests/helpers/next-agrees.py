#!/usr/bin/env python3
# next-agrees.py REPORT.json NEXT.json: `docket next --all --json` says what
# `docket report --json` counts, fact for fact: each action is one of the
# report's facts and each fact (that is an action) is one action.
# Exits non-zero, saying what differs, when they disagree.
import json
import re
import sys

r = json.load(open(sys.argv[1]))
n = json.load(open(sys.argv[2]))

ACTIONS = ["sol", "notice", "overdue", "demand", "inquiry", "escalation",
           "offer", "contact", "records", "treatment", "due-soon", "stuck"]
acts = {a: [] for a in ACTIONS}
for x in n:
    assert x["action"] in acts, x
    acts[x["action"]].append(x)


def same(what, got, want):
    got, want = sorted(got), sorted(want)
    if got != want:
        sys.exit("%s: next says %r, the report %r" % (what, got, want))


def first(why, sep):
    return why.split(sep)[0]


demand_cases = {d["case"] for d in r["demands_due"]}


def own(case, name):
    """The action a deadline backs, or None (overdue, due-soon)."""
    if name == "sol":
        return "sol"
    if name == "notice-of-claim":
        return "notice"
    if name.startswith("records-"):
        return "records"
    if re.fullmatch(r"offer-[0-9]+", name):
        return "offer"
    if name == "demand" and case in demand_cases:
        return "demand"
    return None


same("contact", [x["case"] for x in acts["contact"]],
     [s["case"] for s in r["contact"]["stale"] +
      r["contact"]["awaiting_first_contact"]])
same("stuck", [x["case"] for x in acts["stuck"]],
     [s["case"] for s in r["stuck"]])
same("treatment", [(x["case"], first(x["why"], ":")) for x in acts["treatment"]],
     [(g["case"], g["provider"]) for g in r["treatment_gaps"]])
same("demand", [x["case"] for x in acts["demand"]], demand_cases)
same("escalation", [(x["case"], x["who"]) for x in acts["escalation"]],
     [(e["case"], e["to"]) for e in r["escalations"]])
same("inquiry", [x["case"] for x in acts["inquiry"]],
     [q["case"] for q in r["inquiries"]["open"]])
same("sol", [x["case"] for x in acts["sol"]],
     [w["case"] for w in r["sol_watch"] if w["days"] <= 30])
same("notice", [x["case"] for x in acts["notice"]],
     [w["case"] for w in r["notice_watch"] if w["days"] <= 30])
same("overdue", [(x["case"], first(x["why"], " "), x["who"]) for x in acts["overdue"]],
     [(d["case"], d["name"], d["who"]) for d in r["overdue"]
      if own(d["case"], d["name"]) is None])
same("due-soon", [(x["case"], first(x["why"], " "), x["who"]) for x in acts["due-soon"]],
     [(d["case"], d["name"], d["who"]) for d in r["due_soon"]
      if own(d["case"], d["name"]) is None])
same("records", [(x["case"], "records-" + first(x["why"], ":"), x["who"])
                 for x in acts["records"]],
     [(d["case"], d["name"], d["who"]) for d in r["overdue"]
      if d["name"].startswith("records-")])
# an offer not conveyed is an action whatever its date: those the report
# lists as overdue or due soon are among them
offers = {(x["case"], first(x["why"], ":")) for x in acts["offer"]}
listed = {(d["case"], d["name"]) for d in r["overdue"] + r["due_soon"]
          if own(d["case"], d["name"]) == "offer"}
if not listed <= offers:
    sys.exit("offer: the report's %r are not all in next's %r" % (listed, offers))
# and each of the law's deadlines the report lists overdue or due soon is
# its own action
law = {(d["case"], own(d["case"], d["name"])) for d in r["overdue"] + r["due_soon"]
       if own(d["case"], d["name"]) in ("sol", "notice")}
got = {(x["case"], x["action"]) for x in acts["sol"] + acts["notice"]}
if not law <= got:
    sys.exit("sol/notice: %r not all in %r" % (law, got))
print("next and report agree: %d actions" % len(n))
