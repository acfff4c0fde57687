/**
 * The {@code StateDataClient} on DynamoDB and S3; not API, may change without notice. Each class
 * owns one concern: {@code DefaultStateDataClient} dispatches and observes, {@code RefResolver}
 * checks references, {@code ItemFormat} and {@code JsonCodec} are the stored format, {@code
 * StateTable} makes every DynamoDB call and {@code OffloadStore} every S3 call, {@code ItemStore}
 * writes and reads one item, {@code ListWriter} and {@code ListReader} whole lists.
 */
@NullMarked
package io.github.py2sfn.tasktools.state.internal;

import org.jspecify.annotations.NullMarked;
