/**
 * JUnit test harness giving tests real DynamoDB, S3 and Step Functions APIs (moto, LocalStack, any
 * endpoint or AWS).
 */
@NullMarked
package io.github.py2sfn.tasktools.test.emulator;

import org.jspecify.annotations.NullMarked;
