"""Where a training step's time goes, from Linux `perf` samples: the native side of `regsl bench-step`.

`perf record -e cpu-clock` (a software clock: it works on virtual machines without hardware counters)
samples every thread of the benchmark; this script reads `perf script` output, keeps the thread that
trains (the one with the most samples in libtorch), cuts the training window (its first to its last
sample in code without a symbol in an anonymous mapping: oneDNN's generated kernels, which run only
while training) and prints milliseconds per step by library and by function, and, with call chains
(`perf record -g` / `--call-graph dwarf`), by the DJL native entry (`Java_ai_djl_pytorch_jni_...`)
a sample was reached from. No PyTorch and no test needs it; it reads text.

    perf script -i java.data -F tid,time,ip,sym,dso | python3 perf_split.py --steps 600
    perf script -i java.data -F tid,time,ip,sym,dso --no-inline | python3 perf_split.py --steps 300 --calls

Both sides of bench-step can be read this way (the PyTorch side's libraries are usually stripped, so
its functions show as [unknown] within each library). The JVM's compiled Java code is anonymous
too unless the JVM writes a perf map (`-XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit`, then
perf names it from /tmp/perf-PID.map); README "Speed" gives the whole recipe.
"""
import argparse
import collections
import re
import sys

HEADER = re.compile(r"^\s*(\d+)\s+([\d.]+):\s*(?:([0-9a-f]+)\s+(.*)\((.*)\))?\s*$")
FRAME = re.compile(r"^\s+([0-9a-f]+)\s+(.*)\((.*)\)\s*$")
JNI = "Java_ai_djl_pytorch_jni_PyTorchLibrary_"


def library(path):
    name = path.split("/")[-1]
    return "[anonymous]" if name.startswith("perf-") or "JIT" in name or name == "[unknown]" else name


def function(symbol):
    """The symbol without offset; ATen's element-wise loops by the kernel they run (copy, threshold, add...)."""
    symbol = re.sub(r"\+0x[0-9a-f]+$", "", symbol.strip())
    if symbol.startswith("[unknown]"):
        return "[unknown]"
    loop = re.search(r"VectorizedLoop2d<.*?(\w+_kernel)", symbol)
    return "element-wise loop of " + loop.group(1) if loop else symbol


def read(lines):
    """Samples as (tid, time, [(function, library), ...] leaf first)."""
    samples, current = [], None
    for line in lines:
        frame = FRAME.match(line) if line[:1] in "\t " and current is not None else None
        if frame and not HEADER.match(line):
            current[2].append((function(frame.group(2)), library(frame.group(3))))
            continue
        head = HEADER.match(line)
        if head:
            current = (int(head.group(1)), float(head.group(2)), [])
            samples.append(current)
            if head.group(3):
                current[2].append((function(head.group(4)), library(head.group(5))))
    return [s for s in samples if s[2]]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", type=int, required=True, help="steps run in the window (warm-up included)")
    ap.add_argument("--top", type=int, default=25, help="rows per table")
    ap.add_argument("--calls", action="store_true", help="also split by the DJL native entry (needs call chains)")
    a = ap.parse_args()
    samples = read(sys.stdin)
    in_torch = collections.Counter(t for t, _, fr in samples if fr[0][1].startswith("libtorch_cpu"))
    if not in_torch:
        sys.exit("perf_split: no sample in libtorch_cpu; was the benchmark recorded with perf record?")
    tid = in_torch.most_common(1)[0][0]
    mine = [s for s in samples if s[0] == tid]
    generated = [t for _, t, fr in mine if fr[0] == ("[unknown]", "[anonymous]")]
    start, end = (min(generated), max(generated)) if generated else (mine[0][1], mine[-1][1])
    window = [s for s in mine if start <= s[1] <= end]
    per_sample = (end - start) * 1000.0 / a.steps / max(len(window), 1)
    print("thread %d: %d samples over %.2f s, %.2f ms per step" % (tid, len(window), end - start,
                                                                   len(window) * per_sample))

    def table(title, counter):
        print("-- " + title)
        for key, count in counter.most_common(a.top):
            print("%8.2f  %s" % (count * per_sample, key[:150]))

    table("ms/step by library", collections.Counter(fr[0][1] for _, _, fr in window))
    table("ms/step by function", collections.Counter("%s  (%s)" % fr[0] for _, _, fr in window))
    if a.calls:
        def entry(frames):
            names = [f for f, _ in frames if f.startswith(JNI)]
            return names[0][len(JNI):] if names else "(no DJL entry on the unwound stack)"
        table("ms/step by DJL native entry", collections.Counter(entry(fr) for _, _, fr in window))
        table("ms/step by DJL native entry and function",
              collections.Counter("%-24s %s" % (entry(fr), fr[0][0]) for _, _, fr in window))


if __name__ == "__main__":
    main()
