/**
 * Callbacks: complete a Task state that waits for a task token ({@code .waitForTaskToken}) with its
 * output or an error, or tell Step Functions that it is still being worked on. Entry point: {@link
 * io.github.py2sfn.tasktools.callback.TaskCallbacks}.
 */
@NullMarked
package io.github.py2sfn.tasktools.callback;

import org.jspecify.annotations.NullMarked;
