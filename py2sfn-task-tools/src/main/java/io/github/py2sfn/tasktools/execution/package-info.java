/**
 * Execution control: stop the running Step Functions execution from inside a task, with an error
 * code and a cause. Entry point: {@link io.github.py2sfn.tasktools.execution.ExecutionStopper}.
 */
@NullMarked
package io.github.py2sfn.tasktools.execution;

import org.jspecify.annotations.NullMarked;
