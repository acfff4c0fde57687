/**
 * The task context: what a task needs to know and do about the execution it runs in, resolved from
 * the event Step Functions sends. Write tasks as {@link
 * io.github.py2sfn.tasktools.task.TaskHandler} beans to receive a {@link
 * io.github.py2sfn.tasktools.task.TaskContext} next to their input.
 */
@NullMarked
package io.github.py2sfn.tasktools.task;

import org.jspecify.annotations.NullMarked;
