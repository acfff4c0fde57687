/** The cold-start launcher and the client-build profile: what runs in each fresh JVM. */
package io.github.py2sfn.tasktools.benchmarks.coldstart;
