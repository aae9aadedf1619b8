package org.regsl.bench.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** PNG charts for the report, drawn with XChart. */
public final class Charts {

    private Charts() {}

    /**
     * A grouped bar chart: one bar group per layer, one series per entry of {@code series}
     * (e.g. per seed, or distance against radius).
     */
    public static byte[] bars(String title, String yLabel, List<String> layers, Map<String, List<Double>> series) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(480).title(title)
                .xAxisTitle("layer (network order)").yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setOverlapped(false);
        series.forEach((name, values) -> chart.addSeries(name, layers, values));
        return png(chart);
    }

    /** A line chart over epochs 1..n, one line per entry of {@code series}. */
    public static byte[] linesOverEpochs(String title, String yLabel, Map<String, List<Double>> series) {
        XYChart chart = new XYChartBuilder().width(900).height(420).title(title).xAxisTitle("epoch")
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        series.forEach((name, values) -> {
            List<Integer> epochs = java.util.stream.IntStream.rangeClosed(1, values.size()).boxed().toList();
            chart.addSeries(name, epochs, values);
        });
        return png(chart);
    }

    /**
     * One row of a forest plot.
     *
     * @param label the direction's short name
     * @param effect its effect (positive: the paper's way round)
     * @param lower lower bound of its interval
     * @param upper upper bound
     * @param paper the poster's value of the effect, or null
     */
    public record ForestRow(String label, double effect, double lower, double upper, Double paper) {}

    /**
     * A forest plot: per direction its effect with its interval (error bars), zero as a line and
     * the poster's value as a marker where it has one. When the intervals' widths differ by more
     * than 50x (C1's perturbed losses at sigma 1e-2 and 1e-4), every row is shown in units of its
     * own half-width, and the axis says so.
     */
    public static byte[] forest(String title, String unit, List<ForestRow> rows) {
        double minHalf = rows.stream().mapToDouble(r -> (r.upper() - r.lower()) / 2).filter(h -> h > 0).min()
                .orElse(1);
        double maxHalf = rows.stream().mapToDouble(r -> (r.upper() - r.lower()) / 2).max().orElse(1);
        boolean scaled = maxHalf > 50 * minHalf;
        List<String> labels = new java.util.ArrayList<>();
        List<Double> effect = new java.util.ArrayList<>();
        List<Double> bars = new java.util.ArrayList<>();
        List<Double> paper = new java.util.ArrayList<>();
        List<Double> zero = new java.util.ArrayList<>();
        for (ForestRow r : rows) {
            double half = (r.upper() - r.lower()) / 2;
            double scale = scaled && half > 0 ? half : 1;
            labels.add(r.label());
            effect.add(r.effect() / scale);
            bars.add(half / scale);
            paper.add(r.paper() == null ? null : r.paper() / scale);
            zero.add(0.0);
        }
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(700, 60 * rows.size() + 200)).height(560)
                .title(title).xAxisTitle("direction").yAxisTitle(scaled ? "effect / its interval's half-width ("
                        + unit + " differ by row)" : "effect (" + unit + "), positive = the paper's way round").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setErrorBarsColor(java.awt.Color.DARK_GRAY);
        chart.addSeries("zero", labels, zero).setChartCategorySeriesRenderStyle(
                org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Line).setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE)
                .setLineColor(java.awt.Color.GRAY);
        chart.addSeries("effect with its 90 % interval", labels, effect, bars).setChartCategorySeriesRenderStyle(
                org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
        if (paper.stream().anyMatch(java.util.Objects::nonNull)) {
            List<Double> shown = paper.stream().map(v -> v == null ? Double.NaN : v).toList();
            chart.addSeries("the poster's value", labels, shown).setChartCategorySeriesRenderStyle(
                    org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter).setMarker(
                    org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
        }
        return png(chart);
    }

    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
