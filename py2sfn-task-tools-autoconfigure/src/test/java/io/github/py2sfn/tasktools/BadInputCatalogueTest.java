package io.github.py2sfn.tasktools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import io.github.py2sfn.tasktools.autoconfigure.task.TaskHandlerFunction;
import io.github.py2sfn.tasktools.state.InvalidStateDataRequestException;
import io.github.py2sfn.tasktools.state.MapIterationEvent;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.task.AwsLocation;
import io.github.py2sfn.tasktools.task.TaskContextFactory;
import io.github.py2sfn.tasktools.task.TaskEventException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.messaging.support.MessageBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.json.JsonMapper;

/**
 * Malformed events and arguments, one row each: every one fails with a clear error of the library's
 * own type, before any AWS call, and neither the message nor any log line contains the data (each
 * row carries {@link #SECRET} in its data).
 */
class BadInputCatalogueTest {

  static final String SECRET = "SECRET-c4t4l0gue";
  static final String HUGE = "k".repeat(2_100);

  /** Every AWS call made; each also fails the row. */
  static final List<String> AWS_CALLS = new ArrayList<>();

  static final DynamoDbClient DYNAMODB = recording(DynamoDbClient.class);
  static final S3Client S3 = recording(S3Client.class);

  static final StateDataClient STATE_DATA =
      StateDataClient.builder()
          .dynamoDbClient(DYNAMODB)
          .s3Client(S3)
          .tableName("state-table")
          .bucket("state-bucket")
          .offloadThreshold(100)
          .allowedGlobalTables(List.of("shared-table"))
          .namespace("exec-1")
          .build();

  /** A task that loads its Map iteration's item, as most tasks do. */
  static final TaskHandlerFunction LOAD_TASK =
      new TaskHandlerFunction(
          "loadLine",
          (input, context) ->
              context.stateData().getItemForMapIteration((MapIterationEvent) input, Object.class),
          new JsonMapper().constructType(MapIterationEvent.class),
          new JsonMapper(),
          new TaskContextFactory(
              STATE_DATA, () -> null, new AwsLocation("aws", "eu-west-1", "123456789012")));

