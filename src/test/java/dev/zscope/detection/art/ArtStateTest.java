package dev.zscope.detection.art;

import dev.zscope.detection.Detector;
import dev.zscope.detection.StreamHints;
import dev.zscope.detection.Verdict;
import dev.zscope.detection.catalog.DetectorChoice;
import dev.zscope.detection.catalog.DetectorStates;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The binary state ({@link ArtDetector#write}/{@link ArtDetector#read}) and the value frame: a
 * restored detector continues bit for bit, a new extreme re-maps memory exactly, and a range
 * declared up front gives the verdicts of the same range discovered.
 */
class ArtStateTest {

    /** A stream that keeps reaching new extremes early (frame widenings) then has incidents. */
    private static double[] eventful(long seed, int n) {
        Random r = new Random(seed);
        double[] xs = new double[n];
        double level = 10;
        for (int i = 0; i < n; i++) {
            if (i % 1700 == 900) {
                level += 4 * r.nextGaussian();
            }
            xs[i] = level + 3 * Math.sin(2 * Math.PI * i / 288.0) + r.nextGaussian() * (1 + i / 2000.0);
            if (i % 997 == 500) {
                xs[i] += 25;
            }
        }
        return xs;
    }

    @ParameterizedTest(name = "cut at {0}")
    @ValueSource(ints = {0, 50, 103, 104, 500, 1000, 1460, 3000, 7000})
    void aRestoredDetectorContinuesBitForBit(int cut) {
        double[] xs = eventful(31, 9000);
        ArtDetector original = new ArtDetector();
        ArtStreams.run(original, xs, 0, cut);
        byte[] bytes = original.toBytes();
        ArtDetector restored = ArtDetector.fromBytes(bytes);
        assertThat(restored.toBytes()).isEqualTo(bytes);
        assertThat(ArtStreams.run(restored, xs, cut, xs.length)).isEqualTo(ArtStreams.run(original, xs, cut,
                xs.length));
    }

    @Test
    void aSavedStateThroughTheRegistryRestoresTheSameWayAndCanBeRestoredTwice() {
        double[] xs = eventful(32, 6000);
        DetectorChoice choice = new DetectorChoice("art", java.util.Map.of("min", "-50", "max", "80", "period", "6000"));
        ArtDetector original = (ArtDetector) choice.create();
        ArtStreams.run(original, xs, 0, 2500);
        byte[] saved = DetectorStates.save(choice, original).orElseThrow();
        ArtDetector first = (ArtDetector) DetectorStates.load(choice, saved).detector();
        ArtDetector second = (ArtDetector) DetectorStates.load(choice, saved).detector();
        List<ArtStreams.Row> expected = ArtStreams.run(original, xs, 2500, 6000);
        assertThat(ArtStreams.run(first, xs, 2500, 6000)).isEqualTo(expected);
        assertThat(ArtStreams.run(second, xs, 2500, 6000)).isEqualTo(expected);
    }

    @Test
    void theStateIsCompactVersionedAndRejectsOtherFormats() throws IOException {
        double[] xs = eventful(33, 20_000);
        ArtDetector d = new ArtDetector();
        int max = 0;
        Verdict v = new Verdict();
        for (int i = 0; i < xs.length; i++) {
            d.update(xs[i], v);
            if (i % 250 == 0) {
                max = Math.max(max, d.toBytes().length);
            }
        }
        int last = d.toBytes().length;
        System.out.printf("art state: %d bytes after 20,000 points, at most %d bytes%n", last, max);
        assertThat(max).isLessThan(400_000);
        byte[] bytes = d.toBytes();
        assertThat(bytes[4]).isEqualTo((byte) ArtDetector.FORMAT);
        bytes[4] = 99;
        assertThatThrownBy(() -> ArtDetector.read(new DataInputStream(new ByteArrayInputStream(bytes))))
                .isInstanceOf(IOException.class).hasMessageContaining("format 99");
        assertThatThrownBy(() -> ArtDetector.fromBytes(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aRangeDeclaredUpFrontGivesTheVerdictsOfTheSameRangeDiscovered() {
        double[] xs = eventful(34, 8000);
        // the frame the streaming detector discovers when its finest scale has warmed up (104 points)
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 104; i++) {
            min = Math.min(min, xs[i]);
            max = Math.max(max, xs[i]);
        }
        double m = 0.1 * (max - min);
        ArtSettings discovered = ArtSettings.defaults().with("deadband", "1.5");
        ArtSettings declared = discovered.withHints(new StreamHints(min - m, max + m, 0));
        ArtDetector a = new ArtDetector(discovered);
        ArtDetector b = new ArtDetector(declared);
        List<ArtStreams.Row> ra = ArtStreams.run(a, xs, 0, xs.length);
        List<ArtStreams.Row> rb = ArtStreams.run(b, xs, 0, xs.length);
        assertThat(a.frameHi()).isGreaterThan(max + m); // the stream did widen the frame later
        assertThat(rb.subList(104, xs.length)).isEqualTo(ra.subList(104, xs.length));
    }

    @Test
    void aNewExtremeRemapsMemoryExactlyLearningThenRemappingIsRemappingThenLearning() {
        Random r = new Random(35);
        double a = 0.37;
        double b = 0.29;
        ArtMemory learnedThenMapped = new ArtMemory(16, 8, 15, 8);
        ArtMemory mappedThenLearned = new ArtMemory(16, 8, 15, 8);
        double[] x = new double[16];
        double[] y = new double[16];
        for (int k = 0; k < 200; k++) {
            for (int f = 0; f < 16; f++) {
                x[f] = r.nextDouble();
                y[f] = f >= 8 ? a * x[f] + b : x[f];
            }
            // vigilance 0: every input resonates with the one category (the first input commits it)
            learnedThenMapped.present(x, true, 0, 0);
            mappedThenLearned.present(y, true, 0, 0);
        }
        learnedThenMapped.remapLevels(a, b);
        assertThat(learnedThenMapped.count()).isEqualTo(1);
        for (int f = 0; f < 16; f++) {
            assertThat(learnedThenMapped.lower(0, f)).isEqualTo(mappedThenLearned.lower(0, f));
            assertThat(learnedThenMapped.upper(0, f)).isEqualTo(mappedThenLearned.upper(0, f));
        }
        // and the same later input then gets the same activation, bit for bit
        for (int f = 0; f < 16; f++) {
            y[f] = f >= 8 ? a * 0.5 + b : 0.5;
        }
        learnedThenMapped.present(y, false, 0.9, 0.9);
        mappedThenLearned.present(y, false, 0.9, 0.9);
        assertThat(Double.doubleToRawLongBits(learnedThenMapped.best()))
                .isEqualTo(Double.doubleToRawLongBits(mappedThenLearned.best()));
    }

    @Test
    void aWideningKeepsEveryStoredLevelAtTheSameValue() {
        double[] xs = ArtStreams.noise(36, 3000, 100);
        Frame frame = new Frame();
        frame.discover(95, 105, 0.1);
        double before = frame.value(0.3);
        assertThat(frame.widen(130, 0.1)).isTrue();
        double after = frame.value(frame.a() * 0.3 + frame.b());
        assertThat(after).isCloseTo(before, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(frame.widen(100, 0.1)).isFalse();
        // and a detector whose frame widens keeps judging the old level as familiar
        ArtDetector d = new ArtDetector();
        ArtStreams.run(d, xs, 0, 2500);
        double hi = d.frameHi();
        Verdict v = new Verdict();
        d.update(hi + 50, v); // a new extreme: flagged, frame widened
        assertThat(v.anomaly()).isTrue();
        assertThat(d.frameHi()).isGreaterThan(hi + 50);
        int flags = 0;
        for (int i = 2500; i < 3000; i++) {
            d.update(xs[i], v);
            flags += v.anomaly() ? 1 : 0;
        }
        assertThat(flags).isZero();
    }

    @Test
    void aFrameGrownByAThirdMakesAScaleChooseItsVigilanceAgainAtItsNextBlockEndAndTheStateKeepsThat()
            throws IOException {
        Random r = new Random(37);
        Frame frame = new Frame();
        frame.discover(95, 105, 0.1);
        ArtScale scale = new ArtScale(7, 104, 256, false, 1.5);
        int i = 0;
        for (; i < 7 * 400; i++) {
            scale.add(100 + r.nextGaussian() + (i % 500 < 20 ? 3 : 0), frame);
        }
        double lb = scale.rhoLb();
        double ub = scale.rhoUb();
        assertThat(lb).isLessThan(ub); // revised since the warm-up: the two differ
        // a widening by less than a third changes nothing but the mapping
        assertThat(frame.widen(108, 0.1)).isTrue(); // span 12 -> 15.4
        scale.remap(frame.a(), frame.b());
        for (int k = 0; k < 7; k++, i++) {
            scale.add(100 + r.nextGaussian(), frame);
        }
        assertThat(scale.rhoLb()).isEqualTo(lb);
        // a widening by a third or more: chosen again at the next block end, both vigilances equal
        assertThat(frame.widen(150, 0.1)).isTrue();
        scale.remap(frame.a(), frame.b());
        scale.add(100 + r.nextGaussian(), frame);
        i++;
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        scale.write(new java.io.DataOutputStream(buffer));
        ArtScale restored = new ArtScale(7, 104, 256, false, 1.5);
        restored.read(new DataInputStream(new ByteArrayInputStream(buffer.toByteArray())));
        for (int k = 1; k < 7; k++, i++) {
            double x = 100 + r.nextGaussian();
            assertThat(scale.add(x, frame)).isEqualTo(restored.add(x, frame)).isEqualTo(k == 6);
        }
        assertThat(scale.rhoLb()).isEqualTo(scale.rhoUb()).isNotEqualTo(lb);
        assertThat(restored.rhoLb()).isEqualTo(scale.rhoLb());
        assertThat(restored.rhoUb()).isEqualTo(scale.rhoUb());
    }
}
