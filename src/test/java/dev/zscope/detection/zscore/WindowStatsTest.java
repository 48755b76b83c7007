package dev.zscope.detection.zscore;

import dev.zscope.detection.TwoPass;
import dev.zscope.detection.Verdicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WindowStatsTest {

    private static final int W = 7;
    private static final double[] XS = Verdicts.finite(Verdicts.stream(8, 200, 0));

    private static long[] bits(WindowStats s) {
        return new long[] {Double.doubleToRawLongBits(s.anchor()), Double.doubleToRawLongBits(s.sum()),
                Double.doubleToRawLongBits(s.squares()), Double.doubleToRawLongBits(s.mean()),
                Double.doubleToRawLongBits(s.variance()), s.count(), s.seen(), s.flat() ? 1 : 0};
    }

    @Test
    void loadingAWindowReproducesIncrementalStateAtEveryPhase() {
        WindowStats incremental = new WindowStats(W);
        for (int n = 0; n <= XS.length; n++) {
            int count = Math.min(n, W);
            WindowStats loaded = new WindowStats(W);
            loaded.load(XS, n - count, count, n, incremental.anchor());
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
            s.load(XS, 0, 3, seen, Double.NaN);
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
    void medianOfFiveIsTheMiddleValueWhateverTheOrder() {
        double[] v = {3, -1, 7, 8, 1e9};
        int[] p = {0, 1, 2, 3, 4};
        do {
            assertThat(Anchors.medianOfFive(v[p[0]], v[p[1]], v[p[2]], v[p[3]], v[p[4]]))
                    .as("order %s", Arrays.toString(p)).isEqualTo(7.0);
        } while (nextPermutation(p));
    }

    @Test
    void aFlatWindowHasExactlyZeroVarianceWhateverTheAnchor() {
        WindowStats s = new WindowStats(W);
        for (int i = 0; i < 3 * W; i++) {
            s.add(i % 5 == 0 ? 1e9 : 1e9 + 0.3); // anchors at 1e9 + 0.3 or 1e9
        }
        for (int i = 0; i < W; i++) {
            s.add(0.1);
        }
        assertThat(s.flat()).isTrue();
        assertThat(s.mean()).isEqualTo(0.1);
        assertThat(s.variance()).isEqualTo(0.0);
        s.add(0.2);
        assertThat(s.flat()).isFalse();
        assertThat(s.variance()).isGreaterThan(0.0);
    }

    private static boolean nextPermutation(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
        return true;
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
