/**
 * Cold-start app (b): the same app with the starter and a task using TaskContext and state data.
 */
package io.github.py2sfn.tasktools.benchmarks.coldstart.starter;
