package io.github.py2sfn.sample.local;

import io.github.py2sfn.sample.CatalogPricingApplication;
import io.github.py2sfn.sample.catalog.ApprovalDecision;
import io.github.py2sfn.sample.catalog.CallbackSent;
import io.github.py2sfn.sample.catalog.CatalogTasks;
import io.github.py2sfn.tasktools.autoconfigure.aws.DynamoDbClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.S3ClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.SfnClientCustomizer;
import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.LocalStateMachineRunner;
import io.github.py2sfn.tasktools.localrunner.RunningExecution;
import io.github.py2sfn.tasktools.localrunner.TaskInvoker;
import io.github.py2sfn.tasktools.localrunner.TaskRequest;
import io.github.py2sfn.tasktools.localrunner.spring.FunctionCatalogTaskInvoker;
import io.github.py2sfn.tasktools.localrunner.spring.LocalStateMachines;
import io.github.py2sfn.tasktools.state.ItemNotFoundException;
import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.StateDataClient;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample workflow wired for a local run: the application's task beans against the emulator, and
 * each {@link CatalogDefinition} from the same ASL file SAM deploys, its {@code ${...FunctionArn}}
 * placeholders substituted as SAM's {@code DefinitionSubstitutions} do.
 */
public final class CatalogWorkflow implements AutoCloseable {

  private static final Map<String, String> FUNCTIONS =
      Map.of(
          "CheckFeatureFlagFunctionArn", "checkFeatureFlag",
          "LoadCatalogFunctionArn", "loadCatalog",
          "LoadCatalogForDistributedMapFunctionArn", "loadCatalogForDistributedMap",
          "PriceProductFunctionArn", "priceProduct",
          "RejectProductFunctionArn", "rejectProduct",
          "SummarizeFunctionArn", "summarize",
          "SummarizeDistributedMapFunctionArn", "summarizeDistributedMap",
          "RequestApprovalFunctionArn", "requestApproval",
          "PublishSummaryFunctionArn", "publishSummary");

  /** The reviewer of {@link #run(CatalogDefinition, String)}. */
  public static final String DEFAULT_REVIEWER = "pricing-manager";

  /** The approval step's heartbeat in the ASL files, which a test may shorten. */
  private static final String HEARTBEAT_SECONDS = "\"HeartbeatSeconds\": 14400";

  /** How long a run may take at most, approval included. */
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  /** How often the reviewer looks for the execution's approval request. */
  private static final Duration REQUEST_POLL = Duration.ofMillis(50);

  private final AwsEmulator aws;
  private final StateDataResources resources;
  private final ConfigurableApplicationContext context;
  private final StateDataClient stateData;
  private final TaskInvoker approver;
  private final Map<CatalogDefinition, LocalStateMachineRunner> runners =
      new EnumMap<>(CatalogDefinition.class);

  /**
   * Starts the application against the emulator's table and bucket.
   *
   * @param aws the emulator
   * @param resources the table and bucket to use
   */
  public CatalogWorkflow(AwsEmulator aws, StateDataResources resources) {
    this(aws, resources, null);
  }

  /**
   * Starts the application against the emulator's table and bucket, with the approval step's {@code
   * HeartbeatSeconds} shortened, so a test sees {@code States.HeartbeatTimeout} quickly.
   *
   * @param aws the emulator
   * @param resources the table and bucket to use
   * @param approvalHeartbeat the approval step's heartbeat, in place of the ASL files' 4 hours;
   *     null to keep theirs
   */
  public CatalogWorkflow(
      AwsEmulator aws, StateDataResources resources, @Nullable Duration approvalHeartbeat) {
    this.aws = aws;
    this.resources = resources;
    this.context =
        new SpringApplicationBuilder(CatalogPricingApplication.class)
            .web(WebApplicationType.NONE)
            .initializers(
                (ConfigurableApplicationContext app) -> {
                  // The emulator's credentials, through the starter's client customizer hooks.
                  var beans = app.getBeanFactory();
                  beans.registerSingleton(
                      "emulatorDynamoDbCredentials",
                      (DynamoDbClientCustomizer)
                          builder -> builder.credentialsProvider(aws.credentialsProvider()));
                  beans.registerSingleton(
                      "emulatorS3Credentials",
                      (S3ClientCustomizer)
                          builder -> builder.credentialsProvider(aws.credentialsProvider()));
                  beans.registerSingleton(
                      "emulatorSfnCredentials",
                      (SfnClientCustomizer)
                          builder -> builder.credentialsProvider(aws.credentialsProvider()));
                })
            .properties(
                "py2sfn.table-name=" + resources.tableName(),
                "py2sfn.bucket=" + resources.bucketName(),
                "py2sfn.endpoint=" + aws.endpoint(),
                "py2sfn.region=" + aws.region().id(),
                "py2sfn.stop.poll-interval=100ms",
                "spring.main.log-startup-info=false",
                "logging.level.root=WARN",
                "logging.level.io.github.py2sfn=INFO")
            .run();
    this.stateData = context.getBean(StateDataClient.class);
    // The approver is invoked as Lambda invokes it (a review tool calling the function), through
    // the AWS adapter's conversion path.
    this.approver =
        new FunctionCatalogTaskInvoker(
            context.getBean(FunctionCatalog.class),
            context.getBean(org.springframework.cloud.function.json.JsonMapper.class),
            JsonMapper.shared(),
            aws.region().id(),
            aws.accountId());
    for (CatalogDefinition definition : CatalogDefinition.values()) {
      runners.put(
          definition,
          LocalStateMachines.forContext(context)
              .definition(definitionText(definition, aws, approvalHeartbeat))
              .stateMachineName(definition.stateMachineName())
              .build());
    }
  }

