package dev.zscope.detection.art;

import dev.zscope.detection.Severity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zscope.detection.Verdict;
import dev.zscope.simulator.SimulatedSource;
import dev.zscope.simulator.SimulatorSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The live flag: the calibrated severity keeps false alarms rare on ordinary streams, an obvious
 * outlier is flagged early in a stream's life, and the demo stream's injected spikes are found.
 */
class ArtCalibrationTest {

    @Test
    void noiseARandomWalkAndANoisyDailySineRaiseAtMostSixFlagsIn54000Points() {
        int noise = ArtStreams.flags(new ArtDetector(), ArtStreams.noise(1, 20_000, 50), 2000, 20_000).size();
        int walk = ArtStreams.flags(new ArtDetector(), ArtStreams.walk(1, 20_000), 2000, 20_000).size();
        int sine = ArtStreams.flags(new ArtDetector(), ArtStreams.dailySine(1, 20_000), 2000, 20_000).size();
        System.out.printf("flags after the first 2,000 points: noise %d, random walk %d, daily sine %d%n", noise,
                walk, sine);
        assertThat(noise + walk + sine).isLessThanOrEqualTo(6);
    }

    @Test
    void aPoint20SigmaAwayIsFlaggedAtItsPointOnceACalmStreamHas1000Points() {
        for (long seed = 1; seed <= 10; seed++) {
            double[] xs = ArtStreams.noise(seed, 1000, 50);
            ArtDetector d = new ArtDetector();
            ArtStreams.run(d, xs, 0, xs.length);
            Verdict v = new Verdict();
            d.update(50 + ((seed & 1) == 0 ? 20 : -20), v);
            assertThat(v.anomaly()).as("seed %d", seed).isTrue();
            assertThat(d.lastSeverity()).isGreaterThan(0.99999);
        }
    }

    @Test
    void theDemoStreamsSpikesAndDipsAreFoundAtTheirPoint() {
        int spikes = 0;
        int found = 0;
        int other = 0;
        for (int stream = 0; stream < 3; stream++) {
            SimulatorSettings s0 = SimulatorSettings.defaults();
            // the replicas the app runs (Simulators.derive): seed + i, period × (1 + i/2), amplitude × (1 + i/4)
            SimulatorSettings s = new SimulatorSettings(s0.level(), s0.amplitude() * (1 + stream / 4.0),
                    (int) (s0.periodPoints() * (1 + stream / 2.0)), s0.noise(), s0.spikeRate(), s0.spikeMagnitude(),
                    s0.shiftRate(), s0.shiftMagnitude(), s0.seed() + stream);
            SimulatedSource source = new SimulatedSource(s);
            ArtDetector d = new ArtDetector();
            Verdict v = new Verdict();
            long lastInjection = -1000;
            for (int i = 0; i < 30_000; i++) {
                SimulatedSource.Sample x = source.next();
                d.update(x.index() * 1000L, x.value(), v);
                switch (x.injection()) {
                    case SPIKE_UP, SPIKE_DOWN -> {
                        spikes++;
                        found += v.anomaly() ? 1 : 0;
                    }
                    case LEVEL_SHIFT -> { }
                    case NONE -> other += v.anomaly() && i - lastInjection > 16 ? 1 : 0;
                }
                if (x.injected()) {
                    lastInjection = i;
                }
            }
        }
        System.out.printf("demo: %d of %d spikes and dips flagged at their point, %d other flags in 90,000 points%n",
                found, spikes, other);
        assertThat(spikes).isGreaterThan(150);
        assertThat((double) found / spikes).isGreaterThanOrEqualTo(0.8);
        assertThat(other).isLessThanOrEqualTo(18); // at most 2 per 10,000 points
    }

    @Test
    void severityIsZeroForNothingRisesWithTheScoreAndSurvivesItsBinaryState() throws IOException {
        Severity s = new Severity(10_000);
        assertThat(s.update(0)).isZero();
        assertThat(s.update(-1)).isZero();
        java.util.Random r = new java.util.Random(37);
        for (int i = 0; i < 5000; i++) {
            s.update(i % 50 == 0 ? 0.3 + 0.2 * r.nextDouble() : 0);
        }
        double prev = 0;
        for (double x = 0.05; x < 3; x += 0.05) {
            double sev = s.severity(x);
            assertThat(sev).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(prev);
            prev = sev;
        }
        assertThat(s.severity(0.4)).isLessThan(0.999); // an ordinary score of this stream
        assertThat(s.severity(2.5)).isGreaterThan(0.99999); // far beyond anything it shows
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        s.write(new DataOutputStream(buffer));
        Severity t = new Severity(10_000);
        t.read(new DataInputStream(new ByteArrayInputStream(buffer.toByteArray())));
        for (int i = 0; i < 1000; i++) {
            double x = i % 7 == 0 ? r.nextDouble() : 0;
            assertThat(Double.doubleToRawLongBits(t.update(x))).isEqualTo(Double.doubleToRawLongBits(s.update(x)));
        }
    }
}
