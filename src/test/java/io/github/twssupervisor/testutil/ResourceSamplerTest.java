package io.github.twssupervisor.testutil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

    private static final long MIB = 1 << 20;

    private static ResourceSampler.Sample at(int minute, double heapMib) {
        return new ResourceSampler.Sample(Duration.ofMinutes(minute), (long) (heapMib * MIB), 29, 40, 74);
    }

    @Test
    void fitsTheSlopeFromTheGivenMinuteOnly() {
        // Warm-up growth before minute 5 is ignored; from there 0.05 MiB a minute is 0.5 MiB per 10 minutes.
        List<ResourceSampler.Sample> samples = IntStream.rangeClosed(0, 30)
                .mapToObj(m -> at(m, m < 5 ? 5 + 2 * m : 20 + 0.05 * m)).toList();
        assertEquals(0.5, ResourceSampler.heapSlopeMibPer10Min(samples, 5).orElseThrow(), 1e-6);
    }

    @Test
    void noiseAroundAFlatLineFitsNearZero() {
        List<ResourceSampler.Sample> samples = IntStream.rangeClosed(5, 30)
                .mapToObj(m -> at(m, 20 + (m % 2 == 0 ? 0.5 : -0.5))).toList();
        assertTrue(Math.abs(ResourceSampler.heapSlopeMibPer10Min(samples, 5).orElseThrow()) < 0.1);
    }

    @Test
    void fewerThanThreeSamplesAreNotFitted() {
        assertEquals(OptionalDouble.empty(), ResourceSampler.heapSlopeMibPer10Min(List.of(at(5, 1), at(6, 2)), 5));
    }
}
