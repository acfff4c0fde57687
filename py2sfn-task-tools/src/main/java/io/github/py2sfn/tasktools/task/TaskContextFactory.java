package io.github.py2sfn.tasktools.task;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.py2sfn.tasktools.InvocationDeadline;
import io.github.py2sfn.tasktools.TaskToolsException;
import io.github.py2sfn.tasktools.execution.ExecutionStopper;
import io.github.py2sfn.tasktools.execution.StopExecutionResult;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.state.StateDataConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads task events and creates the {@link TaskContext} of each invocation. {@link TaskHandler}
 * beans get their context from it automatically; a plain Spring Cloud Function that wants one can
 * use it directly:
 *
 * <pre>{@code
 * @Bean
 * Function<Message<JsonNode>, Summary> summarize(TaskContextFactory tasks) {
 *   return message -> {
 *     Context lambda = (Context) message.getHeaders().get("aws-context");
 *     try (InvocationDeadline.Scope deadline = tasks.startDeadline(lambda)) {
 *       TaskEvent event = tasks.readEvent(message.getPayload(), lambda);
 *       TaskContext context = tasks.createContext(event, lambda);
 *       ...
 *     }
 *   };
 * }
 * }</pre>
 */
public class TaskContextFactory {

  private final @Nullable StateDataClient stateData;
  private final Supplier<? extends @Nullable ExecutionStopper> stopper;
  private final AwsLocation configuredLocation;
  private final Duration lambdaTimeoutMargin;

  /**
   * Creates a factory whose invocations' AWS calls end {@link InvocationDeadline#DEFAULT_MARGIN}
   * before the Lambda invocation's timeout.
   *
   * @param stateData the state data client whose namespace each context replaces with its execution
   *     name, or {@code null} when state data is disabled
   * @param stopper supplies the execution stopper, or {@code null} when stopping is unavailable
   * @param configuredLocation the region and account to use when neither the event nor the Lambda
   *     function ARN tells them
   * @see #TaskContextFactory(StateDataClient, Supplier, AwsLocation, Duration)
   */
  public TaskContextFactory(
      @Nullable StateDataClient stateData,
      Supplier<? extends @Nullable ExecutionStopper> stopper,
      AwsLocation configuredLocation) {
    this(stateData, stopper, configuredLocation, InvocationDeadline.DEFAULT_MARGIN);
  }

  /**
   * Creates a factory. The execution stopper is looked up on the first stop, so that tasks that
   * never stop their execution never build a Step Functions client.
   *
   * @param stateData the state data client whose namespace each context replaces with its execution
   *     name, or {@code null} when state data is disabled
   * @param stopper supplies the execution stopper, or {@code null} when stopping is unavailable
   * @param configuredLocation the region and account to use when neither the event nor the Lambda
   *     function ARN tells them
   * @param lambdaTimeoutMargin how long before the Lambda invocation's timeout its AWS calls end
   *     (see {@link #startDeadline})
   */
  public TaskContextFactory(
      @Nullable StateDataClient stateData,
      Supplier<? extends @Nullable ExecutionStopper> stopper,
      AwsLocation configuredLocation,
      Duration lambdaTimeoutMargin) {
    this.stateData = stateData;
    this.stopper = Objects.requireNonNull(stopper, "stopper");
    this.configuredLocation = Objects.requireNonNull(configuredLocation, "configuredLocation");
    this.lambdaTimeoutMargin = Objects.requireNonNull(lambdaTimeoutMargin, "lambdaTimeoutMargin");
  }

  /**
   * Starts the deadline of an invocation on this thread, the margin before its timeout: AWS calls
   * made through clients with an {@link io.github.py2sfn.tasktools.InvocationDeadlineInterceptor}
   * (the starter's clients), and the execution stopper's wait, end there with an {@link
   * io.github.py2sfn.tasktools.InvocationDeadlineExceededException} instead of being cut off by
   * Lambda. {@code TaskHandler} beans run within it; a plain function calls it around its work.
   *
   * @param lambdaContext the invocation's Lambda context, or {@code null} off Lambda (no deadline)
   * @return the scope, to close when the invocation ends
   */
  public InvocationDeadline.Scope startDeadline(@Nullable Context lambdaContext) {
    return InvocationDeadline.start(lambdaContext, lambdaTimeoutMargin);
  }

  /**
   * Splits a Lambda event into the execution's identity and the state input.
   *
   * @param event the event
   * @param lambdaContext the invocation's Lambda context, if any
   * @return the identity and input
   */
  public TaskEvent readEvent(JsonNode event, @Nullable Context lambdaContext) {
    AwsLocation location =
        AwsLocation.fromFunctionArn(
                lambdaContext != null ? lambdaContext.getInvokedFunctionArn() : null)
            .orElse(configuredLocation);
    return TaskEvent.parse(event, location);
  }

  /**
   * Creates the context of one invocation.
   *
   * @param event the invocation's event
   * @param lambdaContext the invocation's Lambda context, if any
   * @return the context
   */
  public TaskContext createContext(TaskEvent event, @Nullable Context lambdaContext) {
    return new DefaultTaskContext(event.execution(), lambdaContext);
  }

  private final class DefaultTaskContext implements TaskContext {

    private final ExecutionIdentity execution;
    private final @Nullable Context lambdaContext;
    private @Nullable StateDataClient executionStateData;

    DefaultTaskContext(ExecutionIdentity execution, @Nullable Context lambdaContext) {
      this.execution = execution;
      this.lambdaContext = lambdaContext;
    }

    @Override
    public ExecutionIdentity execution() {
      return execution;
    }

    @Override
    public StateDataClient stateData() {
      if (stateData == null) {
        throw new StateDataConfigurationException(
            "State data is disabled (py2sfn.state-data.enabled=false)");
      }
      if (executionStateData == null) {
        // Without an execution name, global operations still work; local ones name what is missing.
        executionStateData =
            execution.executionName() != null
                ? stateData.withNamespace(execution.executionName())
                : stateData;
      }
      return executionStateData;
    }

    @Override
    public StopExecutionResult stopExecution(@Nullable String error, @Nullable String cause) {
      ExecutionStopper executionStopper = stopper.get();
      if (executionStopper == null) {
        throw new TaskToolsException(
            "Stopping executions is unavailable: add software.amazon.awssdk:sfn to the classpath");
      }
      return executionStopper.stop(execution.requireExecutionArn(), error, cause);
    }

    @Override
    public Optional<Context> lambdaContext() {
      return Optional.ofNullable(lambdaContext);
    }
  }
}
