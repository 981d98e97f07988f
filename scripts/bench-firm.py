#!/usr/bin/env python3
"""bench-firm.py DIR CASES - write a synthetic firm's cases for `make bench`.

DIR is a firm made by `docket init`; this appends staff to its docket.ini
and writes CASES cases (case.ini and several notes each, deadlines,
escalations) as the firm would hold them on 2026-11-22.  It writes files
only; the caller commits them once.  The same CASES gives the same firm.
"""
import os
import random
import sys

STAGES = ["intake", "treatment", "records", "demand", "negotiation",
          "litigation", "settlement", "closed"]
CONTACT = ["call", "email", "text", "meeting", "letter", "portal"]
OTHER = ["medical", "internal"]
REASONS = ["medical", "complexity", "treatment", "coverage", "communication"]
PHRASES = ["numbness", "semi truck", "stopped treatment", "denied",
           "frustrated", "witness", "coverage", "forgetful"]
SURNAMES = ["smith", "garcia", "chen", "okafor", "brown", "novak", "diaz",
            "kim", "walsh", "haddad", "lopez", "young", "patel", "nguyen",
            "cohen", "murphy", "rossi", "silva", "khan", "meyer"]
FIRST = ["John", "Maria", "Wei", "Ada", "Sam", "Ivana", "Luis", "Grace",
         "Tom", "Rami", "Elena", "Chris", "Priya", "Linh", "Dana", "Pat"]
WORDS = ("client reports pain in the lower back and neck after the collision "
         "physical therapy twice a week adjuster asked for the police report "
         "records requested from the clinic follow up next week about the "
         "billing ledger and the wage loss letter from the employer treating "
         "doctor recommends an MRI of the lumbar spine").split()

DAY = 86400


def ymd(day):
    import datetime
    d = datetime.date(1970, 1, 1) + datetime.timedelta(days=day)
    return d.isoformat()


def day_of(s):
    import datetime
    return (datetime.date.fromisoformat(s) - datetime.date(1970, 1, 1)).days


def body(rnd, hit):
    n = rnd.randint(30, 140)
    words = [rnd.choice(WORDS) for _ in range(n)]
    if hit:
        words.insert(rnd.randrange(len(words)), rnd.choice(PHRASES))
    text = " ".join(words)
    lines, line = [], []
    for w in text.split():
        line.append(w)
        if len(" ".join(line)) > 66:
            lines.append(" ".join(line))
            line = []
    if line:
        lines.append(" ".join(line))
    head = ""
    if rnd.random() < 0.3:
        head = "**Call summary**\n\n"
    tail = ""
    if rnd.random() < 0.2:
        tail = "\n\n- records requested\n- follow up in a week\n"
    return head + "\n".join(lines).capitalize() + "\n" + tail


def main():
    top, ncases = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(ncases)
    as_of = day_of("2026-11-22")
    # about as many people as the open cases need, so some are over
    nman = max(2, ncases * 3 // 10 // 140)
    natt = max(2, ncases * 3 // 10 // 95)
    managers = ["m%02d" % i for i in range(nman)]
    attorneys = ["a%02d" % i for i in range(natt)]
    with open(os.path.join(top, "docket.ini"), "a") as f:
        for h in managers + attorneys:
            role = "manager" if h[0] == "m" else "attorney"
            f.write('\n[staff "%s"]\nname = Staff %s\nemail = %s@bench.example\n'
                    'role = %s\n' % (h, h.upper(), h, role))
    used = set()
    for i in range(ncases):
        sur = rnd.choice(SURNAMES)
        while True:
            cid = "%s-%05d%s" % (sur, i, rnd.choice("abcdefghjkmnpqrstuvwxyz"))
            if cid not in used:
                used.add(cid)
                break
        # the firm's history: older cases are mostly closed
        opened = as_of - int(rnd.random() ** 1.6 * 6 * 365) - 1
        age = as_of - opened
        closed = rnd.random() < min(0.9, age / (3.5 * 365)) and age > 60
        if closed:
            closed_day = min(as_of, opened + rnd.randint(60, 900))
            stage, end = "closed", closed_day
        else:
            stage = STAGES[min(6, int(rnd.random() * 7 * min(1, age / 500)))]
            end = as_of
        year = ymd(opened)[:4]
        cdir = os.path.join(top, "cases", year, cid)
        os.makedirs(os.path.join(cdir, "notes"))
        man, att = rnd.choice(managers), rnd.choice(attorneys)
        first = rnd.choice(FIRST)
        incident = opened - rnd.randint(1, 60)
        lines = ["[case]", "id = " + cid,
                 "title = %s %s v. Acme %d" % (first, sur.title(), i),
                 "client = %s %s" % (first, sur.title()),
                 "type = " + rnd.choice(["auto", "truck", "premises",
                                         "dog-bite", "motorcycle"]),
                 "opened = " + ymd(opened), "incident = " + ymd(incident),
                 "stage = " + stage,
                 "status = " + ("closed" if closed else "open"),
                 "closed = " + (ymd(closed_day) if closed else ""),
                 "attorney = " + att, "manager = " + man, "",
                 "[client]", "phone = +1 555 %04d" % (i % 10000),
                 "email = client%d@example.com" % i, "",
                 "[insurance]", "carrier = Great Plains Mutual",
                 "claim = GP-%d" % i, "adjuster = Dana Roe", "",
                 "[stages]"]
        idx = STAGES.index(stage)
        span = max(1, end - opened)
        for k in range(idx + 1):
            lines.append("%s = %s" % (STAGES[k],
                                      ymd(opened + span * k // (idx + 1))))
        lines += ["", '[due "sol"]', "date = " + ymd(incident + 730),
                  "what = Statute of limitations", "who = " + att,
                  "done = " + (ymd(closed_day) if closed else ""), ""]
        for k in range(rnd.randint(0, 3)):
            d = opened + rnd.randint(5, span + 20)
            done = closed or rnd.random() < 0.5
            lines += ['[due "task-%d"]' % k, "date = " + ymd(d),
                      "what = Follow up on item %d" % k, "who = " + man,
                      "done = " + (ymd(min(d, end)) if done else ""), ""]
        notes = []
        for k in range(rnd.randint(0, 2)):
            od = opened + rnd.randint(1, span)
            open_ = not closed and rnd.random() < 0.3
            reason = rnd.choice(REASONS)
            lines += ['[escalation "%d"]' % (k + 1), "opened = " + ymd(od),
                      "by = " + man, "to = " + att, "reason = " + reason,
                      "what = Escalation about %s" % reason,
                      "resolved = " + ("" if open_ else ymd(min(end, od + 3))),
                      "resolution = " + ("" if open_ else "Handled"), ""]
            notes.append((od * DAY + 40000, "escalation", man,
                          "Escalation %d (%s) to %s:\n\nEscalation about %s\n"
                          % (k + 1, reason, att, reason)))
        for k in range(rnd.randint(3, 8)):
            t = (opened + rnd.randint(0, span)) * DAY + rnd.randint(0, DAY - 1)
            kind = rnd.choice(CONTACT + CONTACT + OTHER)
            notes.append((t, kind, man, body(rnd, rnd.random() < 0.04)))
        with open(os.path.join(cdir, "case.ini"), "w") as f:
            f.write("\n".join(lines))
        seen = set()
        for t, kind, who, text in notes:
            import time
            stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(t))
            name = "%s-%s-%s.md" % (stamp, kind, who)
            if name in seen:
                continue
            seen.add(name)
            with open(os.path.join(cdir, "notes", name), "w") as f:
                f.write(text)


if __name__ == "__main__":
    main()
