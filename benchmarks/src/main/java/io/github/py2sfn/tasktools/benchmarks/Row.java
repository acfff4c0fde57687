package io.github.py2sfn.tasktools.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One measured line of the results: a workload case for one contender at one added latency.
 *
 * @param workload e.g. {@code W1 putItems}
 * @param variant the case within the workload, e.g. {@code 10000 x 1KB}
 * @param contender {@code java-library}, {@code bare-sdk}, {@code python-original}, or a cold-start
 *     app
 * @param latencyMs the delay the proxy added per request (0: the emulator as is)
 * @param unit what one sample is: {@code run} (a whole operation) or {@code call}
 * @param items elements per sample (throughput = items / median)
 * @param seconds median and spread of the samples, in seconds
 * @param extra workload-specific figures (heap, requests and connections per run, ...)
 */
record Row(
    String workload,
    String variant,
    String contender,
    double latencyMs,
    String unit,
    int items,
    Stats seconds,
    Map<String, Object> extra) {

  Row {
    extra = new LinkedHashMap<>(extra);
  }

  @Nullable Double throughputPerSecond() {
    return items > 0 && seconds.median() > 0 ? items / seconds.median() : null;
  }
}
