/**
 * Tools for AWS Step Functions tasks written in Java: state data offload ({@code state}), stopping
 * the running execution ({@code execution}) and the per-invocation task context ({@code task}).
 * Here: the root of the library's exceptions, and the {@link
 * io.github.py2sfn.tasktools.InvocationDeadline} that ends an invocation's AWS calls before
 * Lambda's timeout.
 */
@NullMarked
package io.github.py2sfn.tasktools;

import org.jspecify.annotations.NullMarked;
