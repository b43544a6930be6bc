#!/usr/bin/env python3
"""Time to the first painted screen, peak memory, and the bytes sent to the terminal for a
one-line scroll and a page down: gloss against less (and vim, if present) on the same
generated 10 MB article, in a 100x30 pseudo-terminal. Prints medians of N runs and ratios.

    python3 benchmarks/first_paint.py [--runs 7] [--gloss .build/release/gloss] [--cold | --both]

The default binary is the plain `swift build -c release` one (which links the Swift runtime
and Foundation statically on Linux; see Package.swift). --both runs the warm and the cold
series in one invocation, interleaved run by run.

Runs are interleaved (less, gloss, vim, less, …) and each starts with the program's files in
the page cache (or, with --cold, dropped from it), so that machine noise and memory reclaim
fall on every program alike.

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


def generate_in_child(path):
    """`generate`, in a child process: generating here left this process large (the text and
    its parts), and every pty.fork() of a large process takes longer — 1.5–3 ms more here, for
    every program alike, which brought the ratios towards 1 in every run before this was seen."""
    here = os.path.dirname(os.path.abspath(__file__))
    code = f"import sys; sys.path.insert(0, {here!r}); import first_paint; first_paint.generate({path!r})"
    subprocess.run([sys.executable, "-c", code], check=True)


def wait_for_marker(fd, start, marker=MARKER, timeout=10.0):
    """Seconds from `start` (time.perf_counter) until `marker` has arrived on fd; None if it
    did not within `timeout`, or the program ended first."""
    seen = b""
    while time.perf_counter() - start < timeout:
        r, _, _ = select.select([fd], [], [], 0.05)
        if fd in r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return None
            if not data:
                return None
            seen += data
            if marker in seen:
                return time.perf_counter() - start
    return None


def drain(fd, quiet):
    """Bytes the program writes until it has been quiet for `quiet` seconds."""
    out = b""
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if fd not in r:
            return out
        try:
            data = os.read(fd, 65536)
        except OSError:
            return out
        if not data:
            return out
        out += data


def session(argv, env, keys, quit_keys, marker=MARKER, timeout=10.0):
    """First paint time; then, once the program is idle, the bytes each key makes it write;
    then the peak resident memory of the whole session (after quitting)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(argv[0], argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    elapsed = wait_for_marker(fd, start, marker, timeout)
    key_bytes = {}
    if elapsed is not None:
        drain(fd, 1.5)  # gloss reads the rest of the file right after the first paint
        for name, key in keys:
            os.write(fd, key)
            key_bytes[name] = len(drain(fd, 0.4))
    # Peak resident memory of the program itself (VmHWM starts afresh at exec; the rusage of
    # a child forked from this Python would include Python's own pages).
    rss = None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1]) / 1024  # MB
    except OSError:
        pass
    os.write(fd, quit_keys)
    try:
        deadline = time.time() + 3
        while time.time() < deadline:
            drain(fd, 0.05)
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
    os.close(fd)
    return elapsed, key_bytes, rss


def program_files(executable):
    """The executable and the shared libraries it loads (from ldd)."""
    path = shutil.which(executable) or executable
    files = [os.path.realpath(path)]
    out = subprocess.run(["ldd", path], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if "=>" in line:
            target = line.split("=>")[1].split("(")[0].strip()
            if target.startswith("/"):
                files.append(os.path.realpath(target))
    return files


def set_page_cache(files, warm):
    """Warm: read the files into the page cache, as they are for a program used recently.
    Cold: drop them from it, as after a reboot (or after this VM's proactive reclaim, which
    pages out memory untouched for about 30 s: without either, a run measures how much of each
    program happened to be paged out, and a 75 MB static binary loses more than a 200 KB one)."""
    for path in files:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            if warm:
                while os.read(fd, 1 << 20):
                    pass
            else:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--gloss", default=os.path.join(os.path.dirname(__file__), "..", ".build", "release", "gloss"))
    ap.add_argument("--cold", action="store_true",
                    help="drop each program's files from the page cache before its runs (default: read them in)")
    ap.add_argument("--both", action="store_true", help="warm and cold runs, interleaved, in one invocation")
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="gloss-bench-")
    article = os.path.join(folder, "big.txt")
    generate_in_child(article)
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LESS="", LESSHISTFILE="-", HOME=folder)
    # (argv, keys for one line down and one page down, keys that quit)
    commands = {
        "less": (["less", article], [("line", b"j"), ("page", b" ")], b"q"),
        "gloss": ([os.path.abspath(args.gloss), "--library", folder, "big.txt"], [("line", b"j"), ("page", b" ")], b"q"),
    }
    if shutil.which("vim"):
        commands["vim -R -u NONE"] = (["vim", "-R", "-u", "NONE", article], [("line", b"\x05"), ("page", b"\x06")], b":q!\r")
    commands = {name: c for name, c in commands.items() if shutil.which(c[0][0]) or os.path.exists(c[0][0])}
    modes = [False, True] if args.both else [args.cold]
    all_samples = {cold: {name: ([], [], [], []) for name in commands} for cold in modes}
    files = {name: program_files(c[0][0]) + [article] for name, c in commands.items()}
    # Interleaved (less, gloss, vim, less, gloss, …): on a noisy machine a slow minute then
    # slows every program alike instead of only the one measured during it.
    for _ in range(args.runs):
        for cold in modes:
          for name, (argv, keys, quit_keys) in commands.items():
            times, rss, line, page = all_samples[cold][name]
            # Each run starts from the top of the article (gloss remembers where you were).
            shutil.rmtree(os.path.join(folder, ".gloss"), ignore_errors=True)
            set_page_cache(files[name], warm=not cold)
            t, key_bytes, peak = session(argv, env, keys, quit_keys)
            if t is not None:
                times.append(t * 1000)
                line.append(key_bytes.get("line", 0))
                page.append(key_bytes.get("page", 0))
            if peak is not None:
                rss.append(peak)
    for cold in modes:
        report(all_samples[cold], article, args.runs, cold)
    shutil.rmtree(folder)


def report(samples, article, runs, cold):
    results = {name: sample for name, sample in samples.items() if sample[0]}
    size = os.path.getsize(article) / 1e6
    cache = "cold: program files dropped from the page cache" if cold else "warm: program files in the page cache"
    print(f"{size:.1f} MB article, 100x30 pty, {runs} runs each, interleaved, {cache} (medians)")
    print(f"{'program':<16}{'first paint ms':>15}{'min':>7}{'max':>7}{'peak RSS MB':>13}{'bytes: line':>13}{'page':>7}")
    for name, (times, rss, line, page) in results.items():
        peak = f"{statistics.median(rss):.1f}" if rss else "?"
        print(f"{name:<16}{statistics.median(times):>15.1f}{min(times):>7.1f}{max(times):>7.1f}{peak:>13}"
              f"{statistics.median(line):>13.0f}{statistics.median(page):>7.0f}")
    if "less" in results and "gloss" in results:
        less = statistics.median(results['less'][0])
        for name in results:
            if name != "less":
                print(f"{name} / less first paint: {statistics.median(results[name][0]) / less:.2f}x")
    print(f"peak memory target for gloss: {3 * size + 20:.0f} MB (3x the file + 20 MB)")


if __name__ == "__main__":
    main()
