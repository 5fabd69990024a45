#!/usr/bin/env bash
# Training throughput and peak memory, DJL (the project's models) against PyTorch
# (bench/pytorch_models.py, the same architectures), on identical batches of numpred.val,
# one intra-op thread on both sides. Prints a Markdown table at the end.
#
# Run from the repository root:
#
#   bench/training-benchmark.sh
#
# Settings (environment variables, defaults in brackets):
#   SHARED      the shared folder holding data/agreement            [../shared]
#   OUT         where configs, batches and results go               [target/training-bench]
#   MODELS      models to run                   [lstm transformer transformer-seq ut-seq]
#   PRESETS     presets to run                                      [paper demo]
#   BATCH       examples per step                                   [64]
#   WARMUP      untimed steps before the timed ones                 [3]
#   STEPS_PAPER timed steps at the paper size                       [10]
#   STEPS_DEMO  timed steps at the demo size                        [60]
#   PYTHON      a Python with torch                                 [/usr/bin/python3]
#   BUILD       0 skips the Maven compile and class path steps      [1]
#
# Each model, preset and side runs in its own process, so each peak (VmHWM for the JVM,
# ru_maxrss for Python) belongs to that model alone. The JVM runs with -Xmx1g.
#
# The two sides need not run the same libtorch: DJL loads the libtorch its pytorch-native
# artifact names (see the parent pom), the Python side whatever PYTHON imports. Debian's
# python3-torch 1.13 is built with BLAS_INFO=generic (no optimised BLAS), which makes its
# matrix products several times slower than an upstream wheel; the table prints each
# side's torch version and BLAS so a reader can tell. Point PYTHON at a Python with an
# upstream CPU wheel for a like-for-like comparison. With the defaults the whole run takes
# about 7 minutes on 2 cores with Debian's torch, most of it the PyTorch side at the
# paper size.
set -euo pipefail

cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
OUT=${OUT:-target/training-bench}
MODELS=${MODELS:-lstm transformer transformer-seq ut-seq}
PRESETS=${PRESETS:-paper demo}
BATCH=${BATCH:-64}
WARMUP=${WARMUP:-3}
STEPS_PAPER=${STEPS_PAPER:-10}
STEPS_DEMO=${STEPS_DEMO:-60}
PYTHON=${PYTHON:-/usr/bin/python3}
BUILD=${BUILD:-1}

if [ "$BUILD" = 1 ]; then
    mvn -B -q -pl data-loader -am test-compile -Dspotless.check.skip=true
    mvn -B -q -pl data-loader dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
fi
CP="data-loader/target/test-classes:data-loader/target/classes:common/target/classes"
CP="$CP:$(cat data-loader/target/bench-cp.txt)"

export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p "$OUT"
for preset in $PRESETS; do
    steps=$STEPS_DEMO
    [ "$preset" = paper ] && steps=$STEPS_PAPER
    for model in $MODELS; do
        echo "== $model $preset: DJL" >&2
        java -Xmx1g -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 \
            -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
            -cp "$CP" kd.loader.bench.TrainingBenchmark --data "$SHARED/data/agreement" \
            --out "$OUT" --model "$model" --preset "$preset" --batch "$BATCH" \
            --warmup "$WARMUP" --steps "$steps" >&2
        echo "== $model $preset: PyTorch" >&2
        "$PYTHON" bench/pytorch_models.py train "$OUT/$model-$preset" >&2 \
            || echo "PyTorch side failed for $model $preset" >&2
    done
done
echo
echo "Training throughput, $(getconf _NPROCESSORS_ONLN) cores on the machine, 1 intra-op thread per side:"
echo
"$PYTHON" bench/pytorch_models.py table "$OUT"
