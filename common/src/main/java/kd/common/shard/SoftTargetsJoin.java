package kd.common.shard;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kd.common.train.SoftTargets;
import kd.common.train.SoftTargets.LmTargets;

/** Turns a teacher's shards into the soft targets the trainer reads, keyed by example id. */
public final class SoftTargetsJoin {

    private SoftTargetsJoin() {}

    public static SoftTargets join(List<SoftLabelShard> shards) {
        Map<String, float[]> classification = new HashMap<>();
        Map<String, LmTargets> lm = new HashMap<>();
        for (SoftLabelShard shard : shards) {
            PayloadKind kind = shard.header().kind();
            int k = shard.header().k();
            int width = shard.header().outputs();
            for (SoftLabels labels : shard.examples()) {
                String id = labels.exampleId();
                switch (kind) {
                    case CLASSIFICATION -> classification.put(id, labels.values());
                    case LM_DENSE ->
                            lm.put(id, LmTargets.dense(labels.positions(), width, labels.values()));
                    case LM_TOPK ->
                            lm.put(
                                    id,
                                    LmTargets.topK(
                                            labels.positions(),
                                            k,
                                            labels.ids(),
                                            labels.values(),
                                            labels.tailLogMass()));
                    case LM_SAMPLED -> {
                        // The ids were drawn from the teacher's distribution, so each draw weighs
                        // the same: the soft cross-entropy is estimated by their mean.
                        float[] weights = new float[labels.ids().length];
                        Arrays.fill(weights, 1f);
                        lm.put(id, LmTargets.sampled(labels.positions(), k, labels.ids(), weights));
                    }
                }
            }
        }
        return new SoftTargets(classification, lm);
    }
}
