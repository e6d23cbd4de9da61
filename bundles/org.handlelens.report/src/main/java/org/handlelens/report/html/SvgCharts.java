package org.handlelens.report.html;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts (no scripts, no external resources): a line chart of counts over time and a
 * horizontal bar chart. Labels are escaped.
 */
public final class SvgCharts {
    /** Series colours (colour-blind friendly, Okabe–Ito). */
    static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
        "#000000"};

    private SvgCharts() {
    }

    /**
     * One line.
     *
     * @param label  legend text
     * @param counts one value per time point
     */
    public record Line(String label, long[] counts) {
    }

    /** One bar. */
    public record Bar(String label, long value, boolean highlighted) {
    }

    /** Line chart of {@code lines} over {@code timesNanos} (seconds on the x axis). */
    public static String lineChart(String title, long[] timesNanos, List<Line> lines, int width, int height) {
        int left = 64;
        int right = 16;
        int top = 28;
        int bottom = 40 + 18 * ((lines.size() + 2) / 3);
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        double tMax = timesNanos.length == 0 ? 1 : Math.max(1, timesNanos[timesNanos.length - 1]) / 1e9;
        long yMax = 1;
        for (Line l : lines) {
            for (long c : l.counts()) {
                yMax = Math.max(yMax, c);
            }
        }
        yMax = niceCeiling(yMax);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\"><title>%s</title>",
                width, height, width, height, Html.esc(title)));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"ct\">%s</text>", left, Html.esc(title)));
        // axes and grid
        for (int i = 0; i <= 4; i++) {
            double y = top + plotH - plotH * i / 4.0;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"gl\"/>",
                    left, y, left + plotW, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"ya\">%s</text>", left - 6, y + 4,
                    Html.count(yMax * i / 4)));
        }
        for (int i = 0; i <= 5; i++) {
            double x = left + plotW * i / 5.0;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"xa\">%s s</text>", x,
                    top + plotH + 16, Html.num(tMax * i / 5, tMax < 10 ? 1 : 0)));
        }
        sb.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", left, top + plotH, left + plotW,
                top + plotH));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>", left,
                top, left, top + plotH));
        for (int s = 0; s < lines.size(); s++) {
            Line l = lines.get(s);
            String colour = PALETTE[s % PALETTE.length];
            StringBuilder pts = new StringBuilder();
            long[] c = l.counts();
            for (int i = 0; i < c.length && i < timesNanos.length; i++) {
                double x = left + plotW * (timesNanos[i] / 1e9) / tMax;
                double y = top + plotH - plotH * (double) c[i] / yMax;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            sb.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"><title>%s</title></polyline>",
                    colour, pts.toString().trim(), Html.esc(l.label())));
            int lx = left + (s % 3) * (plotW / 3);
            int ly = top + plotH + 34 + 18 * (s / 3);
            sb.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"4\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" class=\"lg\">%s</text>",
                    lx, ly - 4, colour, lx + 16, ly + 1, Html.esc(shorten(l.label(), 40))));
        }
        return sb.append("</svg>").toString();
    }

    /** Horizontal bar chart (snapshots: handles per process); highlighted bars are drawn in red. */
    public static String barChart(String title, List<Bar> bars, int width) {
        int left = 220;
        int right = 80;
        int rowH = 22;
        int top = 30;
        int height = top + rowH * bars.size() + 10;
        long max = 1;
        for (Bar b : bars) {
            max = Math.max(max, b.value());
        }
        int plotW = width - left - right;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" width=\"%d\" height=\"%d\" "
                        + "viewBox=\"0 0 %d %d\"><title>%s</title>",
                width, height, width, height, Html.esc(title)));
        sb.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"18\" class=\"ct\">%s</text>", Html.esc(title)));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = top + i * rowH;
            double w = Math.max(1, plotW * (double) b.value() / max);
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"ya\">%s</text>", left - 8, y + 15,
                    Html.esc(shorten(b.label(), 32))));
            sb.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s: %s</title></rect>",
                    left, y + 3, w, rowH - 6, b.highlighted() ? "#D55E00" : "#0072B2", Html.esc(b.label()),
                    Html.count(b.value())));
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"lg\">%s</text>", left + w + 6,
                    y + 15, Html.count(b.value())));
        }
        return sb.append("</svg>").toString();
    }

    /** Small inline chart of one series without axes. */
    public static String sparkline(long[] timesNanos, long[] counts, int width, int height) {
        if (counts.length < 2) {
            return "";
        }
        long t0 = timesNanos[0];
        long t1 = Math.max(t0 + 1, timesNanos[timesNanos.length - 1]);
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            double x = 2 + (width - 4) * (double) (timesNanos[i] - t0) / (t1 - t0);
            double y = height - 2 - (height - 4) * (double) counts[i] / max;
            pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">"
                        + "<polyline fill=\"none\" stroke=\"#D55E00\" stroke-width=\"1.5\" points=\"%s\"/></svg>",
                width, height, width, height, pts.toString().trim());
    }

    /** 1, 2, 5 × 10^n at or above {@code v}. */
    static long niceCeiling(long v) {
        long p = 1;
        while (p * 10 <= v) {
            p *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }
}
