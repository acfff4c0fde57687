package io.github.py2sfn.tasktools.autoconfigure.task;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.py2sfn.tasktools.InvocationDeadline;
import io.github.py2sfn.tasktools.internal.JsonErrors;
import io.github.py2sfn.tasktools.task.TaskContext;
import io.github.py2sfn.tasktools.task.TaskContextFactory;
import io.github.py2sfn.tasktools.task.TaskEvent;
import io.github.py2sfn.tasktools.task.TaskEventException;
import io.github.py2sfn.tasktools.task.TaskHandler;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Runs a {@link TaskHandler} as a Spring Cloud Function. It is registered with a {@code
 * Message<Object>} input so that Spring Cloud Function hands over the raw event and its headers
 * untouched (no conversion, no splitting of JSON arrays); the event is then split into identity and
 * input here, and the input converted to the handler's declared type.
 */
public final class TaskHandlerFunction implements Function<Message<Object>, Object> {

  private final String name;
  private final TaskHandler<Object, Object> handler;
  private final JavaType inputType;
  private final ObjectMapper mapper;
  private final TaskContextFactory contexts;

  /**
   * Creates the function.
   *
   * @param name the bean name, used in error messages
   * @param handler the task
   * @param inputType the task's declared input type
   * @param mapper the JSON mapper Spring Cloud Function uses
   * @param contexts creates each invocation's context
   */
  public TaskHandlerFunction(
      String name,
      TaskHandler<Object, Object> handler,
      JavaType inputType,
      ObjectMapper mapper,
      TaskContextFactory contexts) {
    this.name = name;
    this.handler = handler;
    this.inputType = inputType;
    this.mapper = mapper;
    this.contexts = contexts;
  }

  @Override
  public Object apply(Message<Object> message) {
    Context lambdaContext = (Context) message.getHeaders().get(AWSLambdaUtils.AWS_CONTEXT);
    // The task's AWS calls end before Lambda's timeout would cut the invocation off.
    InvocationDeadline.Scope deadline = contexts.startDeadline(lambdaContext);
    try {
      return run(message, lambdaContext);
    } finally {
      deadline.close();
    }
  }

  private Object run(Message<Object> message, @Nullable Context lambdaContext) {
    TaskEvent event = contexts.readEvent(toTree(message.getPayload()), lambdaContext);
    String executionName = event.execution().executionName();
    // Restored afterwards: a warm Lambda container reuses the thread for the next execution.
    String previous = MDC.get(TaskContext.EXECUTION_NAME_MDC_KEY);
    if (executionName != null) {
      MDC.put(TaskContext.EXECUTION_NAME_MDC_KEY, executionName);
    } else {
      MDC.remove(TaskContext.EXECUTION_NAME_MDC_KEY);
    }
    try {
      Object input = convert(event.input());
      TaskContext context = contexts.createContext(event, lambdaContext);
      Object result;
      try {
        result = handler.handle(input, context);
      } catch (Exception failure) {
        throw TaskHandlerFunction.<RuntimeException>rethrow(failure);
      }
      // Spring Cloud Function would answer "OK" for null; the task's null is JSON null.
      return result != null ? result : NullNode.getInstance();
    } finally {
      if (previous != null) {
        MDC.put(TaskContext.EXECUTION_NAME_MDC_KEY, previous);
      } else {
        MDC.remove(TaskContext.EXECUTION_NAME_MDC_KEY);
      }
    }
  }

  private JsonNode toTree(Object payload) {
    try {
      if (payload instanceof byte[] bytes) {
        return mapper.readTree(bytes);
      }
      if (payload instanceof String text) {
        return mapper.readTree(text);
      }
      return mapper.valueToTree(payload);
    } catch (JacksonException failure) {
      throw new TaskEventException(
          "The event of task '" + name + "' is not valid JSON: " + JsonErrors.describe(failure));
    }
  }

  private @Nullable Object convert(JsonNode input) {
    try {
      return mapper.treeToValue(input, inputType);
    } catch (JacksonException failure) {
      throw new TaskEventException(
          "The input of task '"
              + name
              + "' cannot be converted to "
              + inputType.toCanonical()
              + ": "
              + JsonErrors.describe(failure));
    }
  }

  /** Rethrows checked exceptions unwrapped, so Step Functions sees the task's own error name. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E rethrow(Throwable failure) throws E {
    throw (E) failure;
  }
}
