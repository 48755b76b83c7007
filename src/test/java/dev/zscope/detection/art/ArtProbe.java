package dev.zscope.detection.art;

import dev.zscope.detection.Verdict;
import dev.zscope.simulator.SimulatedSource;
import dev.zscope.simulator.SimulatorSettings;
import java.util.Random;

/**
 * Exploration harness (a main, not a test): how often the severity flag fires on calm synthetic
 * series, whether a 20σ point is flagged, and how many simulator spikes are found, at several
 * severity thresholds.
 */
public final class ArtProbe {

    static final double[] THRESHOLDS = {0.999, 0.9995, 0.9999, 0.99995, 0.99999, 0.999995};

    private ArtProbe() {
    }

    static double[] noise(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 50 + r.nextGaussian();
        }
        return v;
    }

    static double[] walk(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        double x = 100;
        for (int i = 0; i < n; i++) {
            x += r.nextGaussian();
            v[i] = x;
        }
        return v;
    }

    static double[] sine(long seed, int n) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 100 + 10 * Math.sin(2 * Math.PI * i / 1440.0) + r.nextGaussian();
        }
        return v;
    }

    static int[] flags(double[] v, int from) {
        ArtDetector d = new ArtDetector();
        Verdict out = new Verdict();
        int[] c = new int[THRESHOLDS.length];
        double maxSev = 0;
        for (int i = 0; i < v.length; i++) {
            d.update(60_000L * i, v[i], out);
            if (i >= from && out.score() > 0) {
                double s = d.lastSeverity();
                maxSev = Math.max(maxSev, s);
                for (int k = 0; k < THRESHOLDS.length; k++) {
                    if (s >= THRESHOLDS[k]) {
                        c[k]++;
                    }
                }
            }
        }
        return c;
    }

    public static void main(String[] args) {
        for (long seed = 1; seed <= 3; seed++) {
            int[] a = flags(noise(seed, 20_000), 2000);
            int[] b = flags(walk(seed, 20_000), 2000);
            int[] c = flags(sine(seed, 20_000), 2000);
            StringBuilder sb = new StringBuilder("seed " + seed + ":");
            for (int k = 0; k < THRESHOLDS.length; k++) {
                sb.append(String.format(" %s: %d+%d+%d=%d", THRESHOLDS[k], a[k], b[k], c[k], a[k] + b[k] + c[k]));
            }
            System.out.println(sb);
        }
        // 20 sigma after n points of calm noise
        for (int n : new int[] {1000, 1500, 2000, 5000}) {
            StringBuilder sb = new StringBuilder("20σ after " + n + ":");
            for (long seed = 1; seed <= 10; seed++) {
                double[] v = noise(seed, n);
                ArtDetector d = new ArtDetector();
                Verdict out = new Verdict();
                for (double x : v) {
                    d.update(x, out);
                }
                double best = 0;
                double raw = 0;
                int at = -1;
                double spike = 50 + ((seed & 1) == 0 ? 20 : -20);
                d.update(spike, out);
                Random r = new Random(seed + 100);
                for (int j = 0; j < 10; j++) {
                    if (out.score() > 0 && d.lastSeverity() > best) {
                        best = d.lastSeverity();
                        raw = out.score();
                        at = j;
                    }
                    d.update(50 + r.nextGaussian(), out);
                }
                sb.append(String.format(" %.6f(%.2f@%d)", best, raw, at));
            }
            System.out.println(sb);
        }
        // simulator
        int spikes = 0;
        int[][] found = new int[THRESHOLDS.length][8];
        int[] other = new int[THRESHOLDS.length];
        int shifts = 0;
        int[] shiftFound = new int[THRESHOLDS.length];
        for (int stream = 0; stream < 3; stream++) {
            SimulatorSettings s0 = SimulatorSettings.defaults();
            SimulatorSettings s = stream == 0 ? s0 : new SimulatorSettings(s0.level(), s0.amplitude() * (1 + stream / 4.0),
                    (int) (s0.periodPoints() * (1 + stream / 2.0)), s0.noise(), s0.spikeRate(), s0.spikeMagnitude(),
                    s0.shiftRate(), s0.shiftMagnitude(), s0.seed() + stream);
            SimulatedSource src = new SimulatedSource(s);
            ArtDetector d = new ArtDetector();
            Verdict out = new Verdict();
            int n = 30_000;
            double[] sev = new double[n];
            SimulatedSource.Injection[] inj = new SimulatedSource.Injection[n];
            for (int i = 0; i < n; i++) {
                SimulatedSource.Sample x = src.next();
                d.update(x.index() * 1000L, x.value(), out);
                sev[i] = out.score() > 0 ? d.lastSeverity() : 0;
                inj[i] = x.injection();
            }
            int lastInj = -1000;
            for (int i = 0; i < n; i++) {
                boolean spike = inj[i] == SimulatedSource.Injection.SPIKE_UP || inj[i] == SimulatedSource.Injection.SPIKE_DOWN;
                if (spike) {
                    spikes++;
                    for (int k = 0; k < THRESHOLDS.length; k++) {
                        for (int lag = 0; lag < 8; lag++) {
                            boolean hit = false;
                            for (int j = i; j <= Math.min(n - 1, i + lag); j++) {
                                hit |= sev[j] >= THRESHOLDS[k];
                            }
                            found[k][lag] += hit ? 1 : 0;
                        }
                    }
                }
                if (inj[i] == SimulatedSource.Injection.LEVEL_SHIFT) {
                    shifts++;
                    for (int k = 0; k < THRESHOLDS.length; k++) {
                        boolean hit = false;
                        for (int j = i; j <= Math.min(n - 1, i + 7); j++) {
                            hit |= sev[j] >= THRESHOLDS[k];
                        }
                        shiftFound[k] += hit ? 1 : 0;
                    }
                }
                if (inj[i] != SimulatedSource.Injection.NONE) {
                    lastInj = i;
                } else if (i - lastInj > 16) {
                    for (int k = 0; k < THRESHOLDS.length; k++) {
                        other[k] += sev[i] >= THRESHOLDS[k] ? 1 : 0;
                    }
                }
            }
        }
        for (int k = 0; k < THRESHOLDS.length; k++) {
            StringBuilder sb = new StringBuilder(String.format("sim %s: spikes %d found by lag", THRESHOLDS[k], spikes));
            for (int lag = 0; lag < 8; lag++) {
                sb.append(' ').append(found[k][lag]);
            }
            sb.append(String.format("  shifts %d/%d  other %d", shiftFound[k], shifts, other[k]));
            System.out.println(sb);
        }
    }
}
