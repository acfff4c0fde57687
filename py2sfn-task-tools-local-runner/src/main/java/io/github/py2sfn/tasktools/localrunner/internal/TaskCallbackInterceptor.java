package io.github.py2sfn.tasktools.localrunner.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.sfn.model.SendTaskFailureRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskHeartbeatRequest;
import software.amazon.awssdk.services.sfn.model.SendTaskSuccessRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Completes local callback tasks from the SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat
 * calls any SDK client in this JVM makes with a token the runner issued. An {@link
 * ExecutionInterceptor} cannot skip the HTTP call, so the request still goes to the client's
 * endpoint (the emulator, which does not know the token); its answer is then replaced by the empty
 * success AWS returns for the token the runner knows. Registered for every SDK client as a global
 * interceptor ({@code software/amazon/awssdk/global/handlers/execution.interceptors}); calls with
 * other tokens are left alone.
 */
public final class TaskCallbackInterceptor implements ExecutionInterceptor {

  private static final ExecutionAttribute<Boolean> COMPLETED_LOCALLY =
      new ExecutionAttribute<>("py2sfn.localTaskTokenCompleted");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Instantiated by the AWS SDK. */
  public TaskCallbackInterceptor() {}

  @Override
  public SdkHttpResponse modifyHttpResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes executionAttributes) {
    if (!complete(context.request())) {
      return context.httpResponse();
    }
    executionAttributes.putAttribute(COMPLETED_LOCALLY, true);
    return context.httpResponse().toBuilder()
        .statusCode(200)
        .statusText("OK")
        .removeHeader("x-amzn-ErrorType")
        .putHeader("Content-Length", "2")
        .build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes executionAttributes) {
    if (Boolean.TRUE.equals(executionAttributes.getAttribute(COMPLETED_LOCALLY))) {
      return Optional.of(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)));
    }
    return context.responseBody();
  }

  private static boolean complete(SdkRequest request) {
    if (request instanceof SendTaskSuccessRequest success && success.taskToken() != null) {
      JsonNode output = output(success.output());
      return output != null && TaskTokens.completeSuccess(success.taskToken(), output);
    }
    if (request instanceof SendTaskFailureRequest failure && failure.taskToken() != null) {
      return TaskTokens.completeFailure(failure.taskToken(), failure.error(), failure.cause());
    }
    if (request instanceof SendTaskHeartbeatRequest heartbeat && heartbeat.taskToken() != null) {
      return TaskTokens.completeHeartbeat(heartbeat.taskToken());
    }
    return false;
  }

  /**
   * The output as JSON; null when it is not, which AWS rejects (InvalidOutput), as the emulator
   * does.
   */
  private static @Nullable JsonNode output(@Nullable String output) {
    if (output == null) {
      return null;
    }
    try {
      return JSON.readTree(output);
    } catch (JacksonException e) {
      return null;
    }
  }
}
