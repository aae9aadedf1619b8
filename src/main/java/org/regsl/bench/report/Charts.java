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
