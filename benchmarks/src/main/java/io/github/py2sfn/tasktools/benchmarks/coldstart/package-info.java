/** The cold-start launcher and its Lambda context: what runs in each fresh JVM. */
package io.github.py2sfn.tasktools.benchmarks.coldstart;
