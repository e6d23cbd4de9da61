package org.handlelens.model.analysis;

/**
 * Ordinary least-squares line through points (x seconds, y count).
 *
 * @param slopePerSecond y units per second
 * @param intercept      y at x = 0
 * @param rSquared       coefficient of determination in [0, 1]; 0 when y is constant or there are fewer than 3 points
 * @param points         number of points
 */
public record LinearFit(double slopePerSecond, double intercept, double rSquared, int points) {

    /** Fits {@code y} over {@code xSeconds} (equal lengths). */
    public static LinearFit of(double[] xSeconds, double[] y) {
        if (xSeconds.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        int n = y.length;
        if (n < 2) {
            return new LinearFit(0, n == 1 ? y[0] : 0, 0, n);
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += xSeconds[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = xSeconds[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0) {
            return new LinearFit(0, my, 0, n);
        }
        double slope = sxy / sxx;
        // two points always fit exactly; an R² from them says nothing
        double r2 = syy == 0 || n < 3 ? 0 : Math.min(1, Math.max(0, (sxy * sxy) / (sxx * syy)));
        return new LinearFit(slope, my - slope * mx, r2, n);
    }
}
