package org.regsl.bench.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Noise settings: ids both ways, the rate a method may assume, the official seed. */
class NoiseSettingTest {

    @Test
    void idsRoundTrip() {
        assertEquals("independent-20", NoiseSetting.independent(0.2).id());
        assertEquals("independent-80", NoiseSetting.independent(0.8).id());
        assertEquals("independent-0", NoiseSetting.independent(0.004).id(), "rounded to a percent");
        assertEquals("independent-1", NoiseSetting.independent(0.005).id());
        assertEquals("correlated", NoiseSetting.correlated().id());
        assertEquals(NoiseSetting.independent(0.4), NoiseSetting.of("independent-40"));
        assertEquals(0.4, NoiseSetting.of("independent-40").rate());
        assertEquals("independent", NoiseSetting.of("independent-40").kind());
        assertEquals("correlated", NoiseSetting.of("correlated").kind());
        assertTrue(Double.isNaN(NoiseSetting.of("correlated").rate()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NoiseSetting.of("symmetric"));
        assertTrue(e.getMessage().contains("unknown noise setting 'symmetric'"), e.getMessage());
        assertThrows(NumberFormatException.class, () -> NoiseSetting.of("independent-x"));
    }

    @Test
    void theAssumedRateIsNominalOrThePosters() {
        assertEquals(0.6, NoiseSetting.independent(0.6).assumedRate());
        assertEquals(0.2518, NoiseSetting.correlated().assumedRate());
        assertEquals(0.2518, NoiseSetting.POSTER_CORRELATED_RATE);
        assertEquals(1024, NoiseSetting.NOISE_SEED);
    }
}
