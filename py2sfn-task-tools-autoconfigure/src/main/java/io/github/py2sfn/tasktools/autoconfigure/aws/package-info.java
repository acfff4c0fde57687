/**
 * The AWS clients py2sfn-task-tools uses, built unless the application defines its own, and the
 * customizers that tune them.
 */
@NullMarked
package io.github.py2sfn.tasktools.autoconfigure.aws;

import org.jspecify.annotations.NullMarked;
