package io.github.py2sfn.tasktools.benchmarks;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.PythonOriginal;
import java.net.URI;

/**
 * The Python original as a contender: each job is timed inside a Python process of its own (the
 * test emulator's {@link PythonOriginal}), sending its requests to the Java contenders' endpoint.
 */
final class PythonContender {

  private final AwsEmulator aws;
  private final String bucket;
  private final URI endpoint;

  PythonContender(AwsEmulator aws, String bucket, URI endpoint) {
    this.aws = aws;
    this.bucket = bucket;
    this.endpoint = endpoint;
  }

  PythonOriginal.Timing time(String table, PythonOriginal.Job job) {
    return new PythonOriginal(aws, table, bucket, Contender.NAMESPACE).endpoint(endpoint).time(job);
  }
}
