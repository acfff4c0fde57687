/** Cold-start app (a): a bare Spring Cloud Function app with a plain function. */
package io.github.py2sfn.tasktools.benchmarks.coldstart.bare;
