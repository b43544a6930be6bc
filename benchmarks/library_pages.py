#!/usr/bin/env python3
"""Libraries of saved web pages: opening one page in a library of many against a library of
one, and `gloss list --json` with and without the title cache (.gloss/titles.json).

    python3 benchmarks/library_pages.py [--runs 11] [--gloss .build/release/gloss] [--pages DIR]

The library of many is ~130 real HTML pages (~25 MB) copied from --pages (default: the Rust
documentation installed by rustup, if present; else generated pages), plus one generated page
whose first paragraph carries a marker; the library of one holds only that page. First paint is
the moment the marker reaches a 100x30 pseudo-terminal. Runs are interleaved (one, many, one, …).
`read piped` is `gloss read PAGE.html` with its output a pipe: the time to its first byte
(the library side of it: the other files must not be parsed before the page is shown).
"""
import argparse, glob, os, random, shutil, statistics, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(__file__))
from first_paint import session  # noqa: E402

MARKER = b"Opening words of the saved page"
RUST_DOCS = os.path.expanduser("~/.rustup/toolchains/*/share/doc/rust/html")


def page(seed, paragraphs=400):
    rng = random.Random(seed)
    words = "the of and to in a is that for it as was with treaty café naïve “quoted” — diplomacy".split()
    body = "".join(f"<p>{' '.join(rng.choice(words) for _ in range(80))}.</p>\n" for _ in range(paragraphs))
    return f"<html><head><title>Generated page {seed}</title></head><body><h1>Page {seed}</h1>\n{body}</body></html>\n"


def build(folder, pages_dir, count=130, total=25_000_000):
    many = os.path.join(folder, "many")
    one = os.path.join(folder, "one")
    os.makedirs(many)
    os.makedirs(one)
    target = ("<html><head><title>The saved page</title></head><body><h1>The saved page</h1>\n<p>"
              + MARKER.decode() + " — the first paragraph.</p>\n" + page(0).split("<body>", 1)[1])
    for d in (many, one):
        with open(os.path.join(d, "saved-page.html"), "w") as f:
            f.write(target)
    sources = []
    if pages_dir:
        sources = sorted(p for p in glob.glob(os.path.join(pages_dir, "**", "*.html"), recursive=True)
                         if 50_000 < os.path.getsize(p) < 1_000_000)
    size = 0
    for i in range(count - 1):
        path = os.path.join(many, f"page-{i:03}.html")
        if i < len(sources) and size < total:
            shutil.copyfile(sources[i * len(sources) // count], path)
        else:
            with open(path, "w") as f:
                f.write(page(i + 1))
        size += os.path.getsize(path)
    return many, one, size


def timed(argv, env):
    start = time.perf_counter()
    p = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    first = p.stdout.read(1)
    t = time.perf_counter() - start
    p.stdout.read()
    p.wait()
    return t * 1000, bool(first)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--gloss", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "gloss"))
    ap.add_argument("--pages", default=next(iter(glob.glob(RUST_DOCS)), None))
    args = ap.parse_args()
    gloss = os.path.abspath(args.gloss)
    folder = tempfile.mkdtemp(prefix="gloss-pages-")
    many, one, size = build(folder, args.pages)
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", HOME=folder)
    paint = {"one": [], "many": []}
    listing = {"cold": [], "cached": []}
    piped = []
    for _ in range(args.runs):
        for name, lib in (("one", one), ("many", many)):
            shutil.rmtree(os.path.join(lib, ".gloss"), ignore_errors=True)
            t, _, _ = session([gloss, "--library", lib, "saved-page.html"], env, [], b"q", marker=MARKER)
            if t is not None:
                paint[name].append(t * 1000)
        shutil.rmtree(os.path.join(many, ".gloss"), ignore_errors=True)
        listing["cold"].append(timed([gloss, "list", "--json", "--library", many], env)[0])
        listing["cached"].append(timed([gloss, "list", "--json", "--library", many], env)[0])
        t, wrote = timed([gloss, "read", "--library", many, "saved-page.html"], env)
        piped.append(t if wrote else None)
    print(f"library of {len(os.listdir(many))} pages ({size / 1e6:.1f} MB of HTML"
          f"{', from ' + args.pages if args.pages else ', generated'}), {args.runs} runs, medians; "
          f"{os.cpu_count()} cores")
    m = {k: statistics.median(v) for k, v in paint.items() if v}
    print(f"first paint, library of one:   {m.get('one', float('nan')):8.1f} ms")
    print(f"first paint, library of many:  {m.get('many', float('nan')):8.1f} ms"
          f"  ({m.get('many', 0) / m.get('one', 1):.2f}x one; target <= 2x)")
    print(f"list --json, no cache:         {statistics.median(listing['cold']):8.1f} ms  (target <= 1000 ms)")
    print(f"list --json, cached (2nd run): {statistics.median(listing['cached']):8.1f} ms  (target <= 200 ms)")
    got = [t for t in piped if t is not None]
    if got:
        print(f"read piped, first byte:        {statistics.median(got):8.1f} ms  (target <= 150 ms)")
    else:
        print("read piped: no output (this build's `read` needs a terminal)")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
