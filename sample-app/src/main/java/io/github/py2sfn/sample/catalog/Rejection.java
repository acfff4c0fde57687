package io.github.py2sfn.sample.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.py2sfn.tasktools.state.MapIterationEvent;

/**
 * The input of the task that records a rejected product: the iteration's event and the error that
 * the Map iterator's {@code Catch} put at {@code $.error}.
 *
 * @param event the Map iteration's event
 * @param error the caught error
 */
public record Rejection(
    @JsonProperty("event") MapIterationEvent event, @JsonProperty("error") CaughtError error) {

  /**
   * An error as Step Functions' {@code Catch} reports it.
   *
   * @param error the error name
   * @param cause the cause, for Lambda tasks a JSON text with the error message
   */
  public record CaughtError(
      @JsonProperty("Error") String error, @JsonProperty("Cause") String cause) {}
}
