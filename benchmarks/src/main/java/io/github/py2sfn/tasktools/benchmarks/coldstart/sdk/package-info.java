/**
 * Cold-start app: the bare app with hand-written AWS SDK code doing the starter task's work, to
 * separate the SDK's own share of the cold start.
 */
package io.github.py2sfn.tasktools.benchmarks.coldstart.sdk;
