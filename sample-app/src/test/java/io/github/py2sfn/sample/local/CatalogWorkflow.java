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
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample workflow wired for a local run: the application's task beans against the emulator, and
 * the state machine from the same ASL file SAM deploys, its {@code ${...FunctionArn}} placeholders
 * substituted as SAM's {@code DefinitionSubstitutions} do.
 */
public final class CatalogWorkflow implements AutoCloseable {

  /** The deployed definition, shared with template.yaml. */
  public static final String DEFINITION = "statemachine/catalog-pricing.asl.json";

  private static final Map<String, String> FUNCTIONS =
      Map.of(
          "CheckFeatureFlagFunctionArn", "checkFeatureFlag",
          "LoadCatalogFunctionArn", "loadCatalog",
          "PriceProductFunctionArn", "priceProduct",
          "RejectProductFunctionArn", "rejectProduct",
          "SummarizeFunctionArn", "summarize");

  private final ConfigurableApplicationContext context;
  private final LocalStateMachineRunner runner;

  /**
   * Starts the application against the emulator's table and bucket.
   *
   * @param aws the emulator
   * @param resources the table and bucket to use
   */
  public CatalogWorkflow(AwsEmulator aws, StateDataResources resources) {
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
    this.runner =
        LocalStateMachines.forContext(context)
            .definition(definition(aws))
            .stateMachineName("catalog-pricing")
            .build();
  }

  /**
   * Runs one execution.
   *
   * @param input the execution input, JSON
   * @return the result
   */
  public ExecutionResult run(String input) {
    return runner.run(input);
  }

  private static String definition(AwsEmulator aws) {
    try (InputStream asl = CatalogWorkflow.class.getClassLoader().getResourceAsStream(DEFINITION)) {
      if (asl == null) {
        throw new IllegalStateException("No " + DEFINITION + " on the classpath");
      }
      String definition = new String(asl.readAllBytes(), StandardCharsets.UTF_8);
      for (Map.Entry<String, String> function : FUNCTIONS.entrySet()) {
        definition =
            definition.replace(
                "${" + function.getKey() + "}",
                "arn:aws:lambda:"
                    + aws.region().id()
                    + ":"
                    + aws.accountId()
                    + ":function:"
                    + function.getValue());
      }
      return definition;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
