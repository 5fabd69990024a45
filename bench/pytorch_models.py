#!/usr/bin/env python3
"""PyTorch half of the DJL-versus-PyTorch training benchmark.

The Java half (kd.loader.bench.TrainingBenchmark) writes, per model and preset, a
directory with config.json (the ModelConfig fields and loop settings), batches.bin
(the padded token batches it trains on) and djl.json (its result). This script

  train DIR   re-builds the same architecture from DIR/config.json, trains it on
              DIR/batches.bin with the same loop (forward with dropout, cross-entropy,
              backward, global-norm clipping, Adam with L2) on one intra-op thread,
              and writes DIR/pytorch.json;
  table OUT   prints the Markdown table of every OUT/*/djl.json and pytorch.json.

Run it through bench/training-benchmark.sh, which runs both halves. It needs torch
only for `train` (Debian: apt-get install python3-torch, then /usr/bin/python3).

The architectures mirror kd.common.model: token embedding; LSTM: dropout, a stacked
LSTM over the padded rows (no packing, as DJL), dropout, the state at the last real
position, a 2-way head; transformers: learned positions, pre-LayerNorm blocks
(x + Attn(LN x), x + FFN(LN x) with GELU), additive mask bias of -1e9 on padded keys
(and later keys for the causal models), a final LayerNorm, pooling from the leading
CLS token (transformer) or the last real token (transformer-seq, ut-seq); ut-seq
holds one block and applies it `steps` times. Initialisation is PyTorch's own for
LSTM weights and Xavier-uniform for dense weights; it does not affect throughput.
"""

import glob
import json
import math
import os
import re
import resource
import struct
import sys
import time


def read_batches(path):
    with open(path, "rb") as f:
        data = f.read()
    at = 0

    def ints(n):
        nonlocal at
        values = struct.unpack_from(">%di" % n, data, at)
        at += 4 * n
        return values

    (count,) = ints(1)
    batches = []
    for _ in range(count):
        rows, width = ints(2)
        tokens = ints(rows * width)
        lengths = ints(rows)
        labels = ints(rows)
        batches.append((rows, width, tokens, lengths, labels))
    return batches


def build_model(c):
    import torch
    from torch import nn
    import torch.nn.functional as F

    def dense(n_in, n_out):
        layer = nn.Linear(n_in, n_out)
        nn.init.xavier_uniform_(layer.weight)
        nn.init.zeros_(layer.bias)
        return layer

    def last_real(h, lengths):
        return h[torch.arange(h.shape[0]), lengths - 1]

    class Lstm(nn.Module):
        def __init__(self):
            super().__init__()
            self.tokens = nn.Embedding(c["vocabularySize"], c["embedding"])
            nn.init.normal_(self.tokens.weight, std=0.02)
            self.p = c["dropout"]
            self.lstm = nn.LSTM(
                c["embedding"],
                c["hidden"],
                num_layers=c["layers"],
                dropout=self.p if c["layers"] > 1 else 0.0,
                batch_first=True,
            )
            self.head = dense(c["hidden"], 2)

        def forward(self, ids, lengths):
            x = F.dropout(self.tokens(ids), self.p, self.training)
            h, _ = self.lstm(x)
            h = F.dropout(h, self.p, self.training)
            return self.head(last_real(h, lengths))

    class Block(nn.Module):
        def __init__(self, d, heads, ffn, p):
            super().__init__()
            self.d, self.heads, self.p = d, heads, p
            self.norm1 = nn.LayerNorm(d, eps=1e-5)
            self.query, self.key, self.value, self.output = (dense(d, d) for _ in range(4))
            self.norm2 = nn.LayerNorm(d, eps=1e-5)
            self.ffn_in = dense(d, ffn)
            self.ffn_out = dense(ffn, d)

        def forward(self, x, bias):
            b, length, _ = x.shape
            dh = self.d // self.heads

            def split(t):
                return t.view(b, length, self.heads, dh).transpose(1, 2)

            h = self.norm1(x)
            q, k, v = split(self.query(h)), split(self.key(h)), split(self.value(h))
            scores = q.matmul(k.transpose(2, 3)) / math.sqrt(dh) + bias
            weights = F.dropout(scores.softmax(-1), self.p, self.training)
            mixed = weights.matmul(v).transpose(1, 2).reshape(b, length, self.d)
            x = x + F.dropout(self.output(mixed), self.p, self.training)
            h = self.ffn_out(F.gelu(self.ffn_in(self.norm2(x))))
            return x + F.dropout(h, self.p, self.training)

    class Transformer(nn.Module):
        def __init__(self):
            super().__init__()
            d = c["hidden"]
            self.p = c["dropout"]
            self.causal = c["name"] != "transformer"
            shared = c["name"] == "ut-seq"
            self.tokens = nn.Embedding(c["vocabularySize"], d)
            nn.init.normal_(self.tokens.weight, std=0.02)
            self.positions = nn.Parameter(torch.randn(c["maxLength"], d) * 0.02)
            distinct = 1 if shared else c["layers"]
            self.applications = c["steps"] if shared else c["layers"]
            self.blocks = nn.ModuleList(
                Block(d, c["heads"], c["ffn"], self.p) for _ in range(distinct)
            )
            self.norm = nn.LayerNorm(d, eps=1e-5)
            self.head = dense(d, 2)

        def forward(self, ids, lengths):
            length = ids.shape[1]
            x = self.tokens(ids) + self.positions[:length]
            x = F.dropout(x, self.p, self.training)
            index = torch.arange(length)
            allowed = (index[None, :] < lengths[:, None]).view(-1, 1, 1, length)
            if self.causal:
                allowed = allowed & (index[:, None] >= index[None, :]).view(1, 1, length, length)
            bias = (allowed.float() - 1.0) * 1e9
            for i in range(self.applications):
                x = self.blocks[i % len(self.blocks)](x, bias)
            x = self.norm(x)
            pooled = last_real(x, lengths) if self.causal else x[:, 0]
            return self.head(pooled)

    return Lstm() if c["name"] in ("lstm", "small-lstm") else Transformer()


