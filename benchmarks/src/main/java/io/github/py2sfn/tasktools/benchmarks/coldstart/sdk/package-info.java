/**
 * Cold-start app: the bare app that also builds an AWS SDK DynamoDB client, to separate the SDK's
 * share.
 */
package io.github.py2sfn.tasktools.benchmarks.coldstart.sdk;
