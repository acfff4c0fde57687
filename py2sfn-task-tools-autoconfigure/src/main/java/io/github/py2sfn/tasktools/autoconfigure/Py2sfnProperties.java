package io.github.py2sfn.tasktools.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** Settings of py2sfn-task-tools, under the prefix {@code py2sfn}. */
@ConfigurationProperties("py2sfn")
public class Py2sfnProperties {

  /** DynamoDB table of this project's state data; local keys are stored there. */
  private @Nullable String tableName;

  /** S3 bucket for items whose JSON is over the offload threshold. */
  private @Nullable String bucket;

  /**
   * How long stored items live before the table's TTL (on expires_at) removes them. 7 days, as in
   * the Python original. Step Functions can redrive a failed execution for 14 days, and the
   * redriven execution keeps its name and so its items' keys: a TTL shorter than the state
   * machine's run time plus 14 days can remove the items a redrive needs (under 14 days, a warning
   * at start-up says so), a longer one keeps every execution's items longer in the table.
   */
  private Duration ttl = Duration.ofDays(7);

  /** Size of an item's UTF-8 JSON above which it is stored in S3 (at most 390000B). */
  private DataSize offloadThreshold = DataSize.ofBytes(390_000);

  /** How many DynamoDB and S3 calls one putAll or getAll (putItems, getItems) runs at once. */
  private int maxConcurrency = 16;

  /** Tables that global state data operations may touch; empty allows any table. */
  private List<String> allowedGlobalTables = new ArrayList<>();

  /** Region of the AWS clients this library builds; defaults to the SDK's region provider chain. */
  private @Nullable String region;

  /**
   * Account of the executions, used to build execution ARNs when the Lambda function ARN is
   * unknown.
   */
  private @Nullable String accountId;

  /** Endpoint of DynamoDB, S3 and Step Functions instead of AWS's, e.g. a local emulator. */
  private @Nullable URI endpoint;

  private final Aws aws = new Aws();

  private final StateData stateData = new StateData();

  private final Stop stop = new Stop();

  private final S3 s3 = new S3();

  public @Nullable String getTableName() {
    return tableName;
  }

  public void setTableName(@Nullable String tableName) {
    this.tableName = tableName;
  }

  public @Nullable String getBucket() {
    return bucket;
  }

  public void setBucket(@Nullable String bucket) {
    this.bucket = bucket;
  }

  public Duration getTtl() {
    return ttl;
  }

  public void setTtl(Duration ttl) {
    this.ttl = ttl;
  }

  public DataSize getOffloadThreshold() {
    return offloadThreshold;
  }

  public void setOffloadThreshold(DataSize offloadThreshold) {
    this.offloadThreshold = offloadThreshold;
  }

  public int getMaxConcurrency() {
    return maxConcurrency;
  }

  public void setMaxConcurrency(int maxConcurrency) {
    this.maxConcurrency = maxConcurrency;
  }

  public List<String> getAllowedGlobalTables() {
    return allowedGlobalTables;
  }

  public void setAllowedGlobalTables(List<String> allowedGlobalTables) {
    this.allowedGlobalTables = allowedGlobalTables;
  }

  public @Nullable String getRegion() {
    return region;
  }

  public void setRegion(@Nullable String region) {
    this.region = region;
  }

  public @Nullable String getAccountId() {
    return accountId;
  }

  public void setAccountId(@Nullable String accountId) {
    this.accountId = accountId;
  }

  public @Nullable URI getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(@Nullable URI endpoint) {
    this.endpoint = endpoint;
  }

  public Aws getAws() {
    return aws;
  }

  public StateData getStateData() {
    return stateData;
  }

  public Stop getStop() {
    return stop;
  }

  public S3 getS3() {
    return s3;
  }

  /**
   * Timeouts of the AWS calls of the clients this library builds, sized for a Lambda task: without
   * them a hung endpoint is given the HTTP client's 30 s socket timeout on each of its attempts.
   */
  public static class Aws {

