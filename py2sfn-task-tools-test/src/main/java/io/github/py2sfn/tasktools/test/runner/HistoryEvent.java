package io.github.py2sfn.tasktools.test.runner;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a local execution's history. It never holds state data: only names, errors and
 * timings.
 *
 * @param id position in the history, from 1
 * @param type what happened
 * @param timestamp when it happened
 * @param elapsed time since the execution started
 * @param scope where the state runs: empty at top level, {@code Fanout[3]} in iteration 3 of Map
 *     {@code Fanout}, {@code Both[0]} in branch 0 of Parallel {@code Both}, nested with {@code /}
 * @param stateName the state, or null for execution events
 * @param stateType the state's ASL type ({@code Task}, {@code Map}, ...), or null for execution
 *     events
 * @param duration for {@link HistoryEventType#STATE_EXITED} and {@link
 *     HistoryEventType#STATE_FAILED}: time since the state was entered; otherwise null
 * @param detail the function name, error name, retry attempt or wait time, or null
 */
public record HistoryEvent(
    int id,
    HistoryEventType type,
    Instant timestamp,
    Duration elapsed,
    String scope,
    @Nullable String stateName,
    @Nullable String stateType,
    @Nullable Duration duration,
    @Nullable String detail) {}