  @SuppressWarnings("unchecked")
  private static <T> T recording(Class<T> type) {
    return (T)
        Proxy.newProxyInstance(
            BadInputCatalogueTest.class.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              AWS_CALLS.add(type.getSimpleName() + "." + method.getName());
              throw new AssertionError("unexpected AWS call " + method.getName());
            });
  }

  private static Consumer<Object> event(String json) {
    return ignored ->
        LOAD_TASK.apply(
            MessageBuilder.withPayload((Object) json.getBytes(StandardCharsets.UTF_8)).build());
  }

  private static Consumer<Object> stateData(Consumer<StateDataClient> call) {
    return ignored -> call.accept(STATE_DATA);
  }

  private static Map<String, Object> mapEvent(Object... keysAndValues) {
    Map<String, Object> event = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      event.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return event;
  }

  static Stream<Arguments> catalogue() {
    String meta =
        "\"meta\": {\"sfn_execution_name\": \"exec-1\", \"sfn_state_machine_name\": \"flow\"}";
    return Stream.of(
        // Events
        row(
            "event that is not JSON",
            event("{\"data\": \"" + SECRET + "\" oops"),
            TaskEventException.class,
            "The event of task 'loadLine' is not valid JSON"),
        row(
            "execution name of the wrong type",
            event("{\"meta\": {\"sfn_execution_name\": 7}, \"data\": {\"x\": \"" + SECRET + "\"}}"),
            TaskEventException.class,
            "Event field 'meta.sfn_execution_name' must be a string, not NUMBER"),
        row(
            "negative Map index in the context object",
            event(
                "{\"sfn_context\": {\"Map\": {\"Item\": {\"Index\": -1, \"Value\": \""
                    + SECRET
                    + "\"}}}, \"input\": {}}"),
            TaskEventException.class,
            "Event field 'sfn_context.Map.Item.Index' must be a non-negative integer"),
        row(
            "non-integer context_index",
            event(
                "{"
                    + meta
                    + ", \"data\": {\"items_result_key\": \""
                    + SECRET
                    + "\", \"context_index\": 1.5}}"),
            TaskEventException.class,
            "Event field 'data.context_index' must be a non-negative integer"),
        row(
            "context_index as a string",
            event(
                "{"
                    + meta
                    + ", \"data\": {\"items_result_key\": \"k\", \"context_index\": \""
                    + SECRET
                    + "\"}}"),
            TaskEventException.class,
            "Event field 'data.context_index' must be a non-negative integer"),
        row(
            "input of the wrong shape",
            event("{" + meta + ", \"data\": [\"" + SECRET + "\"]}"),
            TaskEventException.class,
            "The input of task 'loadLine' cannot be converted to"),
        row(
            "Map event without items_result_key",
            event(
                "{"
                    + meta
                    + ", \"data\": {\"context_index\": 2, \"context_value\": \""
                    + SECRET
                    + "\"}}"),
            InvalidStateDataRequestException.class,
            "missing field 'items_result_key'"),
        row(
            "Map event field of the wrong type",
            ignored ->
                MapIterationEvent.from(
                    mapEvent("context_index", 0, "items_result_key", List.of(SECRET))),
            InvalidStateDataRequestException.class,
            "'items_result_key' must be a string"),
        row(
            "Map event with a negative index",
            ignored ->
                MapIterationEvent.from(mapEvent("context_index", -4, "context_value", SECRET)),
            InvalidStateDataRequestException.class,
            "'context_index' must be a non-negative integer"),
        // Arguments
        row(
            "blank key",
            stateData(c -> c.putItem(" ", SECRET)),
            InvalidStateDataRequestException.class,
            "State data key must not be blank"),
        row(
            "null key",
            stateData(c -> c.putItems(null, List.of(SECRET))),
            InvalidStateDataRequestException.class,
            "State data key must not be null"),
        row(
            "blank namespace",
            stateData(c -> c.withNamespace(" ").putItem("k", SECRET)),
            InvalidStateDataRequestException.class,
            "State data namespace must not be blank"),
        row(
            "negative index on write",
            stateData(c -> c.putItem("k", SECRET, -1)),
            InvalidStateDataRequestException.class,
            "Item index must be 0 or more, was -1"),
        row(
            "negative index on read",
            stateData(c -> c.getGlobalItem("shared-table", "pk", -5, Object.class)),
            InvalidStateDataRequestException.class,
            "Item index must be 0 or more, was -5"),
        row(
            "huge local key",
            stateData(c -> c.putItem(HUGE, SECRET)),
            InvalidStateDataRequestException.class,
            "over DynamoDB's 2048-byte limit"),
        row(
            "huge global partition key",
            stateData(c -> c.putGlobalItems("shared-table", HUGE, List.of(SECRET))),
            InvalidStateDataRequestException.class,
            "over DynamoDB's 2048-byte limit"),
        row(
            "key too long for the S3 key of offloaded data",
            stateData(c -> c.putItem("k".repeat(1_000), SECRET.repeat(20))),
            InvalidStateDataRequestException.class,
            "exceed S3's 1024-byte limit"),
        row(
            "invalid table name",
            stateData(c -> c.putGlobalItem("../etc", "pk", SECRET)),
            InvalidStateDataRequestException.class,
            "'../etc' is not a valid DynamoDB table name"),
        row(
            "global write outside the allow-list",
            stateData(c -> c.putGlobalItem("other-project", "pk", SECRET)),
            InvalidStateDataRequestException.class,
            "Table 'other-project' is not in the tables"),
        row(
            "global list write outside the allow-list",
            stateData(c -> c.putGlobalItems("other-project", "pk", List.of(SECRET))),
            InvalidStateDataRequestException.class,
            "Table 'other-project' is not in the tables"),
        row(
            "global read outside the allow-list",
            stateData(c -> c.getGlobalItems("other-project", "pk", Object.class)),
            InvalidStateDataRequestException.class,
            "Table 'other-project' is not in the tables"),
        row(
            "Map event naming a table outside the allow-list",
            stateData(
                c ->
                    c.getGlobalItemForMapIteration(
                        new MapIterationEvent("other-project", "pk", null, 0), Object.class)),
            InvalidStateDataRequestException.class,
            "Table 'other-project' is not in the tables"),
        row(
            "Map write naming a table outside the allow-list",
            stateData(
                c ->
                    c.putGlobalItemForMapIteration(
                        new MapIterationEvent("other-project", "pk", null, 0), SECRET)),
            InvalidStateDataRequestException.class,
            "Table 'other-project' is not in the tables"));
  }

  private static Arguments row(
      String name, Consumer<Object> call, Class<? extends Throwable> type, String message) {
    return Arguments.of(name, call, type, message);
  }

  @BeforeEach
  void clearCalls() {
    AWS_CALLS.clear();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void isRejectedUpFrontWithAClearErrorAndNoData(
      String name, Consumer<Object> call, Class<? extends Throwable> type, String message) {
    Throwable failure;
    List<String> logLines;
    try (LogCapture logs = new LogCapture(Level.TRACE, "io.github.py2sfn")) {
      failure = catchThrowable(() -> call.accept(null));
      logLines = logs.lines();
    }

    assertThat(failure).isInstanceOf(type).hasMessageContaining(message);
    assertThat(failure).isInstanceOf(TaskToolsException.class);
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
    }
    assertThat(AWS_CALLS).isEmpty();
    assertThat(logLines).noneMatch(line -> line.contains(SECRET));
  }
}
