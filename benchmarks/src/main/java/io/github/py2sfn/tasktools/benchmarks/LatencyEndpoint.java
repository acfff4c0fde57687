package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.test.emulator.fault.LoopbackProxy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where the contenders send their requests at one added latency: the emulator itself (0 ms), or a
 * {@link LoopbackProxy} in front of it that adds the latency to every request, modelling the round
 * trip to an in-region AWS endpoint (local emulators answer in microseconds).
 */
final class LatencyEndpoint implements AutoCloseable {

  /**
   * What the proxy has seen so far (all zero without the proxy).
   *
   * @param requests requests forwarded
   * @param connections client connections accepted
   * @param expectContinue requests that asked for {@code 100 Continue}
   */
  record Counts(long requests, long connections, long expectContinue) {

    /** What was seen since {@code earlier}. */
    Counts since(Counts earlier) {
      return new Counts(
          requests - earlier.requests,
          connections - earlier.connections,
          expectContinue - earlier.expectContinue);
    }
  }

  private static final Counts NONE = new Counts(0, 0, 0);

  private final double latencyMs;
  private final URI uri;
  private final @Nullable LoopbackProxy proxy;

  private LatencyEndpoint(double latencyMs, URI uri, @Nullable LoopbackProxy proxy) {
    this.latencyMs = latencyMs;
    this.uri = uri;
    this.proxy = proxy;
  }

  /**
   * The emulator as is for a latency of 0, else a proxy in front of it.
   *
   * @param connectLatencyMs the extra delay of each new client connection (with the proxy only)
   */
  static LatencyEndpoint open(URI emulator, double latencyMs, double connectLatencyMs)
      throws IOException {
    if (latencyMs <= 0) {
      return new LatencyEndpoint(latencyMs, emulator, null);
    }
    LoopbackProxy proxy =
        LoopbackProxy.to(emulator)
            .latency(millis(latencyMs))
            .connectLatency(millis(connectLatencyMs))
            .start();
    return new LatencyEndpoint(latencyMs, proxy.endpoint(), proxy);
  }

  /** No endpoint: for workloads that send no requests (W7 runs the local runner in process). */
  static LatencyEndpoint none() {
    return new LatencyEndpoint(0, URI.create("none:in-process"), null);
  }

  private static Duration millis(double millis) {
    return Duration.ofNanos((long) (millis * 1_000_000));
  }

  double latencyMs() {
    return latencyMs;
  }

  URI uri() {
    return uri;
  }

  /** Whether a proxy is in front of the emulator, counting the requests. */
  boolean proxied() {
    return proxy != null;
  }

  Counts counts() {
    return proxy == null
        ? NONE
        : new Counts(proxy.requests(), proxy.connections(), proxy.expectContinueRequests());
  }

  @Override
  public void close() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
