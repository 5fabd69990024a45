package kd.common.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LmLabelsTest {

    @Test
    void topKKeepsTheLargestLogitsAndTheLogOfTheRest() {
        // Logits [1, 2, 0, -1]: top 2 are id 1 (2.0) then id 0 (1.0). Tail probability
        // (e^0 + e^-1) / (e^1 + e^2 + e^0 + e^-1) = 1.36788 / 11.4752 = 0.119203,
        // log = -2.126928 (python3:
        // math.log((1+math.exp(-1))/(math.e+math.exp(2)+1+math.exp(-1)))).
        SoftTargets.LmTargets t = LmLabels.topK(new float[][] {{1, 2, 0, -1}}, 2);
        assertArrayEquals(new int[] {1, 0}, t.ids());
        assertArrayEquals(new float[] {2, 1}, t.values());
        assertEquals(-2.126928011042973, t.logTail()[0], 1e-6);
    }

    @Test
    void samplingFollowsTheTemperedTeacher() {
        // Logits [0, ln 3]: at T = 1 id 1 has probability 3/4. 4,000 draws: expect 3,000 ± 3·27.
        SoftTargets.LmTargets t =
                LmLabels.sampled(
                        new float[][] {{0, (float) Math.log(3)}}, 4000, 1.0, new Random(1));
        int ones = 0;
        for (int id : t.ids()) {
            ones += id;
        }
        assertEquals(3000, ones, 82);
        assertEquals(1f, t.values()[17]);
    }
}
