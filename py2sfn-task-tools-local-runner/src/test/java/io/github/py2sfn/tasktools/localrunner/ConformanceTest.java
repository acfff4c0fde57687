package io.github.py2sfn.tasktools.localrunner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs each definition under {@code conformance/} on this runner and on moto's own state-machine
 * interpreter with the same input, names and ARNs, and compares status, output, error and cause.
 * Where moto is known to be wrong (see CONFORMANCE.md), {@code <name>.expected.json} holds what AWS
 * documents, and the runner is held to that.
 */
@AwsEmulatorTest
class ConformanceTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final List<String> DEFINITIONS =
      List.of(
          "pass-parameters",
          "pass-intrinsics",
          "choice-operators",
          "choice-routing",
          "choice-no-match",
          "choice-index-past-end",
          "map-item-selector",
          "map-iterator-parameters",
          "map-context-object",
          "parallel",
          "fail",
          "fail-error-path",
          "catch-map-failure",
          "catch-all-parallel",
          "retry-then-catch",
          "retry-uncaught",
          "wait-and-succeed",
          "choice-timestamp-offset",
          "result-selector-definite-path",
          "choice-string-matches-escape",
          "intrinsic-format-escapes");

  private static SfnClient sfn;

  @BeforeAll
  static void enableExecution(AwsEmulator emulator) {
    emulator.enableStateMachineExecution();
    sfn = emulator.sfnClient();
  }

  static Stream<String> definitions() {
    return DEFINITIONS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void runnerMatchesMoto(String name) throws Exception {
    String definition = resource(name + ".asl.json");
    String input = resource(name + ".input.json");
    String stateMachineName = "conformance-" + name;
    String executionName = "run-" + UUID.randomUUID();

    Outcome moto = runOnMoto(stateMachineName, definition, executionName, input);
    ExecutionResult local =
        LocalStateMachineRunner.builder()
            .definition(definition)
            .stateMachineName(stateMachineName)
            .skipWaits(true)
            .build()
            .run(JSON.readTree(input), executionName);
    Outcome ours = new Outcome(local.status().name(), local.output(), local.error(), local.cause());

    String expected = optionalResource(name + ".expected.json");
    if (expected == null) {
      assertThat(ours).as("runner vs moto for %s\n%s", name, local.historyTable()).isEqualTo(moto);
    } else {
      // A documented moto defect: moto must still differ (else drop the file), the runner matches
      // AWS.
      JsonNode aws = JSON.readTree(expected);
      String status = aws.get("status").asString();
      Outcome documented =
          new Outcome(
              status,
              aws.get("output").isNull() ? null : aws.get("output"),
              aws.path("error").asString(null),
              aws.path("cause").asString(null));
      // The cause is the documented one or, for a SUCCEEDED execution, none: DescribeExecution
      // reports a cause only when the execution failed. For a failure whose cause text AWS does not
      // document (only its error name), the cause cannot be compared, as moto's is its defect's.
      boolean causeDocumented = aws.has("cause") || status.equals("SUCCEEDED");
      Outcome motoCompared = causeDocumented ? moto : moto.withoutCause();
      Outcome oursCompared = causeDocumented ? ours : ours.withoutCause();
      assertThat(motoCompared)
          .as("moto still differs from AWS for %s", name)
          .isNotEqualTo(documented);
      assertThat(oursCompared)
          .as("runner vs AWS documentation for %s\n%s", name, local.historyTable())
          .isEqualTo(documented);
    }
  }

  private Outcome runOnMoto(
      String stateMachineName, String definition, String executionName, String input)
      throws InterruptedException {
    String arn =
        sfn.createStateMachine(
                b ->
                    b.name(stateMachineName)
                        .definition(definition)
                        .roleArn("arn:aws:iam::123456789012:role/conformance"))
            .stateMachineArn();
    String executionArn =
        sfn.startExecution(b -> b.stateMachineArn(arn).name(executionName).input(input))
            .executionArn();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    DescribeExecutionResponse execution;
    do {
      Thread.sleep(100);
      execution = sfn.describeExecution(b -> b.executionArn(executionArn));
    } while (execution.statusAsString().equals("RUNNING") && Instant.now().isBefore(deadline));
    JsonNode output = execution.output() == null ? null : JSON.readTree(execution.output());
    assertThat(execution.statusAsString())
        .as("moto execution %s finished", executionName)
        .isNotEqualTo("RUNNING");
    return new Outcome(execution.statusAsString(), output, execution.error(), execution.cause());
  }

  private static String resource(String name) throws IOException {
    String text = optionalResource(name);
    assertThat(text).as("conformance/%s", name).isNotNull();
    return text;
  }

  private static String optionalResource(String name) throws IOException {
    try (InputStream in = ConformanceTest.class.getResourceAsStream("/conformance/" + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** What both engines are compared on. */
  record Outcome(String status, JsonNode output, String error, String cause) {

    /** This outcome with no cause, for a comparison that cannot include it. */
    Outcome withoutCause() {
      return new Outcome(status, output, error, null);
    }
  }
}
