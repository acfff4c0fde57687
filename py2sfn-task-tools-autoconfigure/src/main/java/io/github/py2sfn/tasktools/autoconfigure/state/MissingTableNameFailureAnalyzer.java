package io.github.py2sfn.tasktools.autoconfigure.state;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a missing {@code py2sfn.table-name} at start-up and how to fix it. */
class MissingTableNameFailureAnalyzer extends AbstractFailureAnalyzer<MissingTableNameException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, MissingTableNameException cause) {
    return new FailureAnalysis(
        "py2sfn-task-tools stores state data in a DynamoDB table, but no table is configured.",
        """
        Set the table's name, for example in application.yml:

            py2sfn:
              table-name: my-project-state-data   # partition_key (S) + sort_key (N), TTL on expires_at
              bucket: my-project-state-data       # for items over 390,000 bytes of JSON

        or with the environment variable PY2SFN_TABLE_NAME. If your tasks store no state data,
        set py2sfn.state-data.enabled=false instead.""",
        cause);
  }
}
