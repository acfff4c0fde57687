package io.github.py2sfn.tasktools.localrunner.internal;

import java.io.OutputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The size quotas on state data and variables, measured alike, and {@code
 * States.DataLimitExceeded}, the error exceeding one fails a state with. The payload quota is the
 * guide's "Maximum input or output size for a task, state, or execution", 256 KiB of UTF-8
 * (service-quotas.html); the variable quotas are those of "Passing data between states with
 * variables", which {@link VariableScope} applies as it stores values.
 */
final class DataLimits {

  /** A terminal error: States.ALL and States.TaskFailed do not match it. */
  static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";

  /** 256 KiB: a state's input or output, a task's result, an execution's input or output. */
  static final long MAX_PAYLOAD_BYTES = 256 * 1024;

  /** 256 KiB: one variable's value (workflow-variables.html). */
  static final long MAX_VARIABLE_BYTES = 256 * 1024;

  /** 256 KiB: the values one state's {@code Assign} fields set together. */
  static final long MAX_ASSIGN_BYTES = 256 * 1024;

  /** 10 MiB: the values of an execution's live variables, all scopes together. */
  static final long MAX_EXECUTION_VARIABLE_BYTES = 10 * 1024 * 1024;

  // The user's mapper may indent; the quota counts the compact text.
  private static final ObjectMapper COMPACT = JsonMapper.builder().build();

  private DataLimits() {}

  /** The size of a value as compact JSON text in UTF-8. */
  static long utf8Bytes(JsonNode value) {
    ByteCounter counter = new ByteCounter();
    COMPACT.writeValue(counter, value);
    return counter.count;
  }

  /** A {@code States.DataLimitExceeded} failure with this cause. */
  static StateFailure exceeded(String cause) {
    return new StateFailure(DATA_LIMIT_EXCEEDED, cause);
  }

  /**
   * Fails when a payload is larger than the payload quota.
   *
   * @param enforced false when the runner was built without the quota
   * @param stateName the state whose payload it is
   * @param payload what it is, for the cause: {@code input}, {@code output}, {@code result}
   * @throws StateFailure {@code States.DataLimitExceeded} naming the state, the payload and the
   *     sizes
   */
  static void checkPayload(boolean enforced, JsonNode value, String stateName, String payload) {
    if (!enforced) {
      return;
    }
    long size = utf8Bytes(value);
    if (size > MAX_PAYLOAD_BYTES) {
      throw exceeded(
          "State '"
              + stateName
              + "': its "
              + payload
              + " is "
              + size
              + " bytes, more than the "
              + MAX_PAYLOAD_BYTES
              + " a payload may hold");
    }
  }

  /** Counts what is written, keeping nothing. */
  private static final class ByteCounter extends OutputStream {
    private long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      count += length;
    }
  }
}
