#!/usr/bin/env python3
"""Fault injection for the annotation store.

1. Crash safety: start `gloss add` N times (default 1,000) and kill each with SIGKILL at a
   random moment. After every kill the store must parse; at the end it must hold every
   annotation whose `add` reported success ("added <id>").
2. Concurrency: P processes (2, then 4) each add K annotations (default 250) at once;
   nothing may be lost.

    python3 benchmarks/crash_safety.py [--gloss .build/release/gloss] [--kills 1000] [--per-writer 250]
"""
import argparse, json, os, random, shutil, signal, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
QUOTES = ["International inaction", "Nagorno-Karabakh", "Azerbaijan", "Armenia", "the West", "Russia", "peace"]


def library():
    folder = tempfile.mkdtemp(prefix="gloss-faults-")
    source = os.path.join(HERE, "..", "articles")
    for name in os.listdir(source):
        if not name.startswith("."):
            shutil.copy(os.path.join(source, name), folder)
    return folder


def store_ids(gloss, lib):
    out = subprocess.run([gloss, "annotations", "--json", "--library", lib], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"store unreadable: {out.stderr.strip()}")
    return {a["id"] for a in json.loads(out.stdout)}


def crash_safety(gloss, kills):
    lib = library()
    store = os.path.join(lib, ".gloss", "annotations.json")
    acknowledged = []
    rng = random.Random(1)
    parse_failures = 0
    for i in range(kills):
        quote = QUOTES[i % len(QUOTES)]
        proc = subprocess.Popen([gloss, "add", "--library", lib, "--article", "Nagorno", "--quote", quote, "--tag", f"k{i % 13}"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, 0.04))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        line = out.decode().strip()
        if line.startswith("added "):
            acknowledged.append(line[6:])
        if os.path.exists(store):
            try:
                with open(store) as f:
                    json.load(f)
            except ValueError:
                parse_failures += 1
    present = store_ids(gloss, lib)
    lost = [a for a in acknowledged if a not in present]
    print(f"crash safety: {kills} writers killed with SIGKILL at random moments; "
          f"{len(acknowledged)} had reported success; store failed to parse {parse_failures} times; "
          f"{len(lost)} acknowledged annotations lost")
    shutil.rmtree(lib)
    return parse_failures == 0 and not lost


def concurrency(gloss, processes, per_writer):
    lib = library()
    script = f'for i in $(seq {per_writer}); do "$0" add --library "$1" --article Nagorno --quote Azerbaijan --tag w$2 >/dev/null || exit 1; done'
    procs = [subprocess.Popen(["sh", "-c", script, gloss, lib, str(p)]) for p in range(processes)]
    ok = all(p.wait() == 0 for p in procs)
    count = len(store_ids(gloss, lib))
    expected = processes * per_writer
    print(f"concurrency: {processes} processes x {per_writer} adds at once: {count} of {expected} annotations in the store")
    shutil.rmtree(lib)
    return ok and count == expected


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gloss", default=os.path.join(HERE, "..", ".build", "release", "gloss"))
    ap.add_argument("--kills", type=int, default=1000)
    ap.add_argument("--per-writer", type=int, default=250)
    args = ap.parse_args()
    gloss = os.path.abspath(args.gloss)
    good = crash_safety(gloss, args.kills)
    good = concurrency(gloss, 2, args.per_writer) and good
    good = concurrency(gloss, 4, args.per_writer) and good
    sys.exit(0 if good else 1)


if __name__ == "__main__":
    main()
