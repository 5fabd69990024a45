package kd.evaluator.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import kd.common.metrics.BinAccuracy;
import kd.common.metrics.CalibrationSettings;
import kd.common.metrics.MdsPoint;
import kd.common.metrics.ReliabilityBin;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts as PNG bytes, drawn off-screen with JFreeChart. */
public final class Charts {

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    static {
        // Charts are drawn on servers without a display; this must hold before AWT starts.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * Accuracy per bin, one line per variant; empty bins are left out of a line.
     *
     * @param curves per variant, its bins
     */
    public static byte[] accuracyByBin(
            String title, String binLabel, Map<String, List<BinAccuracy>> curves) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<BinAccuracy>> curve : curves.entrySet()) {
            XYSeries series = new XYSeries(curve.getKey(), false, false);
            for (BinAccuracy bin : curve.getValue()) {
                if (bin.accuracy() != null) {
                    series.add(bin.bin(), bin.accuracy());
                }
            }
            data.addSeries(series);
        }
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        title,
                        binLabel,
                        "accuracy",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        XYPlot plot = style(chart);
        plot.setRenderer(new XYLineAndShapeRenderer(true, true));
        ((NumberAxis) plot.getDomainAxis())
                .setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        return png(chart);
    }

    /** A reliability diagram: each non-empty bin's accuracy against its mean confidence. */
    public static byte[] reliability(
            String title, CalibrationSettings settings, List<ReliabilityBin> bins) {
        boolean positive = settings.scope().equals(CalibrationSettings.POSITIVE_CLASS);
        XYSeries observed = new XYSeries("bins (" + settings.describe() + ")", false, true);
        for (ReliabilityBin bin : bins) {
            if (bin.count() > 0) {
                observed.add(bin.confidence(), bin.accuracy());
            }
        }
        XYSeries ideal = new XYSeries("perfect calibration");
        ideal.add(0, 0);
        ideal.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(observed);
        data.addSeries(ideal);
        JFreeChart chart =
                ChartFactory.createXYLineChart(
                        title,
                        positive ? "mean P(y=1)" : "mean confidence",
                        positive ? "fraction y=1" : "accuracy",
                        data,
                        PlotOrientation.VERTICAL,
                        true,
                        false,
                        false);
        XYPlot plot = style(chart);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(1, Color.GRAY);
        renderer.setSeriesStroke(
                1,
                new BasicStroke(
                        1f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER,
                        1f,
                        new float[] {4f, 4f},
                        0f));
        plot.setRenderer(renderer);
        plot.getDomainAxis().setRange(0, 1);
        plot.getRangeAxis().setRange(0, 1);
        return png(chart);
    }

    /** Models as labelled points of a two-dimensional MDS layout. */
    public static byte[] mds(String title, List<MdsPoint> layout) {
        XYSeries points = new XYSeries("models", false, true);
        for (MdsPoint p : layout) {
            points.add(p.x(), p.y());
        }
        JFreeChart chart =
                ChartFactory.createScatterPlot(
                        title,
                        "MDS 1",
                        "MDS 2",
                        new XYSeriesCollection(points),
                        PlotOrientation.VERTICAL,
                        false,
                        false,
                        false);
        XYPlot plot = style(chart);
        for (MdsPoint p : layout) {
            XYTextAnnotation label = new XYTextAnnotation(" " + p.model(), p.x(), p.y());
            label.setTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addAnnotation(label);
        }
        // Room for the labels, and a visible extent when the points coincide.
        for (NumberAxis axis :
                List.of((NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis())) {
            axis.setAutoRangeMinimumSize(0.1);
            axis.setLowerMargin(0.15);
            axis.setUpperMargin(0.25);
        }
        return png(chart);
    }

    private static XYPlot style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    private static byte[] png(JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            // Writing to memory does not fail on I/O; this only satisfies the signature.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
