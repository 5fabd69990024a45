package kd.common.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SampledTest {

    private static final float[] LOGITS = {2, 1, 0, -1};

    // softmax([2, 1, 0, -1]): Z = e^2 + e + 1 + e^-1 = 7.3890560989 + 2.7182818285 + 1
    //   + 0.3678794412 = 11.4752173686, p_i = e^{z_i} / Z
    private static final double[] P = {0.6439142599, 0.2368828181, 0.0871443187, 0.0320586033};

    // softmax([1, 0.5, 0, -0.5]): Z = e + e^0.5 + 1 + e^-0.5 = 2.7182818285 + 1.6487212707 + 1
    //   + 0.6065306597 = 5.9735337589
    private static final double[] P_T2 = {0.4550542339, 0.2760043447, 0.1674050973, 0.1015363241};

    @Test
    void drawFrequenciesApproachTheTeacherDistribution() {
        int draws = 100_000;
        Sampled sampled = Sampled.of(LOGITS, draws, new Random(42));

        assertArrayEquals(P, frequencies(sampled, 4), 0.01);
    }

    @Test
    void drawsAtATemperatureFollowTheSoftenedDistribution() {
        Sampled sampled = Sampled.of(LOGITS, 2f, 100_000, new Random(7));

        assertArrayEquals(P_T2, frequencies(sampled, 4), 0.01);
    }

    @Test
    void everyDrawCarriesTheTeacherProbabilityOfItsId() {
        Sampled sampled = Sampled.of(LOGITS, 50, new Random(1));

        for (int j = 0; j < 50; j++) {
            assertEquals(P[sampled.ids()[j]], sampled.probabilities()[j], 1e-7);
        }
    }

    @Test
    void sameSeedSameDraws() {
        Sampled a = Sampled.of(LOGITS, 16, new Random(99));
        Sampled b = Sampled.of(LOGITS, 16, new Random(99));

        assertEquals(a, b);
    }

    @Test
    void crossEntropyEstimateIsTheMeanNegativeLogProbabilityOfTheDraws() {
        Sampled sampled = new Sampled(new int[] {0, 0, 2}, new float[] {0.5f, 0.5f, 0.1f});
        float[] studentLogProbs = {-0.5f, -1, -2, -3};

        // (0.5 + 0.5 + 2) / 3 = 1
        assertEquals(1.0, sampled.crossEntropyEstimate(studentLogProbs), 1e-12);
    }

    @Test
    void crossEntropyEstimateIsUnbiased() {
        // Student q = softmax([0, 1, 0, 0]): −log q_v = log(e + 3) = 1.7436683806 for v ≠ 1 and
        // log(e + 3) − 1 for v = 1, so −Σ p log q = log(e + 3) − p_1 = 1.7436683806
        // − 0.2368828181 = 1.5067855625.
        double logZ = 1.7436683806;
        float[] studentLogProbs = {(float) -logZ, (float) (1 - logZ), (float) -logZ, (float) -logZ};
        Sampled sampled = Sampled.of(LOGITS, 100_000, new Random(3));

        assertEquals(1.5067855625, sampled.crossEntropyEstimate(studentLogProbs), 0.01);
    }

    @Test
    void neverDrawsAnIdWhoseProbabilityUnderflows() {
        Sampled sampled = Sampled.of(new float[] {0, -2000, 0}, 10_000, new Random(5));

        assertEquals(0.0, frequencies(sampled, 3)[1]);
    }

    @Test
    void refusesNoDrawsAndNonFiniteLogits() {
        assertThrows(IllegalArgumentException.class, () -> Sampled.of(LOGITS, 0, new Random(1)));
        assertThrows(
                IllegalArgumentException.class,
                () -> Sampled.of(new float[] {Float.POSITIVE_INFINITY}, 1, new Random(1)));
    }

    private static double[] frequencies(Sampled sampled, int outputs) {
        double[] counts = new double[outputs];
        for (int id : sampled.ids()) {
            counts[id]++;
        }
        for (int i = 0; i < outputs; i++) {
            counts[i] /= sampled.ids().length;
        }
        return counts;
    }
}
