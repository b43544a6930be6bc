#!/usr/bin/env python3
"""Reader mode on large saved pages: the time `gloss read PAGE --plain` takes (read, decode,
parse with libxml2, score, clean, build the article, print) for generated pages of the shapes
that cost most, against the "no page slower than 2 s" target. Medians of N runs of the
release binary.

    python3 benchmarks/html_pages.py [--runs 5] [--gloss .build/release/gloss]
"""
import argparse, os, random, statistics, subprocess, sys, tempfile, time

WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at which "
         "but have an they you were her she there one all we their diplomacy Armenia treaty café 中文").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def news(rng, size):
    """A news page: navigation, a teaser card, a long story of paragraphs with links,
    sidebars, related cards and a long comment thread."""
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>A Long Story | The Ledger</title>"
             "<meta property='og:site_name' content='The Ledger'></head><body>",
             "<nav>" + "".join(f"<a href='/s{i}'>Section {i}</a>" for i in range(200)) + "</nav>",
             "<article class='teaser'><h2><a href='/t'>A teaser</a></h2><p>Short.</p></article>",
             "<main><article><header><h1>A Long Story</h1><p class='standfirst'>" + sentence(rng, 25) + "</p></header>"]
    total = sum(map(len, parts))
    story = size // 2
    while total < story:
        p = "<p>" + " ".join(
            f"<a href='/w{rng.randrange(10**6)}'>{w}</a>" if rng.random() < 0.05 else w
            for w in sentence(rng, rng.randint(40, 160)).split()) + "</p>\n"
        parts.append(p)
        total += len(p)
    parts.append("</article></main><aside>" + "".join(
        f"<div class='related'><a href='/r{i}'>{sentence(rng, 8)}</a></div>" for i in range(300)) + "</aside>")
    parts.append("<section id='comments'>")
    while total < size:
        c = f"<div class='comment'><span class='author'>user{rng.randrange(9999)}</span><p>{sentence(rng, 30)}</p></div>\n"
        parts.append(c)
        total += len(c)
    parts.append("</section></body></html>")
    return "".join(parts)


def links(rng, size):
    """One paragraph of links (the shape that was quadratic)."""
    out = ["<html><body><p>"]
    total = 0
    i = 0
    while total < size:
        a = f"<a href='/l{i}'>link {i}</a> "
        out.append(a)
        total += len(a)
        i += 1
    return "".join(out) + "</p></body></html>"


def nested(rng, size):
    """Deeply nested divs around text (a recursive walker's worst case)."""
    depth = 5000
    body = "".join(f"<p>{sentence(rng, 60)}</p>" for _ in range(size // 400))
    return "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"


def table(rng, size):
    """A data table of many rows."""
    rows = []
    total = 0
    while total < size:
        r = "<tr>" + "".join(f"<td>{rng.choice(WORDS)} {rng.randrange(1000)}</td>" for _ in range(6)) + "</tr>\n"
        rows.append(r)
        total += len(r)
    return "<html><body><h1>Figures</h1><table><thead><tr>" + "<th>c</th>" * 6 + "</tr></thead><tbody>" + \
        "".join(rows) + "</tbody></table></body></html>"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--gloss", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "gloss"))
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="gloss-pages-")
    rng = random.Random(7)
    pages = {"news page, 5 MB": news(rng, 5_000_000), "one paragraph of links, 1 MB (32k links)": links(rng, 1_000_000),
             "5,000 nested divs, 1 MB": nested(rng, 1_000_000), "table, 2 MB": table(rng, 2_000_000)}
    print(f"{'page':<44}{'median ms':>10}{'min':>8}{'max':>8}   target < 2000")
    for name, html in pages.items():
        path = os.path.join(folder, "page.html")
        with open(path, "w") as f:
            f.write(html)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            r = subprocess.run([args.gloss, "read", "--library", folder, "--plain", "page.html"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            times.append((time.perf_counter() - start) * 1000)
            if r.returncode != 0:
                sys.exit(f"{name}: gloss failed: {r.stderr.decode()}")
            # The title cache and positions are not what is measured.
            subprocess.run(["rm", "-rf", os.path.join(folder, ".gloss")])
        print(f"{name:<44}{statistics.median(times):>10.0f}{min(times):>8.0f}{max(times):>8.0f}")
    subprocess.run(["rm", "-rf", folder])


if __name__ == "__main__":
    main()
