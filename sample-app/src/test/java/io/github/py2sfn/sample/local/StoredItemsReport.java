package io.github.py2sfn.sample.local;

import io.github.py2sfn.tasktools.test.emulator.AwsEmulator;
import io.github.py2sfn.tasktools.test.emulator.StateDataResources;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Where a list's items ended up: inline in DynamoDB or offloaded to S3, with their sizes. */
final class StoredItemsReport {

  private StoredItemsReport() {}

  static void print(
      PrintStream out, AwsEmulator aws, StateDataResources resources, String partitionKey) {
    long inlineCount = 0;
    long inlineBytes = 0;
    long inlineLargest = 0;
    long offloadedCount = 0;
    for (Map<String, AttributeValue> item : aws.storedItems(resources.tableName(), partitionKey)) {
      if (item.containsKey("s3_key")) {
        offloadedCount++;
      } else {
        long bytes = item.get("data").s().getBytes(StandardCharsets.UTF_8).length;
        inlineCount++;
        inlineBytes += bytes;
        inlineLargest = Math.max(inlineLargest, bytes);
      }
    }
    long offloadedBytes = 0;
    long offloadedLargest = 0;
    String prefix = "workflow_state_data/" + resources.tableName() + "/" + partitionKey + "/";
    for (S3Object object :
        aws.s3Client()
            .listObjectsV2Paginator(r -> r.bucket(resources.bucketName()).prefix(prefix))
            .contents()) {
      offloadedBytes += object.size();
      offloadedLargest = Math.max(offloadedLargest, object.size());
    }
    out.printf("%nStored state data under partition key %s:%n", partitionKey);
    out.print(line("in DynamoDB (data)", inlineCount, inlineBytes, inlineLargest));
    out.print(line("in S3 (s3_key)", offloadedCount, offloadedBytes, offloadedLargest));
  }

  private static String line(String where, long count, long bytes, long largest) {
    return String.format(
        Locale.ROOT,
        "    %-20s %6d items, %,13d bytes in all, largest %,11d bytes%n",
        where,
        count,
        bytes,
        largest);
  }
}
