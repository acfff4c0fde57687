package io.github.py2sfn.tasktools.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.AwsEmulatorTest;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What goes over the wire to S3 for offloaded data: server-side encryption (S3-managed by default,
 * a KMS key when configured) and the expected bucket owner on every call.
 */
@AwsEmulatorTest
class StateDataSecurityTest {

  private AwsEmulator aws;
  private StateDataResources resources;
  private final List<SdkHttpRequest> s3Requests = new CopyOnWriteArrayList<>();
  private final List<String> s3Operations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(AwsEmulator aws, StateDataResources resources) {
    this.aws = aws;
    this.resources = resources;
  }

  private StateDataClient.Builder builder() {
    S3Client recordingS3 =
        aws.configure(S3Client.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .overrideConfiguration(
                o ->
                    o.addExecutionInterceptor(
                        new ExecutionInterceptor() {
                          @Override
                          public void beforeTransmission(
                              Context.BeforeTransmission context, ExecutionAttributes attributes) {
                            s3Requests.add(context.httpRequest());
                            s3Operations.add(
                                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                          }
                        }))
            .build();
    return StateDataFixture.builder(aws, resources).s3Client(recordingS3).offloadThreshold(50);
  }

  @Test
  void offloadedObjectsAreEncryptedWithS3ManagedKeysByDefault() {
    builder().build().putItem("doc", "a".repeat(100));

    assertThat(s3Requests)
        .singleElement()
        .satisfies(
            put -> {
              assertThat(put.firstMatchingHeader("x-amz-server-side-encryption"))
                  .contains("AES256");
              assertThat(put.firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id"))
                  .isEmpty();
            });
  }

  @Test
  void aKmsKeyEncryptsOffloadedObjectsWithThatKey() {
    String keyId = "arn:aws:kms:" + aws.region().id() + ":" + aws.accountId() + ":key/state-data";
    StateDataClient client = builder().kmsKeyId(keyId).build();

    try {
      client.putItem("doc", "a".repeat(100));
    } catch (StateDataAccessException emulatorWithoutThatKey) {
      // Real S3 and some emulators check that the key exists; the request is what matters here.
    }

    assertThat(s3Requests)
        .first()
        .satisfies(
            put -> {
              assertThat(put.firstMatchingHeader("x-amz-server-side-encryption"))
                  .contains("aws:kms");
              assertThat(put.firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id"))
                  .contains(keyId);
            });
  }

  @Test
  void theExpectedBucketOwnerIsSentOnEveryS3Call() {
    StateDataClient client = builder().expectedBucketOwner(aws.accountId()).build();
    List<String> documents = List.of("b".repeat(100), "small", "c".repeat(100));

    client.putItems("docs", documents);
    assertThat(client.getItems("docs", String.class)).containsExactlyElementsOf(documents);
    assertThat(client.getItem("docs", 2, String.class)).isEqualTo(documents.get(2));

    assertThat(s3Operations)
        .containsExactlyInAnyOrder("PutObject", "PutObject", "GetObject", "GetObject", "GetObject");
    assertThat(s3Requests)
        .allSatisfy(
            request ->
                assertThat(request.firstMatchingHeader("x-amz-expected-bucket-owner"))
                    .contains(aws.accountId()));
  }

  @Test
  void offloadedObjectsLiveOnlyUnderTheLibrarysPrefix() {
    builder().build().putItems("docs", List.of("d".repeat(100)));

    assertThat(
            aws.s3Client().listObjectsV2(r -> r.bucket(resources.bucketName())).contents().stream()
                .map(object -> object.key())
                .toList())
        .singleElement()
        .asString()
        // The element's own key, followed by the generation of the putAll that wrote it.
        .startsWith("workflow_state_data/" + resources.tableName() + "/exec-1:docs/0/");
  }
}
