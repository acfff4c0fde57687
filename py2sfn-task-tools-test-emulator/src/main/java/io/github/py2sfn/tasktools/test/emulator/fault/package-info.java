/**
 * Fault injection in front of the emulator: AWS error responses for chosen SDK operations, and a
 * loopback proxy that adds latency and resets or stalls connections.
 */
@NullMarked
package io.github.py2sfn.tasktools.test.emulator.fault;

import org.jspecify.annotations.NullMarked;
