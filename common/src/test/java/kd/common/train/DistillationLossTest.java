package kd.common.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden values computed independently with plain Python 3 (no libraries beyond {@code math}):
 *
 * <pre>
 * from math import exp, log
 * def lsm(z, T=1.0):
 *     z = [v / T for v in z]; m = max(z); s = sum(exp(v - m) for v in z)
 *     return [v - m - log(s) for v in z]
 * def sm(z, T=1.0): return [exp(v) for v in lsm(z, T)]
 * def soft(s, t, T): return -sum(p * q for p, q in zip(sm(t, T), lsm(s, T)))
 * def gold(s, y): return -lsm(s)[y]
 * </pre>
 *
 * Each test states the expression it evaluates.
 */
class DistillationLossTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray floats(float[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    private static NDArray longs(long[] values, long... shape) {
        return manager.create(values, new Shape(shape));
    }

    @Test
    void classificationMixesTemperedSoftTermScaledByTSquaredWithGold() {
        // S=[[1,2],[0.5,-0.5]]; Tt=[[2,0],[0,1]]; Y=[1,0]; T=2; r=0.5
        // sum(r*T*T*soft(s,t,T) + (1-r)*gold(s,y) for ...) / 2 = 1.7815437670352545
        NDArray student = floats(new float[] {1, 2, 0.5f, -0.5f}, 2, 2);
        NDArray teacher = floats(new float[] {2, 0, 0, 1}, 2, 2);
        NDArray labels = longs(new long[] {1, 0}, 2);

        float loss =
                new DistillationLoss(2, 0.5).classification(student, teacher, labels).getFloat();

        assertEquals(1.7815437670352545, loss, 1e-5);
    }

    @Test
    void withoutTeacherTheLossIsGoldCrossEntropyWhateverTheRatio() {
        // sum(gold(s,y) for ...) / 2 = 0.31326168751822286
        NDArray student = floats(new float[] {1, 2, 0.5f, -0.5f}, 2, 2);
        NDArray labels = longs(new long[] {1, 0}, 2);

        float loss = new DistillationLoss(3, 0.9).classification(student, null, labels).getFloat();

        assertEquals(0.31326168751822286, loss, 1e-6);
    }

    @Test
    void softTermIsScaledByTSquared() {
        // r = 1, T = 2: loss = 4 * soft(s, t, 2). For s = [0, 0] the student is uniform, so
        // soft = -(0.5 log 0.5 + 0.5 log 0.5) = log 2 whatever the teacher: loss = 4 log 2.
        NDArray student = floats(new float[] {0, 0}, 1, 2);
        NDArray teacher = floats(new float[] {3, -1}, 1, 2);
        NDArray labels = longs(new long[] {0}, 1);

        float loss = new DistillationLoss(2, 1).classification(student, teacher, labels).getFloat();

        assertEquals(4 * Math.log(2), loss, 1e-6);
        assertEquals("T^2", DistillationLoss.SOFT_TERM_SCALING);
    }

    @Test
    void lmDenseLossCountsOnlyRealPositionsAndDividesByTheirNumber() {
        // Rows of 3 and 1 real positions (width 3); padded entries hold 9s and 5s that must not
        // count. T=1, r=0.25:
        // SL=[[[1,0,-1],[0,2,0],[0.5,0.5,-1]],[[2,1,0],..]]; TL=[[[0,1,0],[1,1,-2],[3,0,0]],
        // [[0,0,1],..]]; Y=[[1,2,0],[2,..]]
        // sum over the 4 real positions of 0.25*soft + 0.75*gold, / 4 = 1.6169420934845584
        NDArray student =
                floats(
                        new float[] {1, 0, -1, 0, 2, 0, 0.5f, 0.5f, -1, 2, 1, 0, 9, 9, 9, 9, 9, 9},
                        2,
                        3,
                        3);
        NDArray teacher =
                floats(
                        new float[] {0, 1, 0, 1, 1, -2, 3, 0, 0, 0, 0, 1, 5, 5, 5, 5, 5, 5},
                        2,
                        3,
                        3);
        NDArray targets = longs(new long[] {1, 2, 0, 2, 0, 0}, 2, 3);
        NDArray mask = floats(new float[] {1, 1, 1, 1, 0, 0}, 2, 3);

        float loss =
                new DistillationLoss(1, 0.25)
                        .lm(student, new DistillationLoss.LmTeacher.Dense(teacher), targets, mask)
                        .getFloat();

        assertEquals(1.6169420934845584, loss, 1e-5);
    }

    @Test
    void topKTailMassIsOneOtherBucketOnBothSides() {
        // Teacher logits tf=[1,2,0,-1] keep ids [1,0]; tail = 1 - p[1] - p[0] at T=1,
        // log(tail) = -2.126928011042973. Student s=[0.3,-0.2,0.8,0.1], T=2, r=1:
        // pb = sm([log p1, log p0, log tail], 2); qb = [q1, q0, 1-q1-q0] with q = sm(s, 2)
        // loss = 4 * -sum(pb * log qb) = 5.341740927318849
        NDArray student = floats(new float[] {0.3f, -0.2f, 0.8f, 0.1f}, 1, 1, 4);
        var teacher =
                new DistillationLoss.LmTeacher.TopK(
                        longs(new long[] {1, 0}, 1, 1, 2),
                        floats(new float[] {2, 1}, 1, 1, 2),
                        floats(new float[] {-2.126928011042973f}, 1, 1));
        NDArray targets = longs(new long[] {3}, 1, 1);
        NDArray mask = floats(new float[] {1}, 1, 1);

        float loss = new DistillationLoss(2, 1).lm(student, teacher, targets, mask).getFloat();

        assertEquals(5.341740927318849, loss, 1e-5);
    }

    @Test
    void sampledTargetsUseSelfNormalisedWeights() {
        // ids [2,2,0], weights [1,1,2] -> [0.25,0.25,0.5]; T=1, r=1; q = lsm(s):
        // -(0.25 q[2] + 0.25 q[2] + 0.5 q[0]) = 1.1546210673023907
        NDArray student = floats(new float[] {0.3f, -0.2f, 0.8f, 0.1f}, 1, 1, 4);
        var teacher =
                new DistillationLoss.LmTeacher.Sampled(
                        longs(new long[] {2, 2, 0}, 1, 1, 3),
                        floats(new float[] {1, 1, 2}, 1, 1, 3));
        NDArray targets = longs(new long[] {3}, 1, 1);
        NDArray mask = floats(new float[] {1}, 1, 1);

        float loss = new DistillationLoss(1, 1).lm(student, teacher, targets, mask).getFloat();

        assertEquals(1.1546210673023907, loss, 1e-5);
    }

    @Test
    void rejectsNonPositiveTemperatureAndRatioOutsideUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new DistillationLoss(1, 1.5));
    }
}
