package io.github.py2sfn.tasktools.test.emulator;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link AwsEmulator} parameters to the JVM-wide {@link AwsEmulators#shared() shared
 * emulator} and {@link StateDataResources} parameters to a table and bucket created for the current
 * test method (the same pair for every parameter of that test, including its {@code @BeforeEach}
 * methods).
 */
public final class AwsEmulatorExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AwsEmulatorExtension.class);

  /** Creates the extension; JUnit instantiates it through {@link AwsEmulatorTest}. */
  public AwsEmulatorExtension() {}

  /**
   * Starts the shared emulator before the class runs: JUnit reports an exception thrown while
   * resolving a parameter as a failure, so a backend that is unavailable here (LocalStack without
   * Docker) must abort now for the class to be skipped.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    AwsEmulators.shared();
  }

  /** Supports parameters of type {@link AwsEmulator} and {@link StateDataResources}. */
  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == AwsEmulator.class || type == StateDataResources.class;
  }

  /** Returns the shared emulator, or the test's state-data resources (created on first request). */
  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (parameterContext.getParameter().getType() == AwsEmulator.class) {
      return AwsEmulators.shared();
    }
    return extensionContext
        .getStore(NAMESPACE)
        .computeIfAbsent(
            StateDataResources.class,
            key -> AwsEmulators.shared().createStateDataResources(),
            StateDataResources.class);
  }
}
