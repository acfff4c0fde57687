package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.jayway.jsonpath.Configuration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Payload templates ({@code Parameters}, {@code ResultSelector}, {@code ItemSelector}) against the
 * AWS Step Functions developer guide ("InputPath, Parameters and ResultSelector", "Accessing the
 * Context object") and the Amazon States Language specification ("Payload Template"): a key ending
 * in {@code .$}, however deeply nested, takes the value of a path, a context path or an intrinsic
 * function, and loses the suffix; everything else is copied as it is.
 */
class PayloadTemplateTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Configuration PATHS = JacksonJsonProvider.configuration(JSON);

  private static final String CONTEXT =
      """
      {"Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:sm:run-1",
                     "Name": "run-1", "StartTime": "2019-03-26T20:14:13.192Z"},
       "State": {"Name": "Test", "EnteredTime": "2019-03-26T20:14:13.192Z", "RetryCount": 0},
       "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:sm",
                        "Name": "sm"},
       "Map": {"Item": {"Index": 0, "Value": "first"}}}""";

  private static PayloadTemplate compile(String template) {
    return PayloadTemplate.compile(JSON.readTree(template), "Parameters", PATHS, JSON);
  }

  private static JsonNode evaluate(String template, String input) {
    return compile(template)
        .evaluate(new Bindings(JSON.readTree(input), JSON.readTree(CONTEXT), VariableScope.root()));
  }

  static Stream<Arguments> documentedTemplates() {
    return Stream.of(
        // The guide's Parameters example.
        arguments(
            """
            {"comment": "Selecting what I care about.",
             "MyDetails": {"size.$": "$.product.details.size",
                           "exists.$": "$.product.availability",
                           "StaticValue": "foo"}}""",
            """
            {"comment": "Example for Parameters.",
             "product": {"details": {"color": "blue", "size": "small", "material": "cotton"},
                         "availability": "in stock", "sku": "2317", "cost": "$23"}}""",
            """
            {"comment": "Selecting what I care about.",
             "MyDetails": {"size": "small", "exists": "in stock", "StaticValue": "foo"}}"""),
        // The guide's ResultSelector example, applied to a service integration's result.
        arguments(
            """
            {"ClusterId.$": "$.output.ClusterId", "ResourceType.$": "$.resourceType"}""",
            """
            {"resourceType": "elasticmapreduce", "resource": "createCluster.sync",
             "output": {"SdkHttpMetadata": {"HttpStatusCode": 200},
                        "SdkResponseMetadata": {"RequestId": "1234-5678-9012"},
                        "ClusterId": "AKIAIOSFODNN7EXAMPLE"}}""",
            """
            {"ClusterId": "AKIAIOSFODNN7EXAMPLE", "ResourceType": "elasticmapreduce"}"""),
        // $$ selects from the context object.
        arguments(
            """
            {"MessageBody": {"Message": "Hello", "ExecutionId.$": "$$.Execution.Id",
                             "StartTime.$": "$$.Execution.StartTime"},
             "state.$": "$$.State.Name", "machine.$": "$$.StateMachine.Name"}""",
            "{}",
            """
            {"MessageBody": {"Message": "Hello",
                             "ExecutionId": "arn:aws:states:us-east-1:123456789012:execution:sm:run-1",
                             "StartTime": "2019-03-26T20:14:13.192Z"},
             "state": "Test", "machine": "sm"}"""),
        // The Map item of an ItemSelector.
        arguments(
            """
            {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value", "all.$": "$.all"}""",
            "{\"all\": 1}",
            "{\"index\": 0, \"value\": \"first\", \"all\": 1}"),
        // The specification's intrinsic function example.
        arguments(
            """
            {"foo.$": "States.Format('Your name is {}, we are in the year {}', $.name, 2020)"}""",
            "{\"name\": \"Foo\", \"zebra\": \"stripe\"}",
            "{\"foo\": \"Your name is Foo, we are in the year 2020\"}"),
        // A .$ field however deeply nested, in objects inside arrays too.
        arguments(
            """
            {"a": {"b": [{"c.$": "$.x"}, "$.x", {"d": {"e.$": "States.Array($.x)"}}]}}""",
            "{\"x\": 1}",
            "{\"a\": {\"b\": [{\"c\": 1}, \"$.x\", {\"d\": {\"e\": [1]}}]}}"),
        // A path may select a part of the input of any type, a selection or the whole input.
        arguments(
            """
            {"all.$": "$", "list.$": "$.list[*].n", "none.$": "$.nothing", "obj.$": "$.obj"}""",
            "{\"list\": [{\"n\": 1}, {\"n\": 2}], \"nothing\": null, \"obj\": {\"k\": true}}",
            """
            {"all": {"list": [{"n": 1}, {"n": 2}], "nothing": null, "obj": {"k": true}},
             "list": [1, 2], "none": null, "obj": {"k": true}}"""),
        // Without the .$ suffix a value is static, even one that looks like a path or a call.
        arguments(
            """
            {"path": "$.x", "call": "States.UUID()", "n": 1.5, "t": true, "z": null,
             "nested": {"list": [1, "two"]}}""",
            "{\"x\": 1}",
            """
            {"path": "$.x", "call": "States.UUID()", "n": 1.5, "t": true, "z": null,
             "nested": {"list": [1, "two"]}}"""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedTemplates")
  void aTemplateEvaluatesAsDocumented(String template, String input, String expected) {
    assertThat(evaluate(template, input)).isEqualTo(JSON.readTree(expected));
  }

  @Test
  void evaluatingTwiceGivesTwoIndependentResults() {
    PayloadTemplate template = compile("{\"list\": [1], \"x.$\": \"$.x\"}");
    Bindings bindings =
        new Bindings(JSON.readTree("{\"x\": 1}"), JSON.readTree(CONTEXT), VariableScope.root());
    JsonNode first = template.evaluate(bindings);
    ((ObjectNode) first).put("changed", true);
    assertThat(template.evaluate(bindings)).isEqualTo(JSON.readTree("{\"list\": [1], \"x\": 1}"));
  }

  static Stream<Arguments> invalidTemplates() {
    return Stream.of(
        // "If the field value begins with only one $, the value MUST be a Path"; otherwise "it
        // MUST be an Intrinsic Function".
        arguments("{\"a.$\": 5}", "the value of Parameters.a.$ must be a path or an intrinsic"),
        arguments(
            "{\"a\": {\"b.$\": \"literal\"}}",
            "the value of Parameters.a.b.$ ('literal') is neither a path nor an intrinsic"),
        arguments("{\"a\": [{\"b.$\": \"$.x[?(\"}]}", "'$.x[?(' is not a valid JSONPath"),
        arguments("{\"a.$\": \"States.Nope()\"}", "unknown intrinsic function 'States.Nope'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidTemplates")
  void anInvalidDynamicValueIsADefinitionProblem(String template, String message) {
    assertThatThrownBy(() -> compile(template))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void aPathThatMatchesNothingFailsNamingTheField() {
    assertThatThrownBy(() -> evaluate("{\"a\": {\"b.$\": \"$.missing\"}}", "{}"))
        .isInstanceOfSatisfying(
            StateFailure.class,
            failure -> assertThat(failure.failureCause()).contains("Parameters.a.b.$"));
  }

  @Test
  void aPathThatMatchesNothingIsStatesRuntimeNotStatesParameterPathFailure() {
    // Executions recorded against AWS (LocalStack's tests) report a Parameters path that matches
    // nothing as States.Runtime, not States.ParameterPathFailure; no Retry or Catch handles it
    // (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
    assertThatThrownBy(() -> evaluate("{\"a.$\": \"$.missing\"}", "{}"))
        .isInstanceOfSatisfying(
            StateFailure.class, failure -> assertThat(failure.error()).isEqualTo("States.Runtime"));
  }
}
