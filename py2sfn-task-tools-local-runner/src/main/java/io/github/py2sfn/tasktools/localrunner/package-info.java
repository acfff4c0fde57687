/**
 * Runs AWS Step Functions state machine definitions locally on the JVM, with Task states calling
 * functions in-process.
 */
@NullMarked
package io.github.py2sfn.tasktools.localrunner;

import org.jspecify.annotations.NullMarked;
