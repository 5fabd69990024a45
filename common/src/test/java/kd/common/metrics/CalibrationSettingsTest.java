package kd.common.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import kd.common.json.Json;
import org.junit.jupiter.api.Test;

class CalibrationSettingsTest {

    @Test
    void jsonCarriesOnlyTheFourSettings() {
        String json = Json.write(CalibrationSettings.PAPER);
        assertFalse(json.contains("describe"), json);
        assertEquals(CalibrationSettings.PAPER, Json.read(json, CalibrationSettings.class));
    }

    @Test
    void describesItselfForReports() {
        assertEquals("20 equal-width bins, top-label, L1", CalibrationSettings.PAPER.describe());
        assertEquals(
                new CalibrationSettings(15, "equal-width", "l1", "top-label"),
                CalibrationSettings.PAPER.withBins(15));
    }
}
