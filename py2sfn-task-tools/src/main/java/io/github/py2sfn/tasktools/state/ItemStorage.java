package io.github.py2sfn.tasktools.state;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.databind.JavaType;

/**
 * The stored format shared with the Python original: DynamoDB attributes {@code partition_key} (S),
 * {@code sort_key} (N), {@code data} (S, the JSON text) or {@code s3_key} (S), and {@code
 * expires_at} (N, epoch seconds); offloaded JSON at {@code
 * workflow_state_data/<table>/<partition_key>/<index>} in the bucket.
 */
final class ItemStorage {

  static final String PARTITION_KEY = "partition_key";
  static final String SORT_KEY = "sort_key";
  static final String DATA = "data";
  static final String S3_KEY = "s3_key";
  static final String EXPIRES_AT = "expires_at";

  private static final int MAX_S3_KEY_BYTES = 1024;

  private final JsonCodec codec;
  private final Supplier<@Nullable S3Client> s3;
  private final @Nullable String bucket;
  private final long offloadThreshold;
  private final @Nullable ServerSideEncryption serverSideEncryption;
  private final @Nullable String kmsKeyId;
  private final @Nullable String expectedBucketOwner;

  ItemStorage(
      JsonCodec codec,
      Supplier<@Nullable S3Client> s3,
      @Nullable String bucket,
      long offloadThreshold,
      @Nullable ServerSideEncryption serverSideEncryption,
      @Nullable String kmsKeyId,
      @Nullable String expectedBucketOwner) {
    this.codec = codec;
    this.s3 = s3;
    this.bucket = bucket;
    this.offloadThreshold = offloadThreshold;
    this.serverSideEncryption = serverSideEncryption;
    this.kmsKeyId = kmsKeyId;
    this.expectedBucketOwner = expectedBucketOwner;
  }

  static Map<String, AttributeValue> key(String partitionKey, int index) {
    return Map.of(
        PARTITION_KEY, AttributeValue.fromS(partitionKey),
        SORT_KEY, AttributeValue.fromN(Integer.toString(index)));
  }

  static int index(Map<String, AttributeValue> item) {
    return Integer.parseInt(item.get(SORT_KEY).n());
  }

  static String s3Key(ItemLocation location) {
    return "workflow_state_data/"
        + location.tableName()
        + "/"
        + location.partitionKey()
        + "/"
        + location.index();
  }

  /**
   * Builds the DynamoDB item for data, first writing the JSON to S3 when it is over the threshold,
   * so that no item ever points to an object that does not exist.
   */
  Map<String, AttributeValue> toItem(
      ItemLocation location, @Nullable Object data, long expiresAt, OperationTally tally) {
    byte[] json = codec.write(data, location);
    tally.bytes(json.length);
    Map<String, AttributeValue> item =
        new HashMap<>(key(location.partitionKey(), location.index()));
    item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
    if (json.length > offloadThreshold) {
      item.put(S3_KEY, AttributeValue.fromS(offload(location, json)));
      tally.offload();
    } else {
      item.put(DATA, AttributeValue.fromS(new String(json, StandardCharsets.UTF_8)));
    }
    return item;
  }

  <T> @Nullable T readData(
      ItemLocation location,
      Map<String, AttributeValue> item,
      JavaType type,
      OperationTally tally) {
    AttributeValue s3Key = item.get(S3_KEY);
    if (s3Key != null && s3Key.s() != null) {
      return readOffloaded(location, s3Key.s(), type, tally);
    }
    AttributeValue data = item.get(DATA);
    if (data == null || data.s() == null) {
      throw new StateDataException(
          "The state data item at "
              + location
              + " has neither a '"
              + DATA
              + "' nor an '"
              + S3_KEY
              + "' string attribute");
    }
    tally.bytes(utf8Length(data.s()));
    return codec.read(data.s(), type, location);
  }

  /** Counts UTF-8 bytes without encoding the string: the JSON may be close to 390,000 bytes. */
  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        // A surrogate pair is one 4-byte code point.
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  static boolean isOffloaded(Map<String, AttributeValue> item) {
    AttributeValue s3Key = item.get(S3_KEY);
    return s3Key != null && s3Key.s() != null;
  }

  private String offload(ItemLocation location, byte[] json) {
    String key = s3Key(location);
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_S3_KEY_BYTES) {
      throw new InvalidStateDataRequestException(
          "The state data item at "
              + location
              + " needs offloading, but its S3 key would exceed S3's "
              + MAX_S3_KEY_BYTES
              + "-byte limit: use a shorter key");
    }
    S3Client client =
        requireS3(
            location,
            "is "
                + json.length
                + " bytes of JSON, over the "
                + offloadThreshold
                + "-byte offload threshold");
    try {
      client.putObject(
          PutObjectRequest.builder()
              .bucket(bucket)
              .key(key)
              .contentType("application/json")
              .serverSideEncryption(
                  kmsKeyId != null ? ServerSideEncryption.AWS_KMS : serverSideEncryption)
              .ssekmsKeyId(kmsKeyId)
              .expectedBucketOwner(expectedBucketOwner)
              .build(),
          RequestBody.fromBytes(json));
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "S3 PutObject of '"
              + key
              + "' to bucket '"
              + bucket
              + "' failed for the state data item at "
              + location,
          failure);
    }
    return key;
  }

  private <T> @Nullable T readOffloaded(
      ItemLocation location, String key, JavaType type, OperationTally tally) {
    S3Client client = requireS3(location, "was offloaded to S3");
    try (ResponseInputStream<GetObjectResponse> json =
        client.getObject(
            request -> request.bucket(bucket).key(key).expectedBucketOwner(expectedBucketOwner))) {
      Long length = json.response().contentLength();
      tally.bytes(length != null ? length : 0);
      tally.offload();
      return codec.read(json, type, location);
    } catch (NoSuchKeyException missing) {
      throw new OffloadedObjectNotFoundException(location, String.valueOf(bucket), key);
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "S3 GetObject of '"
              + key
              + "' from bucket '"
              + bucket
              + "' failed for the state data item at "
              + location,
          failure);
    } catch (java.io.IOException closeFailure) {
      throw new StateDataAccessException(
          "Closing the S3 object '" + key + "' failed for the state data item at " + location,
          closeFailure);
    }
  }

  private S3Client requireS3(ItemLocation location, String why) {
    S3Client client = bucket != null ? s3.get() : null;
    if (client == null) {
      throw new StateDataConfigurationException(
          "The state data item at "
              + location
              + " "
              + why
              + ", but no S3 "
              + (bucket == null ? "bucket" : "client")
              + " is configured (py2sfn.bucket, or StateDataClient.builder()."
              + (bucket == null ? "bucket" : "s3Client")
              + "(...))");
    }
    return client;
  }
}
