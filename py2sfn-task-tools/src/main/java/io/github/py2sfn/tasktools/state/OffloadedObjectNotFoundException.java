package io.github.py2sfn.tasktools.state;

/**
 * Thrown when an item points to an S3 object (its {@code s3_key}) that does not exist, for example
 * because a bucket lifecycle rule removed it before the table's TTL removed the item.
 */
public class OffloadedObjectNotFoundException extends StateDataException {

  private static final long serialVersionUID = 1L;

  private final ItemRef.Global location;
  private final String bucket;
  private final String s3Key;

  /**
   * Creates the exception.
   *
   * @param location the item that points to the missing object
   * @param bucket the bucket that was read
   * @param s3Key the object key the item names
   */
  public OffloadedObjectNotFoundException(ItemRef.Global location, String bucket, String s3Key) {
    super(
        "The state data item at "
            + location
            + " was offloaded to S3, but object '"
            + s3Key
            + "' is missing from bucket '"
            + bucket
            + "'");
    this.location = location;
    this.bucket = bucket;
    this.s3Key = s3Key;
  }

  /**
   * Returns the item that points to the missing object.
   *
   * @return the item's location
   */
  public ItemRef.Global location() {
    return location;
  }

  /**
   * Returns the bucket that was read.
   *
   * @return the bucket name
   */
  public String bucket() {
    return bucket;
  }

  /**
   * Returns the object key the item names.
   *
   * @return the S3 object key
   */
  public String s3Key() {
    return s3Key;
  }
}
