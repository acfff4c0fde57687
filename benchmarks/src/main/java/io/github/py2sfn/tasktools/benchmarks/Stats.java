package io.github.py2sfn.tasktools.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Median and spread of measured durations (seconds). */
record Stats(
    int n,
    double median,
    double min,
    double max,
    double p25,
    double p75,
    double p90,
    double p95,
    double p99) {

  static Stats of(List<Double> samples) {
    double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return new Stats(
          0,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          Double.NaN);
    }
    return new Stats(
        sorted.length,
        quantile(sorted, 0.5),
        sorted[0],
        sorted[sorted.length - 1],
        quantile(sorted, 0.25),
        quantile(sorted, 0.75),
        quantile(sorted, 0.90),
        quantile(sorted, 0.95),
        quantile(sorted, 0.99));
  }

  /** Linear interpolation between closest ranks. */
  static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = (int) Math.ceil(position);
    return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
  }

  @Override
  public String toString() {
    return "median " + median + " " + Arrays.toString(new double[] {min, max});
  }
}
