package io.github.py2sfn.tasktools.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many tasks at once, as concurrent Lambda invocations sharing one warm container would: threads
 * write and read items of many executions through one shared client, under the same keys, with
 * offloaded elements among them. Nothing is lost or mixed up.
 */
@AwsEmulatorTest
class StateDataConcurrencyTest {

  static final int THREADS = 8;
  static final int EXECUTIONS_PER_THREAD = 3;
  static final int ELEMENTS = 30;
  static final int THRESHOLD = 2_000;

  record Line(String execution, int index, String payload) {}

  @Test
  @Timeout(60)
  void concurrentTasksOfManyExecutionsReadBackExactlyWhatEachWrote(
      AwsEmulator aws, StateDataResources resources) throws Exception {
    StateDataClient shared =
        StateDataFixture.builder(aws, resources)
            .offloadThreshold(THRESHOLD)
            .maxConcurrency(4)
            .build();
    ExecutorService tasks = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int thread = 0; thread < THREADS; thread++) {
        int first = thread * EXECUTIONS_PER_THREAD;
        results.add(
            tasks.submit(
                () -> {
                  int checked = 0;
                  for (int e = first; e < first + EXECUTIONS_PER_THREAD; e++) {
                    checked += runExecution(shared.withNamespace("exec-" + e), "exec-" + e);
                  }
                  return checked;
                }));
      }
      int checked = 0;
      for (Future<Integer> result : results) {
        checked += result.get();
      }
      assertThat(checked).isEqualTo(THREADS * EXECUTIONS_PER_THREAD * (ELEMENTS + 2));
    } finally {
      tasks.shutdownNow();
    }
  }

  /** One execution's task: the same keys as every other execution, its own data. */
  private static int runExecution(StateDataClient stateData, String execution) {
    List<Line> lines =
        IntStream.range(0, ELEMENTS)
            .mapToObj(
                i ->
                    new Line(
                        execution,
                        i,
                        i % 10 == 3 ? "y".repeat(THRESHOLD) + execution : execution + "/" + i))
            .toList();
    stateData.putItems("lines", lines);
    stateData.putItem("summary", new Line(execution, -1, "summary of " + execution));
    for (int i = 0; i < ELEMENTS; i += 7) {
      stateData.putItem("lines", lines.get(i), i);
    }

    List<Line> read = stateData.getItems("lines", Line.class);
    assertThat(read).as(execution).containsExactlyElementsOf(lines);
    Line summary = stateData.getItem("summary", Line.class);
    assertThat(summary).isEqualTo(new Line(execution, -1, "summary of " + execution));
    assertThat(stateData.getItem("lines", 13, Line.class)).isEqualTo(lines.get(13));
    return read.size() + 2;
  }
}
