package kd.common.metrics;

/** Where one model sits in a two-dimensional MDS layout. */
public record MdsPoint(String model, double x, double y) {}
