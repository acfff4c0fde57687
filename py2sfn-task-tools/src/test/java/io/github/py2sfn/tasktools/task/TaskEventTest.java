package io.github.py2sfn.tasktools.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The three event shapes a task understands, and events that lack or mistype fields. */
class TaskEventTest {

  static final AwsLocation LOCATION = new AwsLocation("aws", "eu-west-1", "123456789012");

  private static JsonNode json(String json) {
    return JsonMapper.shared().readTree(json);
  }

  @Test
  void py2sfnShapeGivesMetaAsIdentityAndDataAsInput() {
    TaskEvent event =
        TaskEvent.parse(
            json(
                """
                {"meta": {"sfn_execution_name": "e-1", "sfn_state_name": "Load",
                          "sfn_state_machine_name": "flow", "trace_id": "t-1", "trace_source": "x"},
                 "data": {"items_result_key": "k", "context_index": 4}}"""),
            LOCATION);

    assertThat(event.shape()).isEqualTo(TaskEvent.Shape.PY2SFN);
    assertThat(event.input())
        .isEqualTo(json("{\"items_result_key\": \"k\", \"context_index\": 4}"));
    assertThat(event.execution())
        .isEqualTo(
            new ExecutionIdentity(
                "arn:aws:states:eu-west-1:123456789012:execution:flow:e-1",
                "e-1",
                "flow",
                "Load",
                4,
                null,
                "t-1"));
  }

  @Test
  void py2sfnShapeWithoutRegionAndAccountHasNoArn() {
    TaskEvent event =
        TaskEvent.parse(
            json(
                "{\"meta\": {\"sfn_execution_name\": \"e-1\", \"sfn_state_machine_name\": \"f\"}, \"data\": 1}"),
            AwsLocation.UNKNOWN);

    assertThat(event.execution().executionName()).isEqualTo("e-1");
    assertThat(event.execution().executionArn()).isNull();
    assertThatThrownBy(() -> event.execution().requireExecutionArn())
        .isInstanceOf(TaskEventException.class)
        .hasMessageContaining("py2sfn.region and py2sfn.account-id");
  }

  @Test
  void contextObjectShapeGivesTheWholeIdentity() {
    TaskEvent event =
        TaskEvent.parse(
            json(
                """
                {"sfn_context": {"Execution": {"Id": "arn:aws:states:us-east-1:1:execution:m:e-9", "Name": "e-9"},
                                 "StateMachine": {"Id": "arn:aws:states:us-east-1:1:stateMachine:m", "Name": "m"},
                                 "State": {"Name": "S", "EnteredTime": "2026-01-01T00:00:00Z"},
                                 "Map": {"Item": {"Index": 7, "Value": {"a": 1}}},
                                 "Task": {"Token": "token-1"}},
                 "input": {"order": 1, "__trace": {"id": "t-2"}}}"""),
            LOCATION);

    assertThat(event.shape()).isEqualTo(TaskEvent.Shape.CONTEXT_OBJECT);
    assertThat(event.input().get("order").asInt()).isEqualTo(1);
    assertThat(event.execution())
        .isEqualTo(
            new ExecutionIdentity(
                "arn:aws:states:us-east-1:1:execution:m:e-9",
                "e-9",
                "m",
                "S",
                7,
                "token-1",
                "t-2"));
  }

  @Test
  void aPlainMapIterationEventGivesItsIndex() {
    TaskEvent event =
        TaskEvent.parse(json("{\"items_result_key\": \"k\", \"context_index\": 3}"), LOCATION);

    assertThat(event.shape()).isEqualTo(TaskEvent.Shape.PLAIN);
    assertThat(event.execution().mapItemIndex()).isEqualTo(3);
    assertThat(event.execution().executionName()).isNull();
  }

  @Test
  void anyOtherEventIsThePlainInput() {
    JsonNode raw = json("{\"meta\": \"not an object\", \"order\": 1}");

    TaskEvent event = TaskEvent.parse(raw, LOCATION);

    assertThat(event.shape()).isEqualTo(TaskEvent.Shape.PLAIN);
    assertThat(event.input()).isEqualTo(raw);
    assertThat(event.execution()).isEqualTo(ExecutionIdentity.UNKNOWN);
    assertThatThrownBy(() -> event.execution().requireExecutionName())
        .isInstanceOf(TaskEventException.class)
        .hasMessageContaining(
            "no execution name (meta.sfn_execution_name or sfn_context.Execution.Name)");
  }

