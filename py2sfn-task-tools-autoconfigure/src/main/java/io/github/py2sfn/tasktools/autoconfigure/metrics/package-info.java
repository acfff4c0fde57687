/**
 * Micrometer metrics of state data operations and of AWS SDK retries, auto-configured when
 * Micrometer and a {@code MeterRegistry} bean are present.
 */
@NullMarked
package io.github.py2sfn.tasktools.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
