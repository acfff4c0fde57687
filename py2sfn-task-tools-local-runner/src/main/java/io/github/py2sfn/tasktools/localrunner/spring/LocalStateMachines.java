package io.github.py2sfn.tasktools.localrunner.spring;

import io.github.py2sfn.tasktools.localrunner.LocalStateMachineRunner;
import io.github.py2sfn.tasktools.localrunner.SfnExecutionMirror;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.json.JacksonMapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.ApplicationContext;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Entry point for running a state machine against a Spring application's function beans, in a
 * {@code @SpringBootTest} or a {@code main} method.
 *
 * <pre>{@code
 * @SpringBootTest
 * class OrderWorkflowTest {
 *     @Autowired ApplicationContext context;
 *
 *     @Test
 *     void ordersAreShipped() {
 *         ExecutionResult result = LocalStateMachines.forContext(context)
 *                 .definitionResource("statemachine/order.asl.json")
 *                 .build()
 *                 .run("{\"orderId\": 42}");
 *         assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
 *     }
 * }
 * }</pre>
 */
public final class LocalStateMachines {

  private static final String DEFAULT_ACCOUNT = "123456789012";

  private LocalStateMachines() {}

  /**
   * A runner builder whose Task states invoke the context's {@link FunctionCatalog} functions
   * through the AWS adapter's conversion path, and which mirrors executions through the context's
   * {@link SfnClient} bean when there is exactly one (so {@code StopExecution} from a task stops
   * the run), and whose Distributed Map {@code ItemReader} reads through the context's {@link
   * S3Client} bean when there is exactly one.
   *
   * @param context the application context holding the task beans
   * @return a builder still needing a definition
   */
  public static LocalStateMachineRunner.Builder forContext(ApplicationContext context) {
    FunctionCatalog catalog = context.getBean(FunctionCatalog.class);
    JsonMapper jsonMapper =
        context
            .getBeanProvider(JsonMapper.class)
            .getIfAvailable(() -> new JacksonMapper(new tools.jackson.databind.ObjectMapper()));
    SfnClient sfn = context.getBeanProvider(SfnClient.class).getIfUnique();
    String region =
        sfn == null ? Region.US_EAST_1.id() : sfn.serviceClientConfiguration().region().id();
    LocalStateMachineRunner.Builder builder =
        forCatalog(catalog, jsonMapper, region, DEFAULT_ACCOUNT);
    if (sfn != null) {
      builder.mirror(SfnExecutionMirror.create(sfn));
    }
    S3Client s3 = context.getBeanProvider(S3Client.class).getIfUnique();
    if (s3 != null) {
      builder.s3Client(s3);
    }
    return builder;
  }

  /**
   * A runner builder whose Task states invoke functions of a catalog, without mirroring.
   *
   * @param catalog the function catalog
   * @param jsonMapper the Spring Cloud Function JSON mapper the adapter converts with
   * @param region the region of the ARNs (Lambda context, unmirrored executions)
   * @param accountId the account of the ARNs
   * @return a builder still needing a definition
   */
  public static LocalStateMachineRunner.Builder forCatalog(
      FunctionCatalog catalog, JsonMapper jsonMapper, String region, String accountId) {
    tools.jackson.databind.ObjectMapper engineMapper =
        tools.jackson.databind.json.JsonMapper.builder().build();
    return LocalStateMachineRunner.builder()
        .jsonMapper(engineMapper)
        .arnScope(region, accountId)
        .taskInvoker(
            new FunctionCatalogTaskInvoker(catalog, jsonMapper, engineMapper, region, accountId));
  }
}
