package io.github.py2sfn.tasktools.autoconfigure.state;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.py2sfn.tasktools.LogCapture;
import io.github.py2sfn.tasktools.autoconfigure.aws.AwsClientsAutoConfiguration;
import io.github.py2sfn.tasktools.state.StateDataClient;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A TTL shorter than the 14 days for which Step Functions can redrive an execution is warned about
 * once at start-up, in a line that names the property and carries no data.
 */
class StateDataTtlWarningTest {

  static final String LOGGER = StateDataAutoConfiguration.class.getName();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  AwsClientsAutoConfiguration.class, StateDataAutoConfiguration.class))
          .withPropertyValues(
              "py2sfn.region=eu-west-1",
              "py2sfn.table-name=state-table",
              "py2sfn.bucket=state-bucket");

  private List<ILoggingEvent> startUpWarnings(String... properties) {
    try (LogCapture logs = new LogCapture(Level.INFO, LOGGER)) {
      runner
          .withPropertyValues(properties)
          .run(
              context -> {
                assertThat(context).hasSingleBean(StateDataClient.class);
                // Using the client logs nothing more.
                context.getBean(StateDataClient.class).withNamespace("exec-1");
              });
      return logs.events().stream()
          .filter(event -> event.getLoggerName().equals(LOGGER))
          .filter(event -> event.getLevel() == Level.WARN)
          .toList();
    }
  }

  @Test
  void theDefaultSevenDaysAreWarnedAboutOnce() {
    assertThat(startUpWarnings())
        .singleElement()
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEqualTo(
            "py2sfn.ttl is 7d, shorter than the 14 days for which Step Functions can redrive a"
                + " failed execution: the items of an execution redriven after they expired are"
                + " gone, and its tasks fail to read them. If executions may be redriven, set"
                + " py2sfn.ttl to at least the state machine's longest run time plus 14 days.");
  }

  @Test
  void aTtlThatIsNotWholeDaysIsShownAsWritten() {
    assertThat(startUpWarnings("py2sfn.ttl=36h"))
        .singleElement()
        .extracting(ILoggingEvent::getFormattedMessage)
        .asString()
        .startsWith("py2sfn.ttl is PT36H, shorter than the 14 days");
  }

  @Test
  void fourteenDaysOrMoreAreNotWarnedAbout() {
    assertThat(startUpWarnings("py2sfn.ttl=14d")).isEmpty();
    assertThat(startUpWarnings("py2sfn.ttl=30d")).isEmpty();
  }

  @Test
  void withoutStateDataThereIsNoTtlToWarnAbout() {
    try (LogCapture logs = new LogCapture(Level.INFO, LOGGER)) {
      runner
          .withPropertyValues("py2sfn.state-data.enabled=false")
          .run(context -> assertThat(context).doesNotHaveBean(StateDataClient.class));

      assertThat(logs.events()).noneMatch(event -> event.getLoggerName().equals(LOGGER));
    }
  }
}
