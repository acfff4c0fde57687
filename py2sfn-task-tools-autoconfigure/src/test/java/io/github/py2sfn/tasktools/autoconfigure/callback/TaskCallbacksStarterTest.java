package io.github.py2sfn.tasktools.autoconfigure.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.py2sfn.tasktools.autoconfigure.aws.AwsClientsAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.aws.DynamoDbClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.S3ClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.SfnClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.state.StateDataAutoConfiguration;
import io.github.py2sfn.tasktools.callback.CallbackLimitExceededException;
import io.github.py2sfn.tasktools.callback.InvalidTaskTokenException;
import io.github.py2sfn.tasktools.callback.TaskCallbackException;
import io.github.py2sfn.tasktools.callback.TaskCallbacks;
import io.github.py2sfn.tasktools.state.ItemPointer;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector;
import io.github.py2sfn.tasktools.test.emulator.fault.HttpFaultInjector.Fault;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import software.amazon.awssdk.utils.AttributeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter's {@link TaskCallbacks} on its own Step Functions client and state data: which
 * answers its retry strategy retries, and where an output over the limit goes. The answers come
 * from the fault injector, as AWS sends them (HTTP 400 for the token's refusals,
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html).
 */
@AwsEmulatorTest
class TaskCallbacksStarterTest {

  static final String TOKEN_NOT_ISSUED = "AQCEAAAAKgAAAAMAAAAAAAAAAXnotissued==";

  private final HttpFaultInjector faults = new HttpFaultInjector();
  private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
  private AwsEmulator aws;
  private StateDataResources resources;
  private ApplicationContextRunner runner;

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            sent.add(context.request());
          }
        };
    // The starter's clients with its retry strategies, the Step Functions one behind the fault
    // injector by a customizer, as an application would tune it.
    runner =
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    JacksonAutoConfiguration.class,
                    AwsClientsAutoConfiguration.class,
                    StateDataAutoConfiguration.class,
                    CallbackAutoConfiguration.class))
            .withPropertyValues(
                "py2sfn.region=" + aws.region().id(),
                "py2sfn.endpoint=" + aws.endpoint(),
                "py2sfn.table-name=" + resources.tableName(),
                "py2sfn.bucket=" + resources.bucketName())
            .withBean(
                SfnClientCustomizer.class,
                () ->
                    builder ->
                        builder
                            .credentialsProvider(aws.credentialsProvider())
                            .httpClientBuilder(new FaultInjectingHttpClientBuilder())
                            .overrideConfiguration(
                                o ->
                                    o.addExecutionInterceptor(recorder)
                                        .addExecutionInterceptor(faults)))
            .withBean(
                DynamoDbClientCustomizer.class,
                () -> builder -> builder.credentialsProvider(aws.credentialsProvider()))
            .withBean(
                S3ClientCustomizer.class,
                () -> builder -> builder.credentialsProvider(aws.credentialsProvider()));
  }

  private final class FaultInjectingHttpClientBuilder
      implements SdkHttpClient.Builder<FaultInjectingHttpClientBuilder> {
    @Override
    public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
      return faults.wrap(UrlConnectionHttpClient.builder().buildWithDefaults(serviceDefaults));
    }
  }

  private static Fault sfnError(int status, String errorCode) {
    return new Fault(
        status,
        "application/x-amz-json-1.0",
        errorCode,
        "{\"__type\":\"" + errorCode + "\",\"message\":\"injected " + errorCode + "\"}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "TaskTimedOut, io.github.py2sfn.tasktools.callback.TaskTimedOutException",
    "TaskDoesNotExist, io.github.py2sfn.tasktools.callback.TaskDoesNotExistException",
    "InvalidToken, io.github.py2sfn.tasktools.callback.InvalidTaskTokenException"
  })
  void theTokensRefusalsAreNotRetried(
      String errorCode, Class<? extends TaskCallbackException> type) {
    faults.fail("SendTaskHeartbeat", Integer.MAX_VALUE, sfnError(400, errorCode));

    runner.run(
        context ->
            assertThatThrownBy(() -> context.getBean(TaskCallbacks.class).heartbeat("token"))
                .isInstanceOf(type));

    assertThat(faults.attempts("SendTaskHeartbeat")).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedThreeTimesInAll() {
    faults.fail("SendTaskHeartbeat", Integer.MAX_VALUE, sfnError(500, "InternalFailure"));

    runner.run(
        context ->
            assertThatThrownBy(() -> context.getBean(TaskCallbacks.class).heartbeat("token"))
                .isExactlyInstanceOf(TaskCallbackException.class));

    assertThat(faults.attempts("SendTaskHeartbeat")).isEqualTo(3);
  }

  @Test
  void anOutputOverTheLimitIsStoredInTheApplicationsStateDataTable() {
    Map<String, String> large = Map.of("report", "r".repeat(300_000));
    // No execution waits for the token: the request is answered as AWS answers a stranger's.
    faults.fail("SendTaskSuccess", Integer.MAX_VALUE, sfnError(400, "InvalidToken"));

    runner.run(
        context -> {
          assertThatThrownBy(
                  () -> context.getBean(TaskCallbacks.class).succeed(TOKEN_NOT_ISSUED, large))
              .isInstanceOf(InvalidTaskTokenException.class);

          SendTaskSuccessRequest request = (SendTaskSuccessRequest) sent.get(0);
          ItemPointer pointer = JsonMapper.shared().readValue(request.output(), ItemPointer.class);
          assertThat(pointer.tableName()).isEqualTo(resources.tableName());
          assertThat(
                  context
                      .getBean(StateDataClient.class)
                      .get(ItemRef.of(pointer), new TypeReference<Map<String, String>>() {}))
              .isEqualTo(large);
        });
  }

  @Test
  void withStateDataDisabledAnOutputOverTheLimitIsRefused() {
    runner
        .withPropertyValues("py2sfn.state-data.enabled=false")
        .run(
            context ->
                assertThatThrownBy(
                        () ->
                            context
                                .getBean(TaskCallbacks.class)
                                .succeed(TOKEN_NOT_ISSUED, "r".repeat(300_000)))
                    .isInstanceOf(CallbackLimitExceededException.class)
                    .hasMessageStartingWith(
                        "SendTaskSuccess not sent: its output is 300002 bytes of UTF-8 JSON"));

    assertThat(sent).isEmpty();
  }
}
