/**
 * Tools for AWS Step Functions tasks written in Java: state data offload ({@code state}), stopping
 * the running execution ({@code execution}) and the per-invocation task context ({@code task}).
 */
@NullMarked
package io.github.py2sfn.tasktools;

import org.jspecify.annotations.NullMarked;
