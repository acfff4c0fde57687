package io.github.py2sfn.tasktools.localrunner.internal;

import io.github.py2sfn.tasktools.localrunner.ExecutionMirror;
import io.github.py2sfn.tasktools.localrunner.TaskInvoker;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.ObjectMapper;

/**
 * Everything the engine needs besides the definition; built by the public runner's builder.
 *
 * @param mapper the JSON mapper for parsing and for intrinsic functions
 * @param invoker runs Task functions
 * @param resourceOverrides Task resource or function name to function name
 * @param skipWaits record Wait states and Retry intervals without sleeping
 * @param enforcePayloadQuota fail payloads over 256 KiB as AWS does ({@code
 *     States.DataLimitExceeded}, and an execution input the runner rejects)
 * @param executor runs Map iterations and Parallel branches, or null for a per-execution pool
 * @param mirror mirrors executions in a Step Functions API, or null
 * @param stateMachineName the state machine name
 * @param region the region in local ARNs (when not mirrored)
 * @param accountId the account in local ARNs (when not mirrored)
 * @param roleArn {@code $$.Execution.RoleArn}
 * @param clock the clock for timestamps and Wait states
 * @param s3Client the client a Distributed Map's ItemReader reads and its ResultWriter writes
 *     Amazon S3 with, or null
 * @param stateMachines the state machines a {@code states:startExecution} task may start, by the
 *     {@code StateMachineArn} (or name) it names them with
 */
public record EngineSettings(
    ObjectMapper mapper,
    TaskInvoker invoker,
    Map<String, String> resourceOverrides,
    boolean skipWaits,
    boolean enforcePayloadQuota,
    @Nullable ExecutorService executor,
    @Nullable ExecutionMirror mirror,
    String stateMachineName,
    String region,
    String accountId,
    String roleArn,
    Clock clock,
    @Nullable S3Client s3Client,
    Map<String, Engine> stateMachines) {

  /** Copies the map of state machines. */
  public EngineSettings {
    stateMachines = Map.copyOf(stateMachines);
  }

  /**
   * A Step Functions ARN in this region and account: {@code
   * arn:aws:states:<region>:<account>:<type>:<resource>}.
   *
   * @param type the resource type, such as {@code stateMachine}, {@code execution} or {@code
   *     mapRun}
   * @param resource what follows the type
   * @return the ARN
   */
  public String arn(String type, String resource) {
    return "arn:aws:states:" + region + ":" + accountId + ":" + type + ":" + resource;
  }
}
