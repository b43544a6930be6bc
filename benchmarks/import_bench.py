#!/usr/bin/env python3
"""Whole-process timings of `gloss import` of quote-only W3C annotations, and of
`gloss annotations --json` and `gloss export` with what was imported, on the generated 10 MB
article of first_paint.py. Prints medians (and min/max) of N runs per command.

    python3 benchmarks/import_bench.py [--gloss .build/release/gloss] [--runs 5]
                                       [--counts 10000,100000] [--other OLD_GLOSS]

The annotations carry only a TextQuoteSelector (exact, prefix and suffix of 32 scalars, no
position), as another tool exports them: quotes of 12 to 160 scalars from random places of
the article, 3% of them a single short word (fewer scalars than the anchoring index's gram,
most of them occurring thousands of times), 5% repeating an earlier quote elsewhere, dates in
both `Z` and `+00:00` forms with fractions, a note or tags on some. Every import starts from
an empty store. With `--other`, a second binary (an older build) is timed in the same run,
interleaved, for a before/after comparison.
"""
import argparse, json, os, random, shutil, statistics, subprocess, sys, tempfile, time, uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from first_paint import generate  # noqa: E402

CONTEXT = 32


def annotations(text, count, seed):
    rng = random.Random(seed)
    n = len(text)
    items = []
    quotes = []
    for i in range(count):
        kind = rng.random()
        if kind < 0.03:
            # A short word: fewer scalars than the gram, found thousands of times.
            while True:
                start = rng.randrange(0, n - 10)
                while start > 0 and not text[start - 1].isspace():
                    start -= 1
                end = start
                while end < n and not text[end].isspace():
                    end += 1
                if 0 < end - start < 6:
                    break
        elif kind < 0.08 and quotes:
            # The same words again, elsewhere (the context tells them apart, or does not).
            quote = rng.choice(quotes)
            start = text.find(quote, rng.randrange(0, n))
            if start < 0:
                start = text.find(quote)
            end = start + len(quote)
        else:
            start = rng.randrange(0, n - 200)
            end = start + rng.randint(12, 160)
        quote = text[start:end]
        quotes.append(quote)
        selector = {
            "type": "TextQuoteSelector",
            "exact": quote,
            "prefix": text[max(0, start - CONTEXT):start],
            "suffix": text[end:end + CONTEXT],
        }
        created = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}"
        created += ".123Z" if i % 2 else ".123456+00:00"
        item = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}",
            "type": "Annotation",
            "created": created,
            "modified": created,
            "target": {"source": "big.txt", "selector": [selector]},
        }
        body = []
        if i % 3 == 0:
            body.append({"type": "TextualBody", "value": f"note {i}", "purpose": "commenting"})
        if i % 5 == 0:
            body.append({"type": "TextualBody", "value": f"t{i % 40}", "purpose": "tagging"})
        if body:
            item["body"] = body
        items.append(item)
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationCollection",
        "total": len(items),
        "items": items,
    }


def timed(argv, stdout=subprocess.DEVNULL):
    start = time.perf_counter()
    result = subprocess.run(argv, stdout=stdout, stderr=subprocess.PIPE)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed: {result.stderr.decode()}")
    return elapsed, result.stderr.decode()


def summary(times):
    return f"{statistics.median(times):>10.0f}{min(times):>9.0f}{max(times):>9.0f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gloss", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "gloss"))
    ap.add_argument("--other", help="a second gloss binary, timed in the same run (before/after)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--counts", default="10000,100000")
    ap.add_argument("--keep", action="store_true", help="keep the generated folder (its path is printed)")
    args = ap.parse_args()
    binaries = {"gloss": os.path.abspath(args.gloss)}
    if args.other:
        binaries["other"] = os.path.abspath(args.other)
    folder = tempfile.mkdtemp(prefix="gloss-import-bench-")
    library = os.path.join(folder, "library")
    os.makedirs(library)
    article = os.path.join(library, "big.txt")
    generate(article)
    with open(article, encoding="utf-8") as f:
        text = f.read()
    print(f"{os.path.getsize(article) / 1e6:.1f} MB article ({len(text):,} scalars), {args.runs} runs each, "
          f"medians (min, max) in ms")
    print(f"{'command':<52}{'median':>10}{'min':>9}{'max':>9}")
    for count in [int(c) for c in args.counts.split(",")]:
        data = os.path.join(folder, f"w3c-{count}.json")
        with open(data, "w", encoding="utf-8") as f:
            json.dump(annotations(text, count, seed=count), f, ensure_ascii=False)
        stores = {name: os.path.join(folder, f"{name}-{count}.json") for name in binaries}
        imports = {name: [] for name in binaries}
        reports = {}
        for _ in range(args.runs):
            for name, gloss in binaries.items():
                for leftover in [stores[name], stores[name] + ".bak", stores[name] + ".lock"]:
                    if os.path.exists(leftover):
                        os.remove(leftover)
                t, _ = timed([gloss, "import", "--library", library, "--store", stores[name], data],
                             stdout=subprocess.PIPE)
                imports[name].append(t)
            for name, gloss in binaries.items():
                reports[name] = subprocess.run(
                    [gloss, "annotations", "--json", "--library", library, "--store", stores[name]],
                    capture_output=True).stdout
        for name in binaries:
            records = json.loads(reports[name])
            orphans = sum(1 for r in records if r["anchor"] == "orphaned")
            print(f"{name + ': import ' + f'{count:,}' + ' quote-only W3C':<52}{summary(imports[name])}"
                  f"   ({len(records):,} stored, {orphans} orphaned)")
        if len(binaries) == 2 and reports["gloss"] != reports["other"]:
            print("  note: the two binaries stored different annotations (compare "
                  f"{stores['gloss']} and {stores['other']})")
        listing = {name: [] for name in binaries}
        export = {name: [] for name in binaries}
        for _ in range(args.runs):
            for name, gloss in binaries.items():
                t, _ = timed([gloss, "annotations", "--json", "--library", library, "--store", stores[name]])
                listing[name].append(t)
                t, _ = timed([gloss, "export", "--no-timestamp", "--library", library, "--store", stores[name]])
                export[name].append(t)
        for name in binaries:
            print(f"{name + ': annotations --json, ' + f'{count:,}':<52}{summary(listing[name])}")
            print(f"{name + ': export (Markdown), ' + f'{count:,}':<52}{summary(export[name])}")
    if args.keep:
        print(f"kept {folder}")
    else:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
