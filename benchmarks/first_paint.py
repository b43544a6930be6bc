#!/usr/bin/env python3
"""Time to the first painted screen: gloss against less (and vim, if present) on the same
generated 10 MB article, in a 100x30 pseudo-terminal. Prints medians of N runs and ratios.

    python3 benchmarks/first_paint.py [--runs 7] [--gloss .build/release/gloss]

The article is generated with a fixed seed: realistic paragraphs with curly quotes, dashes
and some CJK and emoji. "First paint" is the moment the first words of the article body
reach the terminal (less and gloss both draw them in their first screen).
"""
import argparse, os, pty, random, select, shutil, statistics, struct, subprocess, sys, tempfile, time, fcntl, termios

WORDS = ("the of and to in a is that for it as was with be by on not he this are or his from at which "
         "but have an they you were her she there one all we their diplomacy Armenia Azerbaijan treaty "
         "“quoted” — naïve café 中文 😀 Baku’s").split()
MARKER = b"Opening words of the generated body"


def generate(path, size=10_000_000, seed=42):
    rng = random.Random(seed)
    parts = ["A Generated Article For Timing First Paint\n\n", MARKER.decode() + " — the first paragraph.\n\n"]
    total = sum(len(p.encode()) for p in parts)
    while total < size:
        p = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 160))) + ".\n\n"
        parts.append(p)
        total += len(p.encode())
    with open(path, "w") as f:
        f.write("".join(parts))


def first_paint(argv, env, marker=MARKER, timeout=10.0):
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    seen = b""
    elapsed = None
    while time.perf_counter() - start < timeout:
        r, _, _ = select.select([fd], [], [], 0.05)
        if fd in r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            seen += data
            if marker in seen:
                elapsed = time.perf_counter() - start
                break
    try:
        os.kill(pid, 15)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    os.close(fd)
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--gloss", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "gloss"))
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="gloss-bench-")
    article = os.path.join(folder, "big.txt")
    generate(article)
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LESS="", LESSHISTFILE="-", HOME=folder)
    commands = {"less": ["less", article], "gloss": [os.path.abspath(args.gloss), "--library", folder, "big.txt"]}
    if shutil.which("vim"):
        commands["vim -R -u NONE"] = ["vim", "-R", "-u", "NONE", article]
    results = {}
    for name, argv in commands.items():
        if not shutil.which(argv[0]) and not os.path.exists(argv[0]):
            continue
        times = []
        for _ in range(args.runs):
            t = first_paint(argv, env)
            if t is not None:
                times.append(t * 1000)
        if times:
            results[name] = times
    size = os.path.getsize(article) / 1e6
    print(f"first paint, {size:.1f} MB article, 100x30 pty, {args.runs} runs each")
    print(f"{'program':<18}{'median ms':>10}{'min ms':>9}{'max ms':>9}")
    for name, times in results.items():
        print(f"{name:<18}{statistics.median(times):>10.1f}{min(times):>9.1f}{max(times):>9.1f}")
    if "less" in results and "gloss" in results:
        print(f"gloss / less: {statistics.median(results['gloss']) / statistics.median(results['less']):.2f}x")
    shutil.rmtree(folder)


if __name__ == "__main__":
    main()
