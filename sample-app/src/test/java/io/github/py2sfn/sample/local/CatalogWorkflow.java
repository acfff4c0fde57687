package io.github.py2sfn.sample.local;

import io.github.py2sfn.sample.CatalogPricingApplication;
import io.github.py2sfn.tasktools.autoconfigure.aws.DynamoDbClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.S3ClientCustomizer;
import io.github.py2sfn.tasktools.autoconfigure.aws.SfnClientCustomizer;
import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.LocalStateMachineRunner;
import io.github.py2sfn.tasktools.localrunner.spring.LocalStateMachines;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
          "PriceProductFunctionArn", "priceProduct",
          "RejectProductFunctionArn", "rejectProduct",
          "SummarizeFunctionArn", "summarize");

  private final AwsEmulator aws;
  private final StateDataResources resources;
  private final ConfigurableApplicationContext context;
  private final Map<CatalogDefinition, LocalStateMachineRunner> runners =
      new EnumMap<>(CatalogDefinition.class);

  /**
   * Starts the application against the emulator's table and bucket.
   *
   * @param aws the emulator
   * @param resources the table and bucket to use
   */
  public CatalogWorkflow(AwsEmulator aws, StateDataResources resources) {
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
    for (CatalogDefinition definition : CatalogDefinition.values()) {
      runners.put(
          definition,
          LocalStateMachines.forContext(context)
              .definition(definitionText(definition, aws))
              .stateMachineName(definition.stateMachineName())
              .build());
    }
  }

  /**
   * Runs one execution of a definition.
   *
   * @param definition the definition to run
   * @param input the execution input, JSON
   * @return the result
   */
  public ExecutionResult run(CatalogDefinition definition, String input) {
    return runners.get(definition).run(input);
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

  private static String definitionText(CatalogDefinition definition, AwsEmulator aws) {
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
