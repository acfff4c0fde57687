package io.github.py2sfn.tasktools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import io.github.py2sfn.tasktools.autoconfigure.task.TaskHandlerFunction;
import io.github.py2sfn.tasktools.execution.SfnExecutionStopper;
import io.github.py2sfn.tasktools.execution.StopOptions;
import io.github.py2sfn.tasktools.state.ItemsPointer;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.state.StateDataFixture;
import io.github.py2sfn.tasktools.task.AwsLocation;
import io.github.py2sfn.tasktools.task.TaskContextFactory;
import io.github.py2sfn.tasktools.task.TaskHandler;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole run of tasks against the emulator (offloaded and inline items written and read, a read
 * with the wrong type, an input of the wrong shape, a stop with a cause) with this library's and
 * the AWS SDK's loggers at TRACE: no log line and no exception message contains the data.
 */
@AwsEmulatorTest
class NoDataInLogsTest {

  static final String SECRET = "SECRET-l0g-m4rker";

  record Customer(String name, String card) {}

  record Order(List<Customer> customers) {}

  @Test
  void aFullRunLogsNoData(AwsEmulator aws, StateDataResources resources) {
    StateDataClient stateData =
        StateDataFixture.builder(aws, resources).offloadThreshold(200).build();
    TaskContextFactory contexts =
        new TaskContextFactory(
            stateData,
            () ->
                new SfnExecutionStopper(
                    aws.sfnClient(),
                    new StopOptions(true, Duration.ofMillis(50), Duration.ofSeconds(10))),
            new AwsLocation("aws", aws.region().id(), aws.accountId()));
    JsonMapper mapper = new JsonMapper();
    String stateMachineName = startExecution(aws, "exec-logs");
    List<Throwable> failures = new ArrayList<>();
    List<Customer> loadedCustomers = new ArrayList<>();

    try (LogCapture logs =
        new LogCapture(
            Level.TRACE, "io.github.py2sfn", "software.amazon.awssdk", "org.springframework")) {
      TaskHandlerFunction put =
          function(
              "putCustomers",
              mapper.constructType(Order.class),
              mapper,
              contexts,
              (input, context) -> {
                Order order = (Order) input;
                context.stateData().putItem("first", order.customers().get(0));
                return context.stateData().putItems("customers", order.customers());
              });
      TaskHandlerFunction load =
          function(
              "loadCustomers",
              mapper.constructType(Object.class),
              mapper,
              contexts,
              (input, context) -> {
                loadedCustomers.addAll(context.stateData().getItems("customers", Customer.class));
                loadedCustomers.add(context.stateData().getItem("customers", 1, Customer.class));
                return context.stateData().getItem("first", Customer.class);
              });
      TaskHandlerFunction wrongType =
          function(
              "readWrongType",
              mapper.constructType(Object.class),
              mapper,
              contexts,
              (input, context) -> context.stateData().getItem("first", Integer.class));
      TaskHandlerFunction stop =
          function(
              "stop",
              mapper.constructType(Object.class),
              mapper,
              contexts,
              (input, context) ->
                  context.stopExecution("CardRejected", "Card " + SECRET + " was rejected"));

      String order =
          """
          {"customers": [{"name": "Ann", "card": "%1$s-1"},
                         {"name": "Bob", "card": "%1$s-2 %2$s"},
                         {"name": "Cy", "card": "%1$s-3"}]}"""
              .formatted(SECRET, "x".repeat(300));
      Object pointer = put.apply(message(event(stateMachineName, order)));
      assertThat(pointer).isInstanceOf(ItemsPointer.class);
      assertThat(load.apply(message(event(stateMachineName, "{}"))))
          .isEqualTo(new Customer("Ann", SECRET + "-1"));
      // The whole list, then its offloaded element 1 alone: the data, secret included, came back.
      assertThat(loadedCustomers)
          .extracting(Customer::name)
          .containsExactly("Ann", "Bob", "Cy", "Bob");
      assertThat(loadedCustomers.get(3).card()).contains(SECRET);
      failures.add(catchThrowable(() -> wrongType.apply(message(event(stateMachineName, "{}")))));
      failures.add(
          catchThrowable(
              () ->
                  put.apply(
                      message(event(stateMachineName, "{\"customers\": \"" + SECRET + "\"}")))));
      stop.apply(message(event(stateMachineName, "{}")));

      assertThat(failures).allSatisfy(failure -> assertThat(failure).isNotNull());
      for (Throwable failure : failures) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
          assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
        }
      }
      List<String> lines = logs.lines();
      // Both the library and the SDK did log (requests, responses, the stop) at these levels.
      assertThat(lines).anyMatch(line -> line.startsWith("software.amazon.awssdk.request"));
      assertThat(lines).anyMatch(line -> line.startsWith("io.github.py2sfn.tasktools.execution"));
      assertThat(lines).noneMatch(line -> line.contains(SECRET));
    }
  }

  private static TaskHandlerFunction function(
      String name,
      JavaType inputType,
      JsonMapper mapper,
      TaskContextFactory contexts,
      TaskHandler<Object, Object> task) {
    return new TaskHandlerFunction(name, task, inputType, mapper, contexts);
  }

  private static org.springframework.messaging.Message<Object> message(String json) {
    return MessageBuilder.withPayload((Object) json.getBytes(StandardCharsets.UTF_8)).build();
  }

  private static String event(String stateMachineName, String data) {
    return """
        {"meta": {"sfn_execution_name": "exec-logs", "sfn_state_machine_name": "%s"}, "data": %s}"""
        .formatted(stateMachineName, data);
  }

  private static String startExecution(AwsEmulator aws, String name) {
    String stateMachineArn =
        aws.sfnClient()
            .createStateMachine(
                r ->
                    r.name("logs-" + System.nanoTime())
                        .roleArn("arn:aws:iam::" + aws.accountId() + ":role/test")
                        .definition(
                            "{\"StartAt\": \"Wait\", \"States\": {\"Wait\": {\"Type\": \"Wait\", \"Seconds\": 600, \"End\": true}}}"))
            .stateMachineArn();
    aws.sfnClient().startExecution(r -> r.stateMachineArn(stateMachineArn).name(name));
    return stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
  }
}
