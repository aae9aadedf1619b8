"""The bench ResNet-8 (or ViT) training step in PyTorch eager: the other side of `regsl bench-step`.

The same net as the suite's SmallResNet (stem conv3x3 16 + BN + ReLU; three BasicBlocks of 16, 32
and 64 channels, stride 1, 2, 2, a 1x1 conv + BN shortcut where the shape changes; global average
pooling as mean over width then height; a linear head), the same optimizer (Adam with amsgrad,
lr 1e-3) and loss (mean cross-entropy), on synthetic 1x28x28 images. The command line starts it
(alternating with its own repetitions) when a Python with PyTorch is present; the tests never
need it. Prints one JSON line: images per second over the timed steps and the milliseconds per
step of forward (with the loss), backward and optimizer.

    python3 bench_step.py --batch 32 --threads 1 --steps 40 --warmup 5 --classes 10 --seed 1 [--arch vit]

With --ops OP,OP,...: the operators of `regsl bench-step --ops` one at a time instead (the same
names: conv:cin:cout:size:stride:kernel, bn:channels:size, relu:channels:size, add:channels:size),
forward and backward (a ones gradient) timed separately on fresh leaves that require gradients;
prints {op: [forward ms, backward ms]} (median over --repetitions of the mean over --steps calls).

With --mode inference: the evaluation pass instead (one step = the suite's Evaluation over --batch
images: uint8 pixels to floats, the forward pass in eval() under no_grad, the per-image cross-entropy
read out and the arg-max counted); prints the same JSON (backward and optimizer 0, plus the last
step's loss sum and correct count, the values the evaluation reads out).

With --arch vit: the suite's VisionTransformer.Config.BENCH in ViT-pytorch's structure (patch 7
convolution, cls token, learned position embeddings, dropout 0.1; pre-norm blocks with separate
query/key/value Linear layers, scores / sqrt(head dim), exact-erf GELU, LayerNorm eps 1e-6; the
head on the cls token after the encoder norm).
"""
import argparse
import json
import resource
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv(cin, cout, k, stride):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1, self.bn1 = conv(cin, cout, 3, stride), nn.BatchNorm2d(cout)
        self.conv2, self.bn2 = conv(cout, cout, 3, 1), nn.BatchNorm2d(cout)
        self.shortcut = None
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(conv(cin, cout, 1, stride), nn.BatchNorm2d(cout))

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        h = self.bn2(self.conv2(h))
        return F.relu(h + (x if self.shortcut is None else self.shortcut(x)))


class ResNet8(nn.Module):
    def __init__(self, width, classes):
        super().__init__()
        self.stem = nn.Sequential(conv(1, width, 3, 1), nn.BatchNorm2d(width), nn.ReLU())
        self.stage1 = Block(width, width, 1)
        self.stage2 = Block(width, 2 * width, 2)
        self.stage3 = Block(2 * width, 4 * width, 2)
        self.head = nn.Linear(4 * width, classes)

    def forward(self, x):
        h = self.stage3(self.stage2(self.stage1(self.stem(x))))
        return self.head(h.mean(3).mean(2))


