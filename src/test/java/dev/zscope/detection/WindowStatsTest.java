package dev.zscope.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WindowStatsTest {

    private static final int W = 7;
    private static final double[] XS = Verdicts.finite(Verdicts.stream(8, 200, 0));

    private static long[] bits(WindowStats s) {
        return new long[] {Double.doubleToRawLongBits(s.shift()), Double.doubleToRawLongBits(s.shiftedMean()),
                Double.doubleToRawLongBits(s.variance()), s.count(), s.seen()};
    }

    @Test
    void loadingAWindowReproducesIncrementalStateAtEveryPhase() {
        WindowStats incremental = new WindowStats(W);
        for (int n = 0; n <= XS.length; n++) {
            int count = Math.min(n, W);
            WindowStats loaded = new WindowStats(W);
            loaded.load(XS, n - count, count, n);
            assertThat(bits(loaded)).as("after %d values", n).isEqualTo(bits(incremental));
            assertThat(loaded.values()).isEqualTo(incremental.values());
            for (int i = n; i < Math.min(n + 2 * W, XS.length); i++) {
                loaded.add(XS[i]);
            }
            if (n < XS.length) {
                incremental.add(XS[n]);
            }
        }
    }

    @Test
    void aPartialWindowGrowsFromWhereItWasLoaded() {
        for (int phase = 0; phase < W; phase++) {
            long seen = 100 + phase;
            WindowStats s = new WindowStats(W);
            s.load(XS, 0, 3, seen);
            for (int k = 3; k < 20; k++) {
                int from = Math.max(0, k - W);
                TwoPass ref = TwoPass.of(XS, from, k);
                assertThat(s.count()).isEqualTo(k - from);
                assertThat(s.mean()).isCloseTo(ref.mean, within(1e-12));
                assertThat(Math.sqrt(s.variance())).isCloseTo(ref.std, within(1e-12));
                assertThat(s.values()).containsExactly(Arrays.copyOfRange(XS, from, k));
                s.add(XS[k]);
            }
        }
    }

    @Test
    void emptyWindowHasNoStatistics() {
        WindowStats s = new WindowStats(W);
        assertThat(s.mean()).isNaN();
        assertThat(s.variance()).isNaN();
        s.add(5);
        s.reset();
        assertThat(s.count()).isZero();
        assertThat(s.variance()).isNaN();
        assertThat(s.values()).isEmpty();
    }
}
