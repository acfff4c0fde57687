/**
 * The benchmark harness: workloads and their sampling, contenders (this library, the bare AWS SDK,
 * the Python original), the latency endpoint and the report.
 */
package io.github.py2sfn.tasktools.benchmarks;
