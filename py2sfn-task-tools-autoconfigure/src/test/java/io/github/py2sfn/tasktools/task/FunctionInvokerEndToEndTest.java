package io.github.py2sfn.tasktools.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulators;
import io.github.py2sfn.tasktools.test.emulator.LocalLambdaContext;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tasks run through the AWS adapter's real Lambda entry point ({@code
 * FunctionInvoker.handleRequest}) with the events Step Functions sends, against the emulator. Each
 * function is selected with {@code spring.cloud.function.definition}, as a Lambda function's
 * environment does.
 */
@Tag("aws-emulator")
@Tag("spring-context")
class FunctionInvokerEndToEndTest {

  private static final Map<String, FunctionInvoker> INVOKERS = new HashMap<>();
  private static final List<String> PROPERTIES =
      List.of(
          "MAIN_CLASS",
          "spring.cloud.function.definition",
          "py2sfn.table-name",
          "py2sfn.bucket",
          "py2sfn.endpoint",
          "py2sfn.region",
          "py2sfn.stop.poll-interval",
          "aws.accessKeyId",
          "aws.secretAccessKey",
          "logging.level.org.springframework.cloud.function.adapter.aws.AWSLambdaUtils");

  private static AwsEmulator aws;
  private static StateDataResources resources;

  @BeforeAll
  static void configureLambdaEnvironment() {
    aws = AwsEmulators.shared();
    resources = aws.createStateDataResources();
    System.setProperty("MAIN_CLASS", TestTasksApplication.class.getName());
    System.setProperty("py2sfn.table-name", resources.tableName());
    System.setProperty("py2sfn.bucket", resources.bucketName());
    System.setProperty("py2sfn.endpoint", aws.endpoint().toString());
    System.setProperty("py2sfn.region", aws.region().id());
    System.setProperty("py2sfn.stop.poll-interval", "100ms");
    System.setProperty(
        "aws.accessKeyId", aws.credentialsProvider().resolveCredentials().accessKeyId());
    System.setProperty(
        "aws.secretAccessKey", aws.credentialsProvider().resolveCredentials().secretAccessKey());
    System.setProperty(
        "logging.level.org.springframework.cloud.function.adapter.aws.AWSLambdaUtils", "WARN");
  }

  @AfterAll
  static void clearLambdaEnvironment() {
    PROPERTIES.forEach(System::clearProperty);
  }

