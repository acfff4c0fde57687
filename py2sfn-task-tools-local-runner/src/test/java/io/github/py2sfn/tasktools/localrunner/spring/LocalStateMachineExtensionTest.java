package io.github.py2sfn.tasktools.localrunner.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.localrunner.ExecutionResult;
import io.github.py2sfn.tasktools.localrunner.ExecutionStatus;
import io.github.py2sfn.tasktools.localrunner.LocalStateMachineRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

/** A workflow test in a few lines, through the JUnit entry point. */
@Tag("aws-emulator")
@Tag("spring-context")
@SpringBootTest(
    classes = WorkflowTasksApplication.class,
    properties = "spring.main.web-application-type=none")
@ExtendWith(LocalStateMachineExtension.class)
class LocalStateMachineExtensionTest {

  @Test
  void runsTheAnnotatedDefinitionAgainstTheContextsBeans(
      @StateMachineDefinition("workflows/fanout.asl.json") LocalStateMachineRunner fanout) {
    ExecutionResult result = fanout.run("{\"numbers\": [2, 3]}");

    assertThat(result.status()).as(result.historyTable()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().toString()).isEqualTo("[4,9]");
  }

  @Test
  void givesABuilderToConfigureFurther(LocalStateMachineRunner.Builder builder) {
    ExecutionResult result =
        builder
            .definitionResource("workflows/catch-and-stop.asl.json")
            .build()
            .run("{\"amount\": -1}");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output().get("rejected").asBoolean()).isTrue();
  }
}