def train(directory):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(1)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass  # only settable before the first parallel work; it is the first call here
    with open(os.path.join(directory, "config.json")) as f:
        settings = json.load(f)
    c = settings["model"]
    torch.manual_seed(settings["seed"])
    raw = read_batches(os.path.join(directory, "batches.bin"))
    model = build_model(c)
    model.train()
    optimiser = torch.optim.Adam(
        model.parameters(), lr=settings["learningRate"], weight_decay=c["l2"]
    )
    params = [p for p in model.parameters()]
    warmup = settings["warmupSteps"]
    rss_before = current_rss_mb()

    started = 0.0
    examples = 0
    last_loss = float("nan")
    for step, (rows, width, tokens, lengths, labels) in enumerate(raw):
        if step == warmup:
            started = time.perf_counter()
        ids = torch.tensor(tokens, dtype=torch.int64).view(rows, width)
        lens = torch.tensor(lengths, dtype=torch.int64)
        y = torch.tensor(labels, dtype=torch.int64)
        loss = F.cross_entropy(model(ids, lens), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, settings["clipNorm"])
        optimiser.step()
        optimiser.zero_grad(set_to_none=True)
        last_loss = loss.item()
        if step >= warmup:
            examples += rows
    seconds = time.perf_counter() - started
    # ru_maxrss is in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    result = {
        "model": c["name"],
        "parameters": sum(p.numel() for p in params),
        "rssBeforeMb": rss_before,
        "examplesPerSecond": examples / seconds,
        "timedSeconds": seconds,
        "lastLoss": last_loss,
        "peakRssMb": peak,
        "torch": torch.__version__,
        "blas": blas_info(torch),
        "threads": torch.get_num_threads(),
    }
    with open(os.path.join(directory, "pytorch.json"), "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result))


def blas_info(torch):
    found = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    return found.group(1) if found else "unknown"


def current_rss_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return -1.0


def table(out):
    def load(path):
        try:
            with open(path) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None

    def num(value, fmt):
        return "n/a" if value is None else fmt % value

    rows = []
    details = []
    torch_sides = []
    djl_sides = []
    for directory in sorted(glob.glob(os.path.join(out, "*"))):
        config = load(os.path.join(directory, "config.json"))
        if config is None:
            continue
        c = config["model"]
        djl = load(os.path.join(directory, "djl.json")) or {}
        pt = load(os.path.join(directory, "pytorch.json")) or {}
        torch_sides.append(pt)
        djl_sides.append(djl)
        d_rate, p_rate = djl.get("examplesPerSecond"), pt.get("examplesPerSecond")
        ratio = d_rate / p_rate if d_rate and p_rate else None
        preset = djl.get("preset", os.path.basename(directory)[len(c["name"]) + 1 :])
        rows.append(
            "| %s | %s | %s | %s | %s | %s | %s |"
            % (
                c["name"],
                preset,
                num(d_rate, "%.1f"),
                num(p_rate, "%.1f"),
                num(ratio, "%.2f"),
                num(djl.get("peakRssMb"), "%.0f"),
                num(pt.get("peakRssMb"), "%.0f"),
            )
        )
        details.append(
            "| %s | %s | %s | %s | %d+%d | %d | %s | %s |"
            % (
                c["name"],
                preset,
                num(djl.get("parameters"), "%d"),
                num(pt.get("parameters"), "%d"),
                config["warmupSteps"],
                config["timedSteps"],
                config["batchSize"],
                num(djl.get("rssBeforeMb"), "%.0f"),
                num(pt.get("rssBeforeMb"), "%.0f"),
            )
        )
    print("| model | preset | DJL ex/s | PyTorch ex/s | DJL/PyTorch | DJL peak MB | PyTorch peak MB |")
    print("|---|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print()
    print(
        "| model | preset | DJL params | PyTorch params | warm-up+timed steps | batch"
        " | DJL RSS before MB | PyTorch RSS before MB |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    print("\n".join(details))
    engines = sorted({d.get("engine") for d in djl_sides if d and d.get("engine")})
    if engines:
        print()
        print("DJL side: %s." % ", ".join(engines))
    versions = sorted({(p.get("torch"), p.get("blas")) for p in torch_sides if p})
    for version, blas in versions:
        print()
        print("PyTorch side: torch %s, BLAS %s." % (version, blas))


def main(argv):
    if len(argv) != 3 or argv[1] not in ("train", "table"):
        sys.exit("usage: pytorch_models.py train DIR | table OUT")
    if argv[1] == "train":
        train(argv[2])
    else:
        table(argv[2])


if __name__ == "__main__":
    main(sys.argv)
