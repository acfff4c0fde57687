package io.github.py2sfn.tasktools.test.emulator;

/**
 * A state-data table and S3 bucket created for one test.
 *
 * @param tableName DynamoDB table with the py2sfn schema (see {@link
 *     AwsEmulator#createStateDataTable()})
 * @param bucketName S3 bucket
 */
public record StateDataResources(String tableName, String bucketName) {}
