/**
 * The benchmark harness: workloads, contenders (this library, the bare AWS SDK, the Python
 * original), the latency proxy and the report.
 */
package io.github.py2sfn.tasktools.benchmarks;
