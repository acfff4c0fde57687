package io.github.py2sfn.tasktools.test.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.s3.model.S3Object;

@AwsEmulatorTest
class AwsEmulatorExtensionTest {

  private StateDataResources beforeEachResources;

  @BeforeEach
  void captureResources(StateDataResources resources) {
    beforeEachResources = resources;
  }

  @Test
  void defaultBackendIsMotoOnLoopback(AwsEmulator emulator) {
    assertThat(emulator).isSameAs(AwsEmulators.shared());
    assertThat(emulator.backendName()).isEqualTo("moto");
    assertThat(emulator.endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(emulator.endpointOverride()).contains(emulator.endpoint());
    assertThat(emulator.region()).isEqualTo(Region.US_EAST_1);
    assertThat(emulator.accountId()).isEqualTo("123456789012");
    assertThat(emulator.credentialsProvider().resolveCredentials().accessKeyId()).isEqualTo("test");
  }

  @Test
  void stateDataTableHasThePy2sfnSchemaAndTtl(StateDataResources resources, AwsEmulator emulator) {
    DynamoDbClient dynamoDb = emulator.dynamoDbClient();
    TableDescription table =
        dynamoDb.describeTable(request -> request.tableName(resources.tableName())).table();

    assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
    assertThat(table.keySchema())
        .containsExactly(
            KeySchemaElement.builder().attributeName("partition_key").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("sort_key").keyType(KeyType.RANGE).build());
    assertThat(table.attributeDefinitions())
        .containsExactlyInAnyOrder(
            AttributeDefinition.builder()
                .attributeName("partition_key")
                .attributeType(ScalarAttributeType.S)
                .build(),
            AttributeDefinition.builder()
                .attributeName("sort_key")
                .attributeType(ScalarAttributeType.N)
                .build());
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    var ttl =
        dynamoDb
            .describeTimeToLive(request -> request.tableName(resources.tableName()))
            .timeToLiveDescription();
    assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(ttl.attributeName()).isEqualTo("expires_at");
  }

  @Test
  void bucketStoresAndReturnsAnObject(StateDataResources resources, AwsEmulator emulator) {
    emulator
        .s3Client()
        .putObject(
            request -> request.bucket(resources.bucketName()).key("state/1.json"),
            RequestBody.fromString("{\"answer\": 42}"));

    String content =
        emulator
            .s3Client()
            .getObjectAsBytes(request -> request.bucket(resources.bucketName()).key("state/1.json"))
            .asUtf8String();

    assertThat(content).isEqualTo("{\"answer\": 42}");
  }

  @Test
  void eachStateDataResourcesIsANewEmptyTableAndBucket(AwsEmulator emulator) {
    StateDataResources first = emulator.createStateDataResources();
    emulator
        .dynamoDbClient()
        .putItem(
            request ->
                request
                    .tableName(first.tableName())
                    .item(
                        Map.of(
                            "partition_key", AttributeValue.fromS("exec-1:order"),
                            "sort_key", AttributeValue.fromN("0"),
                            "data", AttributeValue.fromS("\"o-1\""))));
    emulator
        .s3Client()
        .putObject(
            request -> request.bucket(first.bucketName()).key("state/1.json"),
            RequestBody.fromString("{\"answer\": 42}"));

    StateDataResources second = emulator.createStateDataResources();

    assertThat(
            emulator
                .dynamoDbClient()
                .scan(request -> request.tableName(second.tableName()))
                .items())
        .isEmpty();
    assertThat(
            emulator
                .s3Client()
                .listObjectsV2(request -> request.bucket(second.bucketName()))
                .contents())
        .isEmpty();
    assertThat(emulator.storedItem(first.tableName(), "exec-1:order", 0)).isNotEmpty();
    assertThat(
            emulator
                .s3Client()
                .listObjectsV2(request -> request.bucket(first.bucketName()))
                .contents())
        .extracting(S3Object::key)
        .containsExactly("state/1.json");
  }

  @Test
  void aTestAndItsBeforeEachShareTheirResources(StateDataResources resources) {
    assertThat(resources).isEqualTo(beforeEachResources);
  }

  @Test
  void configuredBuildersReachTheEmulator(StateDataResources resources, AwsEmulator emulator) {
    try (DynamoDbClient dynamoDb =
        emulator
            .configure(DynamoDbClient.builder())
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      assertThat(dynamoDb.listTables().tableNames()).contains(resources.tableName());
    }
  }

  @Test
  void pythonEnvironmentPointsBoto3AtTheEmulator(StateDataResources resources, AwsEmulator emulator)
      throws IOException, InterruptedException {
    emulator
        .s3Client()
        .putObject(
            request -> request.bucket(resources.bucketName()).key("from-java"),
            RequestBody.fromString("hello from Java"));
    ProcessBuilder python =
        new ProcessBuilder(
                List.of(
                    PythonVirtualEnv.shared().python().toString(),
                    "-c",
                    "import boto3, sys; print(boto3.client('s3').get_object(Bucket=sys.argv[1], Key='from-java')"
                        + "['Body'].read().decode(), end='')",
                    resources.bucketName()))
            .redirectErrorStream(true);
    python.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
    python.environment().putAll(emulator.pythonEnvironment());

    Process process = python.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).isEqualTo("hello from Java");
    assertThat(emulator.pythonEnvironment())
        .containsKeys(
            "AWS_ENDPOINT_URL",
            "DYNAMODB_ENDPOINT_URL",
            "S3_ENDPOINT_URL",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_DEFAULT_REGION");
  }
}
