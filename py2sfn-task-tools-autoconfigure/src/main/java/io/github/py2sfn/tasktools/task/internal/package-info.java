/**
 * How {@link io.github.py2sfn.tasktools.task.TaskHandler} beans run as Spring Cloud Functions; not
 * API.
 */
@NullMarked
package io.github.py2sfn.tasktools.task.internal;

import org.jspecify.annotations.NullMarked;