    /**
     * How long one attempt of an AWS call may take, connecting included (the SDK's
     * apiCallAttemptTimeout). An attempt within the region takes milliseconds on DynamoDB and Step
     * Functions, and an upload of an offloaded item well under a second; 10 seconds leave room for
     * a slow moment and let a hung connection be retried instead of waiting 30 s for it. Raise it
     * for offloaded items of hundreds of megabytes.
     */
    private Duration apiCallAttemptTimeout = Duration.ofSeconds(10);

    /**
     * How long an AWS call may take with all its attempts and backoffs (the SDK's apiCallTimeout).
     * 30 seconds cover DynamoDB's 9 attempts with their backoffs (6.4 s at most), and end a call to
     * a hung endpoint after about three attempts instead of 90 s.
     */
    private Duration apiCallTimeout = Duration.ofSeconds(30);

    /**
     * How long before the Lambda invocation's timeout a TaskHandler's AWS calls of the clients this
     * library builds, and its wait for a stopped execution, end with an
     * InvocationDeadlineExceededException: time left for the task to report the failure, which
     * Lambda's own timeout would cut off.
     */
    private Duration lambdaTimeoutMargin = Duration.ofMillis(500);

    public Duration getApiCallAttemptTimeout() {
      return apiCallAttemptTimeout;
    }

    public void setApiCallAttemptTimeout(Duration apiCallAttemptTimeout) {
      this.apiCallAttemptTimeout = apiCallAttemptTimeout;
    }

    public Duration getApiCallTimeout() {
      return apiCallTimeout;
    }

    public void setApiCallTimeout(Duration apiCallTimeout) {
      this.apiCallTimeout = apiCallTimeout;
    }

    public Duration getLambdaTimeoutMargin() {
      return lambdaTimeoutMargin;
    }

    public void setLambdaTimeoutMargin(Duration lambdaTimeoutMargin) {
      this.lambdaTimeoutMargin = lambdaTimeoutMargin;
    }
  }

  /** State data settings. */
  public static class StateData {

    /** Whether to create the StateDataClient; when on, py2sfn.table-name is required. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** How stopping an execution waits for it to end. */
  public static class Stop {

    /** Whether stopExecution waits until the execution is ABORTED. */
    private boolean waitForAborted = true;

    /**
     * Time between two DescribeExecution calls while waiting; one that Step Functions throttles or
     * fails with a 5xx error is made again at the next.
     */
    private Duration pollInterval = Duration.ofSeconds(2);

    /** How long to wait for ABORTED; the last DescribeExecution is made when it runs out. */
    private Duration timeout = Duration.ofSeconds(120);

    public boolean isWaitForAborted() {
      return waitForAborted;
    }

    public void setWaitForAborted(boolean waitForAborted) {
      this.waitForAborted = waitForAborted;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** Settings of offloaded objects in S3. */
  public static class S3 {

    /** Server-side encryption of offloaded objects: aes256 (S3-managed keys) or aws-kms. */
    private ServerSideEncryption serverSideEncryption = ServerSideEncryption.AES256;

    /** KMS key of offloaded objects; setting it implies aws:kms encryption. */
    private @Nullable String kmsKeyId;

    /** Account expected to own the bucket, sent on every S3 call. */
    private @Nullable String expectedBucketOwner;

    public ServerSideEncryption getServerSideEncryption() {
      return serverSideEncryption;
    }

    public void setServerSideEncryption(ServerSideEncryption serverSideEncryption) {
      this.serverSideEncryption = serverSideEncryption;
    }

    public @Nullable String getKmsKeyId() {
      return kmsKeyId;
    }

    public void setKmsKeyId(@Nullable String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
    }

    public @Nullable String getExpectedBucketOwner() {
      return expectedBucketOwner;
    }

    public void setExpectedBucketOwner(@Nullable String expectedBucketOwner) {
      this.expectedBucketOwner = expectedBucketOwner;
    }
  }
}
