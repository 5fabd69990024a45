package kd.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MeanStdTest {

    @Test
    void sampleStandardDeviationDividesByNMinusOne() {
        // Mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5; 5 / 3 → √(5/3).
        MeanStd s = MeanStd.of(1, 2, 3, 4);
        assertEquals(4, s.n());
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(1.2909944487358056, s.std(), 1e-12);
    }

    @Test
    void oneSeedHasZeroSpread() {
        assertEquals(new MeanStd(1, 0.5, 0), MeanStd.of(0.5));
    }

    @Test
    void absentValuesAreSkipped() {
        // 0.95 and 0.97: mean 0.96, std √((0.01² + 0.01²) / 1) = 0.01·√2.
        MeanStd s = MeanStd.ofPresent(Arrays.asList(0.95, null, 0.97));
        assertEquals(2, s.n());
        assertEquals(0.96, s.mean(), 1e-12);
        assertEquals(0.01 * Math.sqrt(2), s.std(), 1e-12);
        assertNull(MeanStd.ofPresent(Arrays.asList(null, null)));
    }
}
