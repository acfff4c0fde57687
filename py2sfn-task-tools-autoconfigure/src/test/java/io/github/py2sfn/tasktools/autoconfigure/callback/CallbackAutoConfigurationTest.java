package io.github.py2sfn.tasktools.autoconfigure.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.autoconfigure.aws.AwsClientsAutoConfiguration;
import io.github.py2sfn.tasktools.autoconfigure.state.StateDataAutoConfiguration;
import io.github.py2sfn.tasktools.callback.SfnTaskCallbacks;
import io.github.py2sfn.tasktools.callback.TaskCallbacks;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The {@link TaskCallbacks} bean's branches, without any AWS call. */
class CallbackAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  AwsClientsAutoConfiguration.class,
                  StateDataAutoConfiguration.class,
                  CallbackAutoConfiguration.class))
          .withPropertyValues("py2sfn.region=eu-west-1", "py2sfn.table-name=state-table");

  @Nested
  class Defaults {

    @Test
    void createsTheStepFunctionsCallbacks() {
      runner.run(
          context -> {
            assertThat(context).hasSingleBean(TaskCallbacks.class);
            assertThat(context.getBean(TaskCallbacks.class)).isInstanceOf(SfnTaskCallbacks.class);
          });
    }

    @Test
    void theStepFunctionsClientIsBuiltOnlyWhenACallbackIsSent() {
      runner.run(
          context -> {
            // Cold start: a bean that may send callbacks is created at start-up, the client not.
            context.getBean(TaskCallbacks.class);

            assertThat(context.getBeanFactory().containsSingleton("taskCallbacks")).isTrue();
            assertThat(context.getBeanFactory().containsSingleton("sfnClient")).isFalse();
          });
    }

    @Test
    void withStateDataDisabledTheCallbacksStillExist() {
      runner
          .withPropertyValues("py2sfn.state-data.enabled=false")
          .run(context -> assertThat(context).hasSingleBean(TaskCallbacks.class));
    }
  }

  @Nested
  class UserBeans {

    @Test
    void aUserTaskCallbacksReplacesOurs() {
      TaskCallbacks own = new Recording();

      runner
          .withBean(TaskCallbacks.class, () -> own)
          .run(
              context -> {
                assertThat(context).hasSingleBean(TaskCallbacks.class);
                assertThat(context.getBean(TaskCallbacks.class)).isSameAs(own);
              });
    }
  }

  @Nested
  class MissingClasses {

    @Test
    void withoutTheStepFunctionsSdkThereAreNoCallbacks() {
      runner
          .withClassLoader(new FilteredClassLoader(SfnClient.class))
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(TaskCallbacks.class);
              });
    }

    @Test
    void withoutTheLibrarysCallbacksThereAreNone() {
      runner
          .withClassLoader(new FilteredClassLoader(SfnTaskCallbacks.class))
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(TaskCallbacks.class);
              });
    }
  }

  /** A user's own callbacks: any implementation. */
  static final class Recording implements TaskCallbacks {
    @Override
    public void succeed(String taskToken, @Nullable Object output) {}

    @Override
    public void fail(String taskToken, @Nullable String error, @Nullable String cause) {}

    @Override
    public void heartbeat(String taskToken) {}
  }
}