  /**
   * Runs one execution of a definition, whose pricing {@value #DEFAULT_REVIEWER} approves.
   *
   * @param definition the definition to run
   * @param input the execution input, JSON
   * @return the result
   */
  public ExecutionResult run(CatalogDefinition definition, String input) {
    return run(definition, input, Review.approves(DEFAULT_REVIEWER)).result();
  }

  /**
   * Runs one execution of a definition and answers its approval step: once the execution's {@code
   * requestApproval} has recorded its request, the review's decisions go to the {@code
   * approvePricing} function, which completes the waiting state with real SDK calls
   * (SendTaskHeartbeat, SendTaskSuccess, SendTaskFailure) that the runner sees.
   *
   * @param definition the definition to run
   * @param input the execution input, JSON
   * @param review how the reviewer answers
   * @return the result and the callbacks sent
   */
  public ReviewedRun run(CatalogDefinition definition, String input, Review review) {
    String executionName = UUID.randomUUID().toString();
    RunningExecution execution =
        runners.get(definition).start(JsonMapper.shared().readTree(input), executionName);
    List<CallbackSent> callbacks = new ArrayList<>();
    List<ApprovalDecision> decisions = review.decisions(executionName);
    if (!decisions.isEmpty() && awaitApprovalRequest(execution, executionName)) {
      for (ApprovalDecision decision : decisions) {
        callbacks.add(answer(decision));
      }
    }
    return new ReviewedRun(execution.await(RUN_TIMEOUT), callbacks);
  }

  /**
   * Sends a reviewer's decision to the {@code approvePricing} function, invoked as Lambda invokes
   * it for a review tool.
   *
   * @param decision the decision
   * @return the callback the function sent
   */
  public CallbackSent answer(ApprovalDecision decision) {
    JsonNode sent =
        approver.invoke(
            new TaskRequest(
                "approvePricing",
                JsonMapper.shared().valueToTree(decision),
                "approvePricing",
                "arn:aws:lambda:"
                    + aws.region().id()
                    + ":"
                    + aws.accountId()
                    + ":function:approvePricing",
                JsonMapper.shared().createObjectNode()));
    return JsonMapper.shared().treeToValue(sent, CallbackSent.class);
  }

  /**
   * The application's state data client, for reading what an execution stored.
   *
   * @return the client, with no execution's namespace
   */
  public StateDataClient stateData() {
    return stateData;
  }

  /** Waits until the execution has recorded its approval request, or has ended without one. */
  private boolean awaitApprovalRequest(RunningExecution execution, String executionName) {
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (!execution.isDone() && System.nanoTime() < deadline) {
      try {
        stateData
            .withNamespace(executionName)
            .get(ItemRef.local(CatalogTasks.APPROVAL_REQUEST), JsonNode.class);
        return true;
      } catch (ItemNotFoundException notYet) {
        try {
          Thread.sleep(REQUEST_POLL.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Reads back the products an execution stored (its {@code putAll} list, priced in place by the
   * Map iterations), in index order: from DynamoDB, or from S3 for an offloaded one.
   *
   * @param result the execution
   * @return the stored products
   */
  public List<StoredProduct> storedProducts(ExecutionResult result) {
    List<StoredProduct> products = new ArrayList<>();
    for (Map<String, AttributeValue> item :
        aws.storedItems(resources.tableName(), result.executionName() + ":products")) {
      int index = Integer.parseInt(item.get("sort_key").n());
      AttributeValue s3Key = item.get("s3_key");
      String json =
          s3Key == null
              ? item.get("data").s()
              : aws.s3Client()
                  .getObjectAsBytes(r -> r.bucket(resources.bucketName()).key(s3Key.s()))
                  .asUtf8String();
      products.add(new StoredProduct(index, s3Key != null, JsonMapper.shared().readTree(json)));
    }
    return products;
  }

  private static String definitionText(
      CatalogDefinition definition, AwsEmulator aws, @Nullable Duration approvalHeartbeat) {
    try (InputStream asl =
        CatalogWorkflow.class.getClassLoader().getResourceAsStream(definition.resource())) {
      if (asl == null) {
        throw new IllegalStateException("No " + definition.resource() + " on the classpath");
      }
      String text = new String(asl.readAllBytes(), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> function : FUNCTIONS.entrySet()) {
        text =
            text.replace(
                "${" + function.getKey() + "}",
                "arn:aws:lambda:"
                    + aws.region().id()
                    + ":"
                    + aws.accountId()
                    + ":function:"
                    + function.getValue());
      }
      if (approvalHeartbeat != null) {
        if (!text.contains(HEARTBEAT_SECONDS)) {
          throw new IllegalStateException(
              definition.resource() + " has no " + HEARTBEAT_SECONDS + " to shorten");
        }
        text =
            text.replace(
                HEARTBEAT_SECONDS, "\"HeartbeatSeconds\": " + approvalHeartbeat.toSeconds());
      }
      return text;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
