/** Auto-configuration of task context injection into Spring Cloud Function tasks. */
@NullMarked
package io.github.py2sfn.tasktools.autoconfigure.task;

import org.jspecify.annotations.NullMarked;
