#!/usr/bin/env bash
# LM soft-label schemes (dense, top-k, sampled) through the real shard format: bytes per
# position, and the distilled students' perplexity and agreement accuracy on UD EWT dev.
# See the Javadoc of kd.loader.bench.LmShardSchemes for what is measured.
#
# Run from the repository root; extra arguments go to the harness (e.g. --k 8,32 --parts 1):
#
#   bench/lm-shard-schemes.sh
#
# SHARED (default ../shared) is the shared folder holding data/agreement; BUILD=0 skips the
# Maven compile and class path steps.
set -euo pipefail

cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
BUILD=${BUILD:-1}
if [ "$BUILD" = 1 ]; then
    mvn -B -q -pl data-loader -am test-compile -Dspotless.check.skip=true
    mvn -B -q -pl data-loader dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
fi
CP="data-loader/target/test-classes:data-loader/target/classes:common/target/classes"
CP="$CP:$(cat data-loader/target/bench-cp.txt)"
OMP_NUM_THREADS=1 exec java -Xmx4g -Dai.djl.pytorch.num_threads=1 \
    -Dai.djl.pytorch.num_interop_threads=1 \
    -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
    -cp "$CP" kd.loader.bench.LmShardSchemes --data "$SHARED/data/agreement" "$@"