  private static JsonNode invoke(String function, String event) throws IOException {
    FunctionInvoker invoker =
        INVOKERS.computeIfAbsent(
            function,
            name -> {
              System.setProperty("spring.cloud.function.definition", name);
              return new FunctionInvoker();
            });
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    invoker.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
        output,
        new LocalLambdaContext(function, aws.region().id(), aws.accountId()));
    return JsonMapper.shared().readTree(output.toByteArray());
  }

  private static String py2sfnEvent(String executionName, String stateName, String data) {
    return """
        {"meta": {"sfn_execution_name": "%s", "sfn_state_name": "%s",
                  "sfn_state_machine_name": "workflow", "trace_id": "trace-1", "trace_source": "test"},
         "data": %s}"""
        .formatted(executionName, stateName, data);
  }

  @Test
  void putItemsTaskReturnsThePointerAndMapIterationsReadTheirItems() throws IOException {
    JsonNode pointer =
        invoke(
            "putCharacters",
            py2sfnEvent("exec-e2e", "Put", "{\"names\": [\"jerry\", \"elaine\", \"george\"]}"));

    assertThat(pointer)
        .isEqualTo(
            JsonMapper.shared()
                .readTree(
                    """
                    {"table_name": "%s", "partition_key": "exec-e2e:characters", "key": "characters", "items": [1, 1, 1]}"""
                        .formatted(resources.tableName())));

    // A py2sfn Map iteration, wrapped in meta/data by the iterator's Task state.
    String iteration =
        """
        {"__trace": {"id": "trace-1"}, "items_result_table_name": "%s",
         "items_result_partition_key": "exec-e2e:characters", "items_result_key": "characters",
         "context_index": 1, "context_value": 1}"""
            .formatted(resources.tableName());
    JsonNode loaded = invoke("loadCharacter", py2sfnEvent("exec-e2e", "Load", iteration));

    assertThat(loaded.get("name").asString()).isEqualTo("elaine");
    assertThat(loaded.get("index").asInt()).isEqualTo(1);
    assertThat(loaded.get("execution").asString()).isEqualTo("exec-e2e");
    assertThat(loaded.get("stored").get("key").asString()).isEqualTo("characters");

    // The same iteration with the whole context object passed instead.
    String contextObjectEvent =
        """
        {"sfn_context": {"Execution": {"Id": "arn:aws:states:us-east-1:%s:execution:workflow:exec-e2e",
                                       "Name": "exec-e2e"},
                         "StateMachine": {"Name": "workflow"}, "State": {"Name": "Load"},
                         "Map": {"Item": {"Index": 2, "Value": 1}}},
         "input": {"items_result_key": "characters", "context_index": 2}}"""
            .formatted(aws.accountId());
    JsonNode third = invoke("loadCharacter", contextObjectEvent);
    assertThat(third.get("name").asString()).isEqualTo("george");
    assertThat(third.get("index").asInt()).isEqualTo(2);

    JsonNode all = invoke("whoAmI", contextObjectEvent);
    assertThat(all.get("executionArn").asString())
        .isEqualTo("arn:aws:states:us-east-1:" + aws.accountId() + ":execution:workflow:exec-e2e");
    assertThat(all.get("stateName").asString()).isEqualTo("Load");
  }

  @Test
  void py2sfnEventGivesTheIdentityWithTheArnBuiltFromTheLambdaFunctionsAccount()
      throws IOException {
    JsonNode identity = invoke("whoAmI", py2sfnEvent("exec-who", "Who", "{}"));

    assertThat(identity.get("executionName").asString()).isEqualTo("exec-who");
    assertThat(identity.get("stateMachineName").asString()).isEqualTo("workflow");
    assertThat(identity.get("stateName").asString()).isEqualTo("Who");
    assertThat(identity.get("traceId").asString()).isEqualTo("trace-1");
    assertThat(identity.get("executionArn").asString())
        .isEqualTo(
            "arn:aws:states:"
                + aws.region().id()
                + ":"
                + aws.accountId()
                + ":execution:workflow:exec-who");
  }

  @Test
  void taskStopsItsRunningExecution() throws IOException {
    String stateMachineArn =
        aws.sfnClient()
            .createStateMachine(
                r ->
                    r.name("stoppable-" + System.nanoTime())
                        .roleArn("arn:aws:iam::" + aws.accountId() + ":role/test")
                        .definition(
                            "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\", \"Seconds\": 600, \"End\": true}}}"))
            .stateMachineArn();
    String stateMachineName = stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
    String executionArn =
        aws.sfnClient()
            .startExecution(r -> r.stateMachineArn(stateMachineArn).name("exec-stop"))
            .executionArn();
    String event =
        """
        {"meta": {"sfn_execution_name": "exec-stop", "sfn_state_name": "Gate",
                  "sfn_state_machine_name": "%s"},
         "data": {"enabled": false}}"""
            .formatted(stateMachineName);

    JsonNode result = invoke("gate", event);

    assertThat(result.get("execution_arn").asString()).isEqualTo(executionArn);
    assertThat(result.get("status").asString()).isEqualTo("ABORTED");
    assertThat(result.get("stop_requested").asBoolean()).isTrue();
    DescribeExecutionResponse execution =
        aws.sfnClient().describeExecution(r -> r.executionArn(executionArn));
    assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(TestTasksApplication.STOP_REQUESTS)
        .filteredOn(request -> request.executionArn().equals(executionArn))
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.error()).isEqualTo("FeatureDisabled");
              assertThat(request.cause()).isEqualTo("The feature flag is off");
            });
    if (!aws.backendName().equals("moto")) {
      // moto 5.2.5 drops StopExecution's error and cause; LocalStack and AWS keep them.
      assertThat(execution.error()).isEqualTo("FeatureDisabled");
      assertThat(execution.cause()).isEqualTo("The feature flag is off");
    }

    JsonNode again = invoke("gate", event);
    assertThat(again.get("stop_requested").asBoolean()).isFalse();
    assertThat(again.get("status").asString()).isEqualTo("ABORTED");
    assertThat(TestTasksApplication.STOP_REQUESTS)
        .filteredOn(request -> request.executionArn().equals(executionArn))
        .hasSize(1);
  }

  @Test
  void stoppingWithoutAnExecutionNameNamesTheMissingField() {
    assertThatThrownBy(() -> invoke("gate", "{\"enabled\": false}"))
        .isInstanceOf(TaskEventException.class)
        .hasMessageContaining("sfn_context.Execution.Id")
        .hasMessageContaining("meta.sfn_execution_name");
  }

  @Test
  void plainFunctionsKeepWorkingUntouched() throws IOException {
    JsonNode echoed = invoke("plainEcho", py2sfnEvent("exec-plain", "Echo", "{\"a\": 1}"));

    assertThat(echoed.get("meta").get("sfn_execution_name").asString()).isEqualTo("exec-plain");
    assertThat(echoed.get("data").get("a").asInt()).isEqualTo(1);
    assertThat(echoed.get("echoed").asBoolean()).isTrue();
  }

  @Test
  void checkedExceptionsPropagateUnwrappedForRetryAndCatch() {
    assertThatThrownBy(
            () -> invoke("failing", py2sfnEvent("exec-fail", "Fail", "{\"enabled\": true}")))
        .isInstanceOf(IOException.class)
        .hasMessage("checked failure");
  }

  @Test
  void inputOfTheWrongShapeNamesTheTaskTypeAndPathButNotTheData() {
    assertThatThrownBy(
            () ->
                invoke(
                    "putCharacters",
                    py2sfnEvent("exec-bad", "Put", "{\"names\": {\"secret\": \"value-x\"}}")))
        .isInstanceOf(TaskEventException.class)
        .hasMessageContaining("The input of task 'putCharacters' cannot be converted to")
        .hasMessageContaining("$.names")
        .hasMessageNotContaining("value-x");
  }
}
