package io.github.py2sfn.tasktools.localrunner.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A set of states with its start: the state machine's {@code States}, a Parallel branch or a Map's
 * item processor.
 *
 * @param startAt the first state's name, one of {@code states}
 * @param states every state by name, in definition order
 */
record StateGraph(String startAt, Map<String, StateDefinition> states) {

  StateGraph {
    states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
  }

  StateDefinition state(String name) {
    return states.get(name);
  }
}
