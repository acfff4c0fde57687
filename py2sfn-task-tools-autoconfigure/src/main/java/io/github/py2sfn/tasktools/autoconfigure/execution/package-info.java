/** Auto-configuration of the {@link io.github.py2sfn.tasktools.execution.ExecutionStopper}. */
@NullMarked
package io.github.py2sfn.tasktools.autoconfigure.execution;

import org.jspecify.annotations.NullMarked;
