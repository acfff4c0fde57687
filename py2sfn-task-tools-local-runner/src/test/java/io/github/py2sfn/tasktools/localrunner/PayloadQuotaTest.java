package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The payload quota: "Maximum input or output size for a task, state, or execution", 256 KiB of
 * data as a UTF-8 encoded string
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html). Exceeding it is
 * {@code States.DataLimitExceeded}, reported when "the output of a connector is larger than payload
 * size quota", "the output of a state is larger than payload size quota" or "after Parameters
 * processing, the input of a state is larger than payload size quota", a terminal error {@code
 * States.ALL} does not catch
 * (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
 * StartExecution limits its input to 262,144 bytes of UTF-8
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html), so a
 * larger execution input never starts an execution.
 */
class PayloadQuotaTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String WORK = "arn:aws:lambda:us-east-1:123456789012:function:work";

  /** Parameters that make the function return a result over the quota on its own. */
  private static final String BIG = "{\"big\": true}";

  /** 150,000 characters: under the quota once, over it twice. */
  private static final String HALF = "x".repeat(150_000);

  private final List<String> invoked = new CopyOnWriteArrayList<>();

  private LocalStateMachineRunner.Builder runner(String states) {
    return LocalStateMachineRunner.builder()
        .definition("{\"StartAt\": \"A\", \"States\": {" + states + "}}")
        .skipWaits(true)
        .taskInvoker(
            request -> {
              invoked.add(request.functionName());
              return request.payload().path("big").asBoolean()
                  ? NODES.stringNode("x".repeat(300_000))
                  : NODES.stringNode("ok");
            });
  }

  /** Definitions in which one payload is over the quota: the state and payload it names. */
  static Stream<Arguments> overTheQuota() {
    String catchAll =
        ", \"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}], \"Catch\": [{\"ErrorEquals\":"
            + " [\"States.ALL\"], \"Next\": \"Handled\"}], \"End\": true}, \"Handled\":"
            + " {\"Type\": \"Pass\", \"End\": true}";
    return Stream.of(
        // A Task's result (the output of a connector).
        arguments(
            "\"A\": {\"Type\": \"Task\", \"Resource\": \""
                + WORK
                + "\", \"Parameters\": "
                + BIG
                + catchAll,
            "State 'A': its result is 300002 bytes"),
        // A Task's input after Parameters.
        arguments(
            "\"A\": {\"Type\": \"Task\", \"Resource\": \""
                + WORK
                + "\", \"Parameters\": {\"a.$\": \"$.half\", \"b.$\": \"$.half\"}"
                + catchAll,
            "State 'A': its input after Parameters is"),
        // A state's output.
        arguments(
            "\"A\": {\"Type\": \"Pass\", \"Parameters\": {\"a.$\": \"$.half\", \"b.$\":"
                + " \"$.half\"}, \"End\": true}",
            "State 'A': its output is"),
        // A Map's array of results, before ResultSelector and ResultPath.
        arguments(
            "\"A\": {\"Type\": \"Map\", \"ItemsPath\": \"$.two\", \"ItemSelector\": {\"v.$\":"
                + " \"$.half\"}, \"ResultSelector\": {\"count\": 2}, \"ItemProcessor\":"
                + " {\"StartAt\": \"I\", \"States\": {\"I\": {\"Type\": \"Pass\", \"End\":"
                + " true}}}"
                + catchAll,
            "State 'A': its result is"),
        // A Parallel state's array of results.
        arguments(
            "\"A\": {\"Type\": \"Parallel\", \"ResultPath\": null, \"Branches\": [{\"StartAt\":"
                + " \"L\", \"States\": {\"L\": {\"Type\": \"Pass\", \"End\": true}}},"
                + " {\"StartAt\": \"R\", \"States\": {\"R\": {\"Type\": \"Pass\", \"End\":"
                + " true}}}]"
                + catchAll,
            "State 'A': its result is"),
        // An iteration's input: the state it starts with names it.
        arguments(
            "\"A\": {\"Type\": \"Map\", \"ItemsPath\": \"$.two\", \"ItemSelector\": {\"a.$\":"
                + " \"$.half\", \"b.$\": \"$.half\"}, \"ItemProcessor\": {\"StartAt\": \"I\","
                + " \"States\": {\"I\": {\"Type\": \"Pass\", \"End\": true}}}"
                + catchAll,
            "State 'I': its input is"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("overTheQuota")
  void aPayloadOverTheQuotaFailsWithStatesDataLimitExceededPastRetryAndCatch(
      String states, String cause) {
    ExecutionResult result =
        runner(states).build().run("{\"half\": \"" + HALF + "\", \"two\": [1, 2]}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(result.cause())
        .startsWith(cause)
        .endsWith("more than the 262144 a payload may hold");
    assertThat(result.history())
        .extracting(HistoryEvent::type)
        .doesNotContain(HistoryEventType.RETRY_SCHEDULED, HistoryEventType.ERROR_CAUGHT);
  }

  @Test
  void aTaskWhoseInputIsOverTheQuotaIsNotInvoked() {
    ExecutionResult result =
        runner(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \""
                    + WORK
                    + "\", \"Parameters\": {\"a.$\": \"$.half\", \"b.$\": \"$.half\"}, \"End\":"
                    + " true}")
            .build()
            .run("{\"half\": \"" + HALF + "\"}");

    assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
    assertThat(invoked).isEmpty();
  }

  @Test
  void anExecutionInputOverTheQuotaIsRejectedAsStartExecutionRejectsIt() {
    LocalStateMachineRunner runner =
        runner("\"A\": {\"Type\": \"Task\", \"Resource\": \"" + WORK + "\", \"End\": true}")
            .build();
    // A JSON string is its characters and two quotes: exactly the quota, then one byte more.
    String atTheQuota = "\"" + "x".repeat(262_142) + "\"";
    String overTheQuota = "\"" + "x".repeat(262_143) + "\"";

    assertThat(runner.run(atTheQuota).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThatThrownBy(() -> runner.run(overTheQuota))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "The execution input is 262145 bytes, more than the 262144 StartExecution accepts");
    assertThat(invoked).containsExactly("work");
  }

  @Test
  void theQuotaCountsUtf8Bytes() {
    LocalStateMachineRunner runner = runner("\"A\": {\"Type\": \"Pass\", \"End\": true}").build();
    // "é" is two bytes in UTF-8: 131,071 of them and the quotes are 262,144 bytes.
    String atTheQuota = "\"" + "é".repeat(131_071) + "\"";

    assertThat(runner.run(atTheQuota).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThatThrownBy(() -> runner.run("\"" + "é".repeat(131_072) + "\""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutTheQuotaPayloadsOfAnySizePass() {
    ExecutionResult result =
        runner(
                "\"A\": {\"Type\": \"Task\", \"Resource\": \""
                    + WORK
                    + "\", \"Parameters\": "
                    + BIG
                    + ", \"ResultPath\": \"$.result\", \"End\": true}")
            .enforcePayloadQuota(false)
            .build()
            .run("{\"input\": \"" + "x".repeat(300_000) + "\"}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().get("result").asString()).hasSize(300_000);
  }
}
