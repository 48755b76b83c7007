package dev.zscope.detection.art;

/** The orthonormal Haar wavelet transform of 8 values, to its coarsest level. */
final class Haar {

    private static final double R = Math.sqrt(0.5);

    private Haar() {
    }

    /**
     * Writes into {@code out} the coefficients of {@code in} (both of length 8), coarsest first:
     * the overall average, the coarsest detail, the two middle details, the four finest details.
     * A detail is (earlier − later) / √2 of the averages below it.
     */
    static void transform8(double[] in, double[] out) {
        double a0 = (in[0] + in[1]) * R;
        double a1 = (in[2] + in[3]) * R;
        double a2 = (in[4] + in[5]) * R;
        double a3 = (in[6] + in[7]) * R;
        out[4] = (in[0] - in[1]) * R;
        out[5] = (in[2] - in[3]) * R;
        out[6] = (in[4] - in[5]) * R;
        out[7] = (in[6] - in[7]) * R;
        double b0 = (a0 + a1) * R;
        double b1 = (a2 + a3) * R;
        out[2] = (a0 - a1) * R;
        out[3] = (a2 - a3) * R;
        out[0] = (b0 + b1) * R;
        out[1] = (b0 - b1) * R;
    }
}
