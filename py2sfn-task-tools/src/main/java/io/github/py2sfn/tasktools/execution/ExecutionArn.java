package io.github.py2sfn.tasktools.execution;

import java.util.Objects;

/**
 * The ARN of a Step Functions execution: {@code
 * arn:<partition>:states:<region>:<account>:execution:<state machine>:<execution>}.
 *
 * @param partition the AWS partition, usually {@code aws}
 * @param region the region, e.g. {@code eu-west-1}
 * @param accountId the twelve-digit account id
 * @param stateMachineName the state machine's name
 * @param executionName the execution's name
 */
public record ExecutionArn(
    String partition,
    String region,
    String accountId,
    String stateMachineName,
    String executionName) {

  /** Checks that every part is present. */
  public ExecutionArn {
    requirePart(partition, "partition");
    requirePart(region, "region");
    requirePart(accountId, "account id");
    requirePart(stateMachineName, "state machine name");
    requirePart(executionName, "execution name");
  }

  /**
   * Parses an execution ARN, such as the context object's {@code Execution.Id}.
   *
   * @param arn the ARN
   * @return its parts
   * @throws IllegalArgumentException if it is not an execution ARN
   */
  public static ExecutionArn parse(String arn) {
    String[] parts = Objects.requireNonNull(arn, "arn").split(":", 8);
    if (parts.length != 8
        || !"arn".equals(parts[0])
        || !"states".equals(parts[2])
        || !"execution".equals(parts[5])) {
      throw new IllegalArgumentException(
          "'"
              + arn
              + "' is not a Step Functions execution ARN"
              + " (arn:<partition>:states:<region>:<account>:execution:<state machine>:<execution>)");
    }
    return new ExecutionArn(parts[1], parts[3], parts[4], parts[6], parts[7]);
  }

  @Override
  public String toString() {
    return "arn:"
        + partition
        + ":states:"
        + region
        + ":"
        + accountId
        + ":execution:"
        + stateMachineName
        + ":"
        + executionName;
  }

  private static void requirePart(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("An execution ARN needs a " + name);
    }
  }
}
