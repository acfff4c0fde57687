package io.github.py2sfn.tasktools.test.emulator;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The JVM-wide {@link AwsEmulator}, started on first use and stopped when the JVM exits.
 *
 * <p>The backend is the system property {@code py2sfn.test.aws} or the environment variable {@code
 * PY2SFN_TEST_AWS}:
 *
 * <ul>
 *   <li>{@code moto} (default): a moto server from the {@link PythonVirtualEnv}, on a free loopback
 *       port;
 *   <li>{@code localstack}: a LocalStack container via Testcontainers (tests are skipped without
 *       Docker);
 *   <li>{@code endpoint}: the URL in {@code py2sfn.test.aws.endpoint} / {@code
 *       PY2SFN_TEST_AWS_ENDPOINT} (setting it alone selects this backend), region {@code
 *       py2sfn.test.aws.region} / {@code PY2SFN_TEST_AWS_REGION} (default us-east-1), the SDK's
 *       default credentials, or test/test when {@code AWS_ACCESS_KEY_ID} is unset;
 *   <li>{@code aws}: real AWS with the SDK's default region and credentials.
 * </ul>
 */
public final class AwsEmulators {

  /** The credentials emulators accept. */
  static final AwsCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private static final String LOCALSTACK_ACCOUNT_ID = "000000000000";
  private static final String LOCALSTACK_IMAGE = "localstack/localstack:4.9";

  private static @Nullable AwsEmulator shared;
  // Remembered so that every later test fails (or is skipped) at once instead of retrying a slow
  // start.
  private static @Nullable RuntimeException startFailure;

  private AwsEmulators() {}

  /**
   * Returns the JVM-wide emulator of the configured backend, starting it on the first call.
   *
   * @throws TestAbortedException when the backend cannot run here (LocalStack without Docker): the
   *     test is skipped
   * @throws IllegalStateException when the backend fails to start
   */
  public static synchronized AwsEmulator shared() {
    if (shared != null) {
      return shared;
    }
    if (startFailure != null) {
      if (startFailure instanceof TestAbortedException) {
        throw new TestAbortedException(startFailure.getMessage(), startFailure);
      }
      throw new IllegalStateException(
          "The AWS emulator failed to start earlier in this JVM: " + startFailure.getMessage(),
          startFailure);
    }
    try {
      DefaultAwsEmulator emulator = create(selectedBackend());
      Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "py2sfn-aws-emulator-stop"));
      shared = emulator;
      return emulator;
    } catch (RuntimeException e) {
      startFailure = e;
      throw e;
    }
  }

  /**
   * Starts a new, unshared emulator of the given backend; the caller must close it.
   *
   * @throws TestAbortedException when the backend cannot run here
   */
  static DefaultAwsEmulator create(String backend) {
    return switch (backend.trim().toLowerCase(Locale.ROOT)) {
      case "moto" -> MotoServer.start();
      case "localstack" -> localStack();
      case "endpoint" -> endpoint();
      case "aws" -> aws();
      default ->
          throw new IllegalArgumentException(
              "Unknown AWS test backend '"
                  + backend
                  + "' (py2sfn.test.aws / PY2SFN_TEST_AWS): use moto, localstack, endpoint or aws");
    };
  }

  private static String selectedBackend() {
    String backend = setting("py2sfn.test.aws", "PY2SFN_TEST_AWS");
    if (backend != null) {
      return backend;
    }
    return setting("py2sfn.test.aws.endpoint", "PY2SFN_TEST_AWS_ENDPOINT") != null
        ? "endpoint"
        : "moto";
  }

  private static DefaultAwsEmulator localStack() {
    try {
      // Testcontainers is an optional dependency: check before LocalStackBackend needs its classes.
      Class.forName(
          "org.testcontainers.DockerClientFactory", false, AwsEmulators.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return Assumptions.abort(
          "LocalStack backend skipped: add org.testcontainers:testcontainers-localstack "
              + "to the test classpath");
    }
    return LocalStackBackend.start(
        System.getProperty("py2sfn.test.localstack.image", LOCALSTACK_IMAGE),
        LOCALSTACK_ACCOUNT_ID);
  }

  private static DefaultAwsEmulator endpoint() {
    String url = setting("py2sfn.test.aws.endpoint", "PY2SFN_TEST_AWS_ENDPOINT");
    if (url == null) {
      throw new IllegalStateException(
          "The endpoint backend needs the endpoint URL in py2sfn.test.aws.endpoint or PY2SFN_TEST_AWS_ENDPOINT");
    }
    URI endpoint = URI.create(url);
    String region = setting("py2sfn.test.aws.region", "PY2SFN_TEST_AWS_REGION");
    AwsCredentialsProvider credentials =
        System.getenv("AWS_ACCESS_KEY_ID") == null
            ? TEST_CREDENTIALS
            : DefaultCredentialsProvider.builder().build();
    return new DefaultAwsEmulator(
        "endpoint",
        endpoint,
        region == null ? Region.US_EAST_1 : Region.of(region),
        credentials,
        null,
        () -> {
          if (!MotoServer.tryEnableStateMachineExecution(endpoint)) {
            Assumptions.abort(
                "State machine execution cannot be enabled at "
                    + endpoint
                    + ": it is not a moto server");
          }
        },
        () -> {});
  }

  private static DefaultAwsEmulator aws() {
    return new DefaultAwsEmulator(
        "aws",
        null,
        new DefaultAwsRegionProviderChain().getRegion(),
        DefaultCredentialsProvider.builder().build(),
        null,
        () -> {},
        () -> {});
  }

  private static @Nullable String setting(String systemProperty, String environmentVariable) {
    String value = System.getProperty(systemProperty);
    if (value == null || value.isBlank()) {
      value = System.getenv(environmentVariable);
    }
    return value == null || value.isBlank() ? null : value.trim();
  }
}
