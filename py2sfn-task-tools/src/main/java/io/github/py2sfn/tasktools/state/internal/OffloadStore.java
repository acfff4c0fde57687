package io.github.py2sfn.tasktools.state.internal;

import io.github.py2sfn.tasktools.state.ItemRef;
import io.github.py2sfn.tasktools.state.OffloadedObjectNotFoundException;
import io.github.py2sfn.tasktools.state.S3ObjectLocation;
import io.github.py2sfn.tasktools.state.StateDataAccessException;
import io.github.py2sfn.tasktools.state.StateDataConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import tools.jackson.databind.JavaType;

/**
 * Every S3 call: writes the JSON of items over the offload threshold and the JSON Lines objects of
 * lists for Distributed Maps to the bucket, encrypted and with the expected bucket owner, reads
 * offloaded JSON back, and reads a Distributed Map's result files from their bucket. The S3 client
 * is taken on first use, so a task that never offloads never builds one.
 */
final class OffloadStore {

  private final Supplier<@Nullable S3Client> s3;
  private final @Nullable String bucket;
  private final JsonCodec codec;
  private final ServerSideEncryption serverSideEncryption;
  private final @Nullable String kmsKeyId;
  private final @Nullable String expectedBucketOwner;

  OffloadStore(
      Supplier<@Nullable S3Client> s3,
      @Nullable String bucket,
      JsonCodec codec,
      ServerSideEncryption serverSideEncryption,
      @Nullable String kmsKeyId,
      @Nullable String expectedBucketOwner) {
    this.s3 = s3;
    this.bucket = bucket;
    this.codec = codec;
    this.serverSideEncryption =
        kmsKeyId != null ? ServerSideEncryption.AWS_KMS : serverSideEncryption;
    this.kmsKeyId = kmsKeyId;
    this.expectedBucketOwner = expectedBucketOwner;
  }

  /**
   * Writes an item's JSON to its S3 key.
   *
   * @param why why it is offloaded, for the message when no bucket or client is configured
   * @param generation the generation of the {@code putAll} writing it, {@code null} for {@code
   *     put}: see {@link ItemFormat#s3Key}
   * @return the S3 key
   */
  String put(ItemRef.Global location, byte[] json, String why, @Nullable String generation) {
    String key = ItemFormat.s3KeyFitting(location, generation);
    S3Client client = requireS3("The state data item at " + location, why);
    try {
      client.putObject(
          PutObjectRequest.builder()
              .bucket(bucket)
              .key(key)
              .contentType("application/json")
              .serverSideEncryption(serverSideEncryption)
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

  /** Reads an offloaded item's JSON as the type, streaming it into the JSON parser. */
  <T> @Nullable T read(ItemRef.Global location, String key, JavaType type, OperationTally tally) {
    S3Client client = requireS3("The state data item at " + location, "was offloaded to S3");
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
    } catch (IOException closeFailure) {
      throw new StateDataAccessException(
          "Closing the S3 object '" + key + "' failed for the state data item at " + location,
          closeFailure);
    }
  }

  /**
   * Returns where the JSON Lines object of a list for a Distributed Map goes, checking before any
   * AWS call that a bucket and a client are configured.
   */
  S3ObjectLocation itemReaderLocation(ListLocation list, String key) {
    requireS3("The list at " + list, "is for a Distributed Map, whose items go to S3");
    return new S3ObjectLocation(String.valueOf(bucket), key);
  }

  /** Uploads the JSON Lines object of a list for a Distributed Map, streaming its lines. */
  void putItemReader(ListLocation list, S3ObjectLocation object, ItemReaderFormat lines) {
    S3Client client = requireS3("The list at " + list, "is for a Distributed Map");
    try {
      client.putObject(
          PutObjectRequest.builder()
              .bucket(object.bucket())
              .key(object.key())
              .contentType("application/jsonl")
              .serverSideEncryption(serverSideEncryption)
              .ssekmsKeyId(kmsKeyId)
              .expectedBucketOwner(expectedBucketOwner)
              .build(),
          RequestBody.fromContentProvider(lines::newStream, lines.length(), "application/jsonl"));
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "S3 PutObject of '"
              + object.key()
              + "' to bucket '"
              + object.bucket()
              + "' failed for the Distributed Map items of the list at "
              + list
              + "; its elements were written",
          failure);
    }
  }

  /**
   * Reads an object of any bucket (a Distributed Map's result files), streaming it into the parser.
   *
   * @param what what the object is, for messages
   */
  <R> R read(S3ObjectLocation object, String what, Function<InputStream, R> parser) {
    S3Client client = s3.get();
    if (client == null) {
      throw new StateDataConfigurationException(
          "Reading "
              + what
              + " needs an S3 client, but none is configured (StateDataClient.builder().s3Client(...))");
    }
    try (ResponseInputStream<GetObjectResponse> body =
        client.getObject(request -> request.bucket(object.bucket()).key(object.key()))) {
      return parser.apply(body);
    } catch (SdkException failure) {
      throw new StateDataAccessException(
          "S3 GetObject of '"
              + object.key()
              + "' from bucket '"
              + object.bucket()
              + "' failed reading "
              + what,
          failure);
    } catch (IOException closeFailure) {
      throw new StateDataAccessException(
          "Closing the S3 object '" + object.key() + "' failed reading " + what, closeFailure);
    }
  }

  private S3Client requireS3(String subject, String why) {
    S3Client client = bucket != null ? s3.get() : null;
    if (client == null) {
      throw new StateDataConfigurationException(
          subject
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
