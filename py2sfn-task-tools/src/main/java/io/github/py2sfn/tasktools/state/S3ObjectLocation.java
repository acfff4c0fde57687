package io.github.py2sfn.tasktools.state;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * An S3 object, in the spelling of Step Functions' S3 integrations: {@code {"Bucket": ..., "Key":
 * ...}}. A Distributed Map's {@code ItemReader} takes it as its {@code Parameters} (or JSONata
 * {@code Arguments}), and its {@code ResultWriter} returns the manifest's location in this shape as
 * {@code ResultWriterDetails} (<a
 * href="https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html">ResultWriter
 * (Map)</a>).
 *
 * @param bucket the bucket
 * @param key the object key
 */
@JsonPropertyOrder({"Bucket", "Key"})
public record S3ObjectLocation(
    @JsonProperty("Bucket") String bucket, @JsonProperty("Key") String key) {

  /** Checks that bucket and key are present. */
  public S3ObjectLocation {
    Objects.requireNonNull(bucket, "Bucket");
    Objects.requireNonNull(key, "Key");
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
