package io.github.py2sfn.tasktools.localrunner.spring;

import io.github.py2sfn.tasktools.localrunner.StateMachineRunnerException;
import io.github.py2sfn.tasktools.localrunner.TaskInvoker;
import io.github.py2sfn.tasktools.localrunner.TaskRequest;
import io.github.py2sfn.tasktools.test.emulator.LocalLambdaContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.messaging.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Invokes Spring Cloud Function beans the way the AWS adapter's {@code
 * FunctionInvoker.handleRequest} does on Lambda: the payload becomes JSON bytes, {@link
 * AWSLambdaUtils#generateMessage} turns them into a message with a Lambda {@code Context} header,
 * the catalog's function (looked up as {@code application/json}) applies to it, and {@link
 * AWSLambdaUtils#generateOutputFromObject} makes the response bytes. Exceptions propagate
 * unchanged, as on Lambda, where the runtime turns them into the task's error.
 *
 * <p>Unlike on Lambda, where one instance handles one event at a time, Map iterations and Parallel
 * branches call the beans concurrently: they must be thread-safe.
 */
public final class FunctionCatalogTaskInvoker implements TaskInvoker {

  private final FunctionCatalog catalog;
  private final JsonMapper jsonMapper;
  private final ObjectMapper engineMapper;
  private final String region;
  private final String accountId;
  private final Map<String, FunctionInvocationWrapper> functions = new ConcurrentHashMap<>();

  /**
   * Creates an invoker.
   *
   * @param catalog the application's function catalog
   * @param jsonMapper the application's Spring Cloud Function JSON mapper (the adapter converts
   *     with it)
   * @param engineMapper the runner's Jackson mapper, which reads the responses
   * @param region the region in the functions' ARNs
   * @param accountId the account in the functions' ARNs
   */
  public FunctionCatalogTaskInvoker(
      FunctionCatalog catalog,
      JsonMapper jsonMapper,
      ObjectMapper engineMapper,
      String region,
      String accountId) {
    this.catalog = catalog;
    this.jsonMapper = jsonMapper;
    this.engineMapper = engineMapper;
    this.region = region;
    this.accountId = accountId;
  }

  @Override
  public boolean canInvoke(String functionName) {
    return lookup(functionName) != null;
  }

  @Override
  public JsonNode invoke(TaskRequest request) {
    FunctionInvocationWrapper function = lookup(request.functionName());
    if (function == null) {
      throw new StateMachineRunnerException(
          "State '"
              + request.stateName()
              + "': no function '"
              + request.functionName()
              + "' in the function catalog",
          null);
    }
    byte[] event = engineMapper.writeValueAsBytes(request.payload());
    LocalLambdaContext context = new LocalLambdaContext(request.functionName(), region, accountId);
    Message<byte[]> message =
        AWSLambdaUtils.generateMessage(
            event, function.getInputType(), function.isSupplier(), jsonMapper, context);
    Object response = function.apply(message);
    byte[] output =
        AWSLambdaUtils.generateOutputFromObject(
            message, response, jsonMapper, function.getOutputType());
    if (output == null || output.length == 0) {
      return NullNode.getInstance();
    }
    try {
      return engineMapper.readTree(output);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(
          new IOException(
              "State '"
                  + request.stateName()
                  + "': function '"
                  + request.functionName()
                  + "' returned a response that is not JSON",
              e));
    }
  }

  private FunctionInvocationWrapper lookup(String functionName) {
    return functions.computeIfAbsent(
        functionName,
        name -> {
          FunctionInvocationWrapper function = catalog.lookup(name, "application/json");
          if (function != null && function.isOutputTypePublisher()) {
            // As FunctionInvoker does: the adapter converts reactive output itself.
            function.setSkipOutputConversion(true);
          }
          return function;
        });
  }
}
