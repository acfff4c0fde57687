/** Auto-configuration of the {@link io.github.py2sfn.tasktools.callback.TaskCallbacks}. */
@NullMarked
package io.github.py2sfn.tasktools.autoconfigure.callback;

import org.jspecify.annotations.NullMarked;
