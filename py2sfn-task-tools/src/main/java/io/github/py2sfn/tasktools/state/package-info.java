/**
 * State data offload: store task data in a DynamoDB table (large items in S3), pass a small pointer
 * through the state machine, and load it back in a later task. The stored format is the one of the
 * Python library py2sfn-task-tools, so Python and Java tasks read each other's items.
 *
 * <p>Entry point: {@link io.github.py2sfn.tasktools.state.StateDataClient}.
 */
@NullMarked
package io.github.py2sfn.tasktools.state;

import org.jspecify.annotations.NullMarked;
