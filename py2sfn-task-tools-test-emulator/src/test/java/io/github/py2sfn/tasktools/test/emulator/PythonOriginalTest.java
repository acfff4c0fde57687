package io.github.py2sfn.tasktools.test.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@AwsEmulatorTest
class PythonOriginalTest {

  @Test
  void runsTheQueuedCallsInOrderAndReturnsTheirResults(
      AwsEmulator aws, StateDataResources resources) {
    PythonOriginal python =
        new PythonOriginal(aws, resources.tableName(), resources.bucketName(), "exec-calls");

    List<JsonNode> results =
        python
            .call("put_item", "key", "order", "data", List.of(1, Double.NaN))
            .call("get_item", "key", "order")
            .run();

    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("partition_key").asString()).isEqualTo("exec-calls:order");
    assertThat(results.get(1)).isEqualTo(PythonOriginal.JSON.valueToTree(List.of(1, Double.NaN)));
    assertThat(python.run()).isEmpty();
  }

  @Test
  void timesEachMeasuredCallOfAJob(AwsEmulator aws, StateDataResources resources) {
    PythonOriginal python =
        new PythonOriginal(aws, resources.tableName(), resources.bucketName(), "exec-timed");

    PythonOriginal.Timing timing =
        python.time(new PythonOriginal.Job("put_item", "k", 1, 512, 2, 3));

    assertThat(timing.seconds()).hasSize(3).allSatisfy(time -> assertThat(time).isPositive());
    assertThat(timing.importSeconds()).isPositive();
    assertThat(aws.storedItem(resources.tableName(), "exec-timed:k", 0)).containsKey("data");
  }
}
