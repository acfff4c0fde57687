package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What AWS makes of a Java Lambda function's result: the error of an unhandled exception, and the
 * response envelope of {@code arn:aws:states:::lambda:invoke}.
 */
final class LambdaErrors {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private LambdaErrors() {}

  /**
   * The failure Step Functions reports for an exception a Java function throws: the Java runtime
   * reports {@code errorType} = the exception's class name and the error JSON {@code
   * {"errorMessage", "errorType", "stackTrace", "cause"}}; Step Functions uses them as Error and
   * Cause.
   */
  static StateFailure unhandled(Throwable exception, ObjectMapper mapper) {
    return new StateFailure(
        exception.getClass().getName(),
        mapper.writeValueAsString(errorJson(exception, new IdentityHashMap<>())));
  }

  private static ObjectNode errorJson(Throwable exception, Map<Throwable, Boolean> seen) {
    seen.put(exception, Boolean.TRUE);
    ObjectNode json = NODES.objectNode();
    if (exception.getMessage() != null) {
      json.put("errorMessage", exception.getMessage());
    }
    json.put("errorType", exception.getClass().getName());
    var stackTrace = json.putArray("stackTrace");
    for (StackTraceElement element : exception.getStackTrace()) {
      stackTrace.add(element.toString());
    }
    Throwable cause = exception.getCause();
    if (cause != null && !seen.containsKey(cause)) {
      json.set("cause", errorJson(cause, seen));
    }
    return json;
  }

  /**
   * The {@code lambda:invoke} result: the function's output under {@code Payload}, as AWS wraps it.
   */
  static JsonNode invokeResponse(JsonNode payload) {
    String requestId = UUID.randomUUID().toString();
    ObjectNode response = NODES.objectNode();
    response.put("ExecutedVersion", "$LATEST");
    response.set("Payload", payload);
    ObjectNode http = response.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    ObjectNode headers = http.putObject("HttpHeaders");
    for (Map.Entry<String, String> header :
        Map.of(
                "Content-Type",
                "application/json",
                "X-Amz-Executed-Version",
                "$LATEST",
                "x-amzn-RequestId",
                requestId)
            .entrySet()) {
      all.putArray(header.getKey()).add(header.getValue());
      headers.put(header.getKey(), header.getValue());
    }
    http.put("HttpStatusCode", 200);
    response.putObject("SdkResponseMetadata").put("RequestId", requestId);
    response.put("StatusCode", 200);
    return response;
  }
}