class VitBlock(nn.Module):
    def __init__(self, hidden, heads, mlp, dropout):
        super().__init__()
        self.heads = heads
        self.attention_norm = nn.LayerNorm(hidden, eps=1e-6)
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.out = nn.Linear(hidden, hidden)
        self.ffn_norm = nn.LayerNorm(hidden, eps=1e-6)
        self.fc1 = nn.Linear(hidden, mlp)
        self.fc2 = nn.Linear(mlp, hidden)
        self.drop = nn.Dropout(dropout)

    def split(self, x):
        b, n, h = x.shape
        return x.view(b, n, self.heads, h // self.heads).permute(0, 2, 1, 3)

    def forward(self, x):
        b, n, h = x.shape
        a = self.attention_norm(x)
        q, k, v = self.split(self.query(a)), self.split(self.key(a)), self.split(self.value(a))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(h // self.heads)
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v).permute(0, 2, 1, 3).reshape(b, n, h)
        x = self.out(ctx) + x
        m = self.drop(self.fc2(self.drop(F.gelu(self.fc1(self.ffn_norm(x))))))
        return m + x


class Vit(nn.Module):
    def __init__(self, classes, hidden=64, heads=4, mlp=128, layers=4, patch=7, image=28, channels=1, dropout=0.1):
        super().__init__()
        self.patch = nn.Conv2d(channels, hidden, patch, stride=patch)
        tokens = (image // patch) ** 2 + 1
        self.cls = nn.Parameter(torch.zeros(1, 1, hidden))
        self.pos = nn.Parameter(torch.zeros(1, tokens, hidden))
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList([VitBlock(hidden, heads, mlp, dropout) for _ in range(layers)])
        self.encoder_norm = nn.LayerNorm(hidden, eps=1e-6)
        self.pred_head = nn.Linear(hidden, classes)

    def forward(self, x):
        p = self.patch(x).flatten(2).transpose(1, 2)
        e = torch.cat([self.cls.expand(x.shape[0], -1, -1), p], dim=1) + self.pos
        e = self.drop(e)
        for b in self.blocks:
            e = b(e)
        return self.pred_head(self.encoder_norm(e)[:, 0])


def op_forward(spec, batch):
    """The leaves and the forward function of one --ops operator."""
    f = spec.split(":")
    kind, c = f[0], int(f[1])
    if kind == "conv":
        out, size, stride, k = (int(v) for v in f[2:6])
        leaves = [torch.randn(batch, c, size, size), torch.randn(out, c, k, k)]
        fn = lambda x, w: F.conv2d(x, w, None, stride, k // 2)
    else:
        size = int(f[2])
        leaves = [torch.randn(batch, c, size, size)]
        if kind == "relu":
            fn = torch.relu
        elif kind == "add":
            leaves.append(torch.randn(batch, c, size, size))
            fn = lambda a, b: a + b
        elif kind == "bn":
            leaves += [torch.randn(c), torch.randn(c)]
            mean, var = torch.zeros(c), torch.ones(c)
            fn = lambda x, g, b: F.batch_norm(x, mean, var, g, b, True, 0.1, 1e-5)
        else:
            raise SystemExit("unknown operator " + spec)
    for t in leaves:
        t.requires_grad_()
    return leaves, fn


def ops(a):
    out = {}
    for spec in a.ops.split(","):
        reps = []
        for _ in range(a.repetitions):
            leaves, fn = op_forward(spec, a.batch)
            fw = bw = 0.0
            for i in range(a.warmup + a.steps):
                t0 = time.perf_counter()
                y = fn(*leaves)
                t1 = time.perf_counter()
                y.backward(torch.ones_like(y))
                t2 = time.perf_counter()
                if i >= a.warmup:
                    fw += t1 - t0
                    bw += t2 - t1
            reps.append((1000 * fw / a.steps, 1000 * bw / a.steps))
        out[spec] = [sorted(r[k] for r in reps)[len(reps) // 2] for k in (0, 1)]
    print(json.dumps(out))


def inference(a, net):
    """The evaluation pass, --steps times after --warmup: what the suite's Evaluation does per chunk."""
    net.eval()
    pixels = torch.randint(0, 256, (a.batch, 1, 28, 28), dtype=torch.uint8)
    ys = torch.randint(0, a.classes, (a.batch,))
    start = None
    with torch.no_grad():
        for i in range(a.steps + a.warmup):
            if i == a.warmup:
                start = time.perf_counter()
                faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            x = pixels.float() / 255
            logits = net(x)
            loss_sum = sum(F.cross_entropy(logits, ys, reduction="none").tolist())
            correct = int((logits.argmax(1) == ys).sum())
    wall = time.perf_counter() - start
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
    print(json.dumps({"torch": torch.__version__, "imgPerSecond": a.steps * a.batch / wall,
                      "faultsPerStep": faults / a.steps, "forwardMs": 1000 * wall / a.steps,
                      "backwardMs": 0.0, "optimizerMs": 0.0, "lossSum": loss_sum, "correct": correct}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--arch", choices=["resnet8", "vit"], default="resnet8")
    ap.add_argument("--profile", help="write a chrome trace of the timed steps (torch.autograd.profiler) here")
    ap.add_argument("--ops", help="time these operators one at a time instead of the step")
    ap.add_argument("--mode", choices=["train", "inference"], default="train",
                    help="the training step, or the evaluation pass (eval(), no_grad, per-image loss, arg-max)")
    ap.add_argument("--repetitions", type=int, default=3, help="repetitions per operator (with --ops)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(a.seed)
    if a.ops:
        ops(a)
        return
    net = ResNet8(16, a.classes) if a.arch == "resnet8" else Vit(a.classes)
    if a.mode == "inference":
        inference(a, net)
        return
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, amsgrad=True)
    n = a.steps + a.warmup
    xs = torch.rand(n, a.batch, 1, 28, 28)
    ys = torch.randint(0, a.classes, (n, a.batch))
    times = {"forward": 0.0, "backward": 0.0, "optimizer": 0.0}
    start = None
    prof = None
    for i in range(n):
        if i == a.warmup:
            times = {k: 0.0 for k in times}
            if a.profile:
                prof = torch.autograd.profiler.profile()
                prof.__enter__()
            start = time.perf_counter()
            faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        t0 = time.perf_counter()
        loss = F.cross_entropy(net(xs[i]), ys[i])
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        opt.step()
        opt.zero_grad(set_to_none=False)
        t3 = time.perf_counter()
        times["forward"] += t1 - t0
        times["backward"] += t2 - t1
        times["optimizer"] += t3 - t2
    wall = time.perf_counter() - start
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
    if prof is not None:
        prof.__exit__(None, None, None)
        prof.export_chrome_trace(a.profile)
    out = {"torch": torch.__version__, "imgPerSecond": a.steps * a.batch / wall, "faultsPerStep": faults / a.steps}
    out.update({k + "Ms": 1000 * v / a.steps for k, v in times.items()})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