  @Test
  void mistypedFieldsAreNamed() {
    assertThatThrownBy(
            () ->
                TaskEvent.parse(
                    json("{\"meta\": {\"sfn_execution_name\": 5}, \"data\": {}}"), LOCATION))
        .isInstanceOf(TaskEventException.class)
        .hasMessage("Event field 'meta.sfn_execution_name' must be a string, not NUMBER");
    assertThatThrownBy(
            () ->
                TaskEvent.parse(
                    json("{\"sfn_context\": {\"Map\": {\"Item\": {\"Index\": -1}}}}"), LOCATION))
        .hasMessage("Event field 'sfn_context.Map.Item.Index' must be a non-negative integer");
    assertThatThrownBy(
            () ->
                TaskEvent.parse(
                    json("{\"meta\": {}, \"data\": {\"context_index\": \"3\"}}"), LOCATION))
        .hasMessage("Event field 'data.context_index' must be a non-negative integer");
  }

  @Test
  void locationComesFromTheLambdaFunctionArn() {
    assertThat(
            AwsLocation.fromFunctionArn(
                "arn:aws-cn:lambda:cn-north-1:123456789012:function:task:live"))
        .isEqualTo(new AwsLocation("aws-cn", "cn-north-1", "123456789012"));
    assertThat(AwsLocation.fromFunctionArn("not-an-arn")).isEqualTo(AwsLocation.UNKNOWN);
    assertThat(new AwsLocation(null, "r", null).orElse(LOCATION))
        .isEqualTo(new AwsLocation("aws", "r", "123456789012"));
  }

  /**
   * The task token of a {@code .waitForTaskToken} task, which the state machine passes from the
   * context object ({@code $$.Task.Token}, or {@code $states.context.Task.Token} in JSONata):
   * https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
   * and https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html
   */
  @Nested
  class TaskToken {

    static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAfake+token/value==";

    private TaskContext contextOf(String event) {
      return new TaskContextFactory(null, () -> null, AwsLocation.UNKNOWN)
          .createContext(TaskEvent.parse(json(event), LOCATION), null);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          // py2sfn shape: "meta": {"sfn_task_token.$": "$$.Task.Token", ...}
          "{\"meta\": {\"sfn_execution_name\": \"e-1\", \"sfn_task_token\": \""
              + TOKEN
              + "\"},"
              + " \"data\": {}}",
          // context object shape: "sfn_context.$": "$$"
          "{\"sfn_context\": {\"Execution\": {\"Name\": \"e-1\"}, \"Task\": {\"Token\": \""
              + TOKEN
              + "\"}}, \"input\": {}}"
        })
    void eitherShapeCarriesIt(String event) {
      TaskContext context = contextOf(event);

      assertThat(context.taskToken()).contains(TOKEN);
      assertThat(context.execution().requireTaskToken()).isEqualTo(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"meta\": {\"sfn_execution_name\": \"e-1\"}, \"data\": {}}",
          "{\"sfn_context\": {\"Execution\": {\"Name\": \"e-1\"}}, \"input\": {}}",
          "{\"order\": 1}"
        })
    void anEventWithoutItSaysHowToPassIt(String event) {
      TaskContext context = contextOf(event);

      assertThat(context.taskToken()).isEmpty();
      assertThatThrownBy(() -> context.execution().requireTaskToken())
          .isInstanceOf(TaskEventException.class)
          .hasMessageContaining("no task token (meta.sfn_task_token or sfn_context.Task.Token)")
          .hasMessageContaining(".waitForTaskToken")
          .hasMessageContaining("\"sfn_task_token.$\": \"$$.Task.Token\"");
    }

    @Test
    void aMistypedTokenIsNamedWithoutItsValue() {
      assertThatThrownBy(
              () ->
                  TaskEvent.parse(
                      json("{\"meta\": {\"sfn_task_token\": {\"secret\": 1}}, \"data\": {}}"),
                      LOCATION))
          .isInstanceOf(TaskEventException.class)
          .hasMessage("Event field 'meta.sfn_task_token' must be a string, not OBJECT");
    }

    @Test
    void toStringShowsOnlyThatItIsPresent() {
      ExecutionIdentity identity =
          new ExecutionIdentity(null, "e-1", "flow", "Wait", null, TOKEN, "t-1");

      assertThat(identity.toString())
          .doesNotContain(TOKEN)
          .isEqualTo(
              "ExecutionIdentity[executionArn=null, executionName=e-1, stateMachineName=flow,"
                  + " stateName=Wait, mapItemIndex=null, taskToken=(present), traceId=t-1]");
      assertThat(ExecutionIdentity.UNKNOWN.toString()).contains("taskToken=null");
    }
  }
}
