package io.github.py2sfn.tasktools.callback;

import io.github.py2sfn.tasktools.internal.JsonErrors;
import io.github.py2sfn.tasktools.state.ItemPointer;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.StateDataClient;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link TaskCallbacks} on the Step Functions API. Each method makes one call; the client's
 * retry strategy retries throttling and 5xx errors, and no strategy of the SDK retries the 400
 * errors that refuse a token.
 *
 * <p><b>Limits</b>
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html,
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html):
 *
 * <ul>
 *   <li>An output over 262,144 bytes of UTF-8 JSON is stored as one state data item, when a {@link
 *       StateDataClient} is given, and its {@link ItemPointer} ({@code {"table_name",
 *       "partition_key", "key"}}) is sent instead: the Task state's result is then that pointer,
 *       and a later task loads the output with {@code stateData.get(ItemRef.of(pointer),
 *       Type.class)}. The item sits under the partition key {@code task-output-<random
 *       UUID>:output} of the client's table, and expires with the client's TTL. Without a state
 *       data client, the output is refused with a {@link CallbackLimitExceededException}.
 *   <li>An error over 256 characters is refused with a {@link CallbackLimitExceededException}: a
 *       shortened name would no longer match the {@code Retry} and {@code Catch} that expect it.
 *   <li>A cause over 32,768 characters is cut to its first 32,768 (a warning says so): it only
 *       explains, and failing the task matters more than its last lines.
 * </ul>
 *
 * <p>Characters are UTF-16 units ({@link String#length()}), which never count fewer than AWS does.
 */
public final class SfnTaskCallbacks implements TaskCallbacks {

  /** SendTaskSuccess's limit of {@code output}, in bytes of UTF-8. */
  public static final int MAX_OUTPUT_BYTES = 262_144;

  /** SendTaskFailure's limit of {@code error}, in characters. */
  public static final int MAX_ERROR_LENGTH = 256;

  /** SendTaskFailure's limit of {@code cause}, in characters. */
  public static final int MAX_CAUSE_LENGTH = 32_768;

  private static final Logger log = LoggerFactory.getLogger(SfnTaskCallbacks.class);
  private static final String SUCCESS = "SendTaskSuccess";
  private static final String FAILURE = "SendTaskFailure";
  private static final String HEARTBEAT = "SendTaskHeartbeat";

  private final SfnClient sfn;
  private final JsonMapper jsonMapper;
  private final Supplier<? extends @Nullable StateDataClient> oversizedOutputs;

  /**
   * Creates callbacks that write outputs with a default {@link JsonMapper} and refuse outputs over
   * the limit.
   *
   * @param sfn the Step Functions client
   */
  public SfnTaskCallbacks(SfnClient sfn) {
    this(sfn, new JsonMapper(), () -> null);
  }

  /**
   * Creates callbacks.
   *
   * @param sfn the Step Functions client
   * @param jsonMapper writes outputs, as the state data client writes items (its modules and
   *     settings), but as standard JSON: Step Functions refuses the bare {@code NaN} that state
   *     data items may hold
   * @param oversizedOutputs supplies the state data client that stores outputs over the limit, or
   *     {@code null} to refuse them; asked only for such an output
   */
  public SfnTaskCallbacks(
      SfnClient sfn,
      JsonMapper jsonMapper,
      Supplier<? extends @Nullable StateDataClient> oversizedOutputs) {
    this.sfn = Objects.requireNonNull(sfn, "sfn");
    this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
    this.oversizedOutputs = Objects.requireNonNull(oversizedOutputs, "oversizedOutputs");
  }

  @Override
  public void succeed(String taskToken, @Nullable Object output) {
    requireToken(taskToken, SUCCESS);
    String json = write(output);
    int size = json.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_OUTPUT_BYTES) {
      json = write(storeOversized(output, size));
    }
    String sent = json;
    call(SUCCESS, () -> sfn.sendTaskSuccess(request -> request.taskToken(taskToken).output(sent)));
    log.debug("Sent {} ({} bytes of output)", SUCCESS, size);
  }

  @Override
  public void fail(String taskToken, @Nullable String error, @Nullable String cause) {
    requireToken(taskToken, FAILURE);
    if (error != null && error.length() > MAX_ERROR_LENGTH) {
      throw new CallbackLimitExceededException(
          FAILURE,
          "error",
          error.length(),
          MAX_ERROR_LENGTH,
          "characters",
          "Use a short error name that Retry and Catch match, and put the details in the cause.");
    }
    String sentCause = cause;
    if (cause != null && cause.length() > MAX_CAUSE_LENGTH) {
      // Never split a surrogate pair: the cut cause must stay valid UTF-16.
      int end =
          Character.isHighSurrogate(cause.charAt(MAX_CAUSE_LENGTH - 1))
              ? MAX_CAUSE_LENGTH - 1
              : MAX_CAUSE_LENGTH;
      sentCause = cause.substring(0, end);
      log.warn(
          "{} cause of {} characters cut to its first {} (the limit is {})",
          FAILURE,
          cause.length(),
          end,
          MAX_CAUSE_LENGTH);
    }
    String finalCause = sentCause;
    call(
        FAILURE,
        () ->
            sfn.sendTaskFailure(
                request -> request.taskToken(taskToken).error(error).cause(finalCause)));
    log.debug("Sent {} (error: {})", FAILURE, error);
  }

  @Override
  public void heartbeat(String taskToken) {
    requireToken(taskToken, HEARTBEAT);
    call(HEARTBEAT, () -> sfn.sendTaskHeartbeat(request -> request.taskToken(taskToken)));
    log.debug("Sent {}", HEARTBEAT);
  }

  private ItemPointer storeOversized(@Nullable Object output, int size) {
    StateDataClient stateData = oversizedOutputs.get();
    if (stateData == null) {
      throw new CallbackLimitExceededException(
          SUCCESS,
          "output",
          size,
          MAX_OUTPUT_BYTES,
          "bytes of UTF-8 JSON",
          "Store it as state data and send its pointer, or give the callbacks a state data client"
              + " that does so.");
    }
    ItemPointer pointer =
        stateData
            .withNamespace("task-output-" + UUID.randomUUID())
            .put(ItemRef.local("output"), output);
    log.info(
        "{} output of {} bytes is over the limit of {}: stored in table {} under {}, sending its"
            + " pointer",
        SUCCESS,
        size,
        MAX_OUTPUT_BYTES,
        pointer.tableName(),
        pointer.partitionKey());
    return pointer;
  }

  private String write(@Nullable Object output) {
    try {
      return jsonMapper.writeValueAsString(output);
    } catch (JacksonException failure) {
      throw new TaskCallbackException(
          SUCCESS
              + " not sent: its output of type "
              + (output == null ? "null" : output.getClass().getName())
              + " cannot be written as JSON ("
              + JsonErrors.describe(failure)
              + ")",
          SUCCESS,
          null);
    }
  }

  private static void requireToken(String taskToken, String operation) {
    Objects.requireNonNull(taskToken, "taskToken");
    if (taskToken.isBlank()) {
      throw new TaskCallbackException(
          operation + " not sent: the task token is blank", operation, null);
    }
  }

  private static void call(String operation, Runnable request) {
    try {
      request.run();
    } catch (software.amazon.awssdk.services.sfn.model.TaskTimedOutException timedOut) {
      throw new TaskTimedOutException(operation, timedOut);
    } catch (software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException missing) {
      throw new TaskDoesNotExistException(operation, missing);
    } catch (software.amazon.awssdk.services.sfn.model.InvalidTokenException invalid) {
      throw new InvalidTaskTokenException(operation, invalid);
    } catch (SdkException failure) {
      throw new TaskCallbackException(
          "Step Functions " + operation + " failed", operation, failure);
    }
  }
}
