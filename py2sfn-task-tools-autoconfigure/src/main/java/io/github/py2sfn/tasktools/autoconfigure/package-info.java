/**
 * Spring Boot auto-configuration of py2sfn-task-tools: properties under {@code py2sfn}, the AWS
 * clients ({@code aws}), state data ({@code state}), execution control ({@code execution}) and task
 * context injection ({@code task}).
 */
@NullMarked
package io.github.py2sfn.tasktools.autoconfigure;

import org.jspecify.annotations.NullMarked;
