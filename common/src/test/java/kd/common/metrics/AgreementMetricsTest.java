package kd.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import kd.common.data.Example;
import org.junit.jupiter.api.Test;

class AgreementMetricsTest {

    private static final double EXACT = 1e-12;

    private static Example item(int label, int distance, int intervening, int attractors) {
        return new Example(
                "i" + distance + "-" + intervening + "-" + attractors,
                label,
                new int[0],
                new int[0],
                -1,
                distance,
                intervening,
                attractors);
    }

    /**
     * Twenty items, (distance, intervening, attractors, correct):
     *
     * <pre>
     *  1 (1,0,0,✓)  2 (1,0,0,✗)  3 (1,0,0,✓)  4 (2,0,0,✓)  5 (2,1,1,✓)
     *  6 (3,1,1,✗)  7 (3,1,0,✓)  8 (3,1,0,✓)  9 (4,2,2,✓) 10 (4,2,2,✓)
     * 11 (4,2,1,✗) 12 (5,2,2,✗) 13 (6,3,3,✓) 14 (7,3,3,✗) 15 (16,1,1,✓)
     * 16 (17,0,0,✗) beyond the distance filter
     * 17 (8,5,5,✗)  more than 4 intervening nouns
     * 18 (-1,-1,-1,✓) 19 (-1,-1,-1,✗) unknown distance
     * 20 (9,-1,-1,✓) known distance, unknown nouns
     * </pre>
     */
    private static final int[][] ITEMS = {
        {1, 0, 0, 1}, {1, 0, 0, 0}, {1, 0, 0, 1}, {2, 0, 0, 1}, {2, 1, 1, 1},
        {3, 1, 1, 0}, {3, 1, 0, 1}, {3, 1, 0, 1}, {4, 2, 2, 1}, {4, 2, 2, 1},
        {4, 2, 1, 0}, {5, 2, 2, 0}, {6, 3, 3, 1}, {7, 3, 3, 0}, {16, 1, 1, 1},
        {17, 0, 0, 0}, {8, 5, 5, 0}, {-1, -1, -1, 1}, {-1, -1, -1, 0}, {9, -1, -1, 1}
    };

    private static AgreementAccuracy scoreTwentyItems() {
        List<Example> items = new ArrayList<>();
        boolean[] correct = new boolean[ITEMS.length];
        for (int i = 0; i < ITEMS.length; i++) {
            items.add(item(0, ITEMS[i][0], ITEMS[i][1], ITEMS[i][2]));
            correct[i] = ITEMS[i][3] == 1;
        }
        return AgreementMetrics.compute(items, correct);
    }

    @Test
    void microAccuracyIsOverEveryGivenItem() {
        // Correct: items 1,3,4,5,7,8,9,10,13,15,18,20 = 12 of 20.
        AgreementAccuracy acc = scoreTwentyItems();
        assertEquals(20, acc.items());
        assertEquals(0.6, acc.micro(), EXACT);
    }

    @Test
    void distanceAccuracyAveragesNonEmptyBinsAndSkipsFilteredItems() {
        // Bins: 1 → 2/3, 2 → 2/2, 3 → 2/3, 4 → 2/3, 5 → 0/1, 6 → 1/1, 7 → 0/1, 9 → 1/1, 16 → 1/1.
        // Bin 8 is empty: its only item has 5 intervening nouns. Item 16 (distance 17) and the
        // unknown distances are in no bin. Mean of 9 bins: (2/3·3 + 1 + 0 + 1 + 0 + 1 + 1) / 9
        // = 6 / 9 = 2/3.
        AgreementAccuracy acc = scoreTwentyItems();
        assertEquals(2.0 / 3, acc.distance(), EXACT);
        assertEquals(16, acc.byDistance().size());
        assertEquals(new BinAccuracy(8, 0, null), acc.byDistance().get(7));
        assertEquals(new BinAccuracy(5, 1, 0.0), acc.byDistance().get(4));
        assertEquals(3, acc.byDistance().get(0).count());
        assertEquals(2.0 / 3, acc.byDistance().get(0).accuracy(), EXACT);
        assertEquals(new BinAccuracy(9, 1, 1.0), acc.byDistance().get(8));
        assertEquals(new BinAccuracy(16, 1, 1.0), acc.byDistance().get(15));
        // Items 16, 17, 18 and 19 are in no distance bin: 20 − 4 = 16 remain.
        int inBins = acc.byDistance().stream().mapToInt(BinAccuracy::count).sum();
        assertEquals(16, inBins);
    }

    @Test
    void attractorAccuracyTakesHomogeneousItemsAndSkipsTheEmptyBin() {
        // Homogeneous items: bin 0 = items 1,2,3,4,16 → 3/5; bin 1 = 5,6,15 → 2/3;
        // bin 2 = 9,10,12 → 2/3; bin 3 = 13,14 → 1/2; bin 4 empty (item 17 has 5).
        // Mean over 4 bins: (18/30 + 20/30 + 20/30 + 15/30) / 4 = 73/120.
        // Averaging the empty bin as zero would give 73/150 instead.
        AgreementAccuracy acc = scoreTwentyItems();
        assertEquals(73.0 / 120, acc.attractors(), EXACT);
        assertEquals(5, acc.byAttractors().size());
        assertEquals(new BinAccuracy(0, 5, 0.6), acc.byAttractors().get(0));
        assertEquals(new BinAccuracy(3, 2, 0.5), acc.byAttractors().get(3));
        assertEquals(new BinAccuracy(4, 0, null), acc.byAttractors().get(4));
    }

    @Test
    void predictionsAreComparedWithEachItemsLabel() {
        // Labels 0,1,1 against predictions 0,0,1: two right.
        List<Example> items = List.of(item(0, 1, 0, 0), item(1, 2, 0, 0), item(1, 2, 1, 1));
        AgreementAccuracy acc = AgreementMetrics.compute(items, new int[] {0, 0, 1});
        assertEquals(2.0 / 3, acc.micro(), EXACT);
        // Distance bins 1 → 1/1, 2 → 1/2: mean 3/4.
        assertEquals(0.75, acc.distance(), EXACT);
    }

    @Test
    void everyBinEmptyGivesNullNotZero() {
        List<Example> items = List.of(item(0, -1, -1, -1));
        AgreementAccuracy acc = AgreementMetrics.compute(items, new boolean[] {true});
        assertEquals(1.0, acc.micro(), EXACT);
        assertNull(acc.distance());
        assertNull(acc.attractors());
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> AgreementMetrics.compute(List.of(item(0, 1, 0, 0)), new boolean[2]));
        assertThrows(
                IllegalArgumentException.class,
                () -> AgreementMetrics.compute(List.of(), new boolean[0]));
    }
}
