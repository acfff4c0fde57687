/**
 * The ASL interpreter behind the local state-machine runner; not API.
 *
 * <p>{@code DefinitionParser} turns a definition into {@code StateDefinition} records (one per
 * state type, grouped in {@code StateGraph}s), or into {@code DefinitionProblem}s. {@link Engine}
 * runs an execution with one {@code RunState} and hands each state, as a {@code StateVisit}, to its
 * step: {@code RoutingSteps}, {@code WaitStep}, {@code TaskStep}, {@code FanOutStep}, wrapped in
 * {@code RetryAndCatch}. Expressions ({@code JsonPathExpression}, {@code PayloadTemplate}, {@code
 * IntrinsicCall} over the {@code IntrinsicFunctions} registry, {@code ChoiceRule}) read what they
 * need from {@code Bindings}. A JSONata state's fields are {@code JsonataTemplate}s (evaluated by
 * {@code com.dashjoin:jsonata} with {@code $states} and the functions Step Functions adds, {@code
 * JsonataFunctions}, bound), and its data flow is {@code JsonataDataFlow}'s, beside {@code
 * JsonPathDataFlow}. Workflow variables live in {@code VariableScope}s (one per execution, Map
 * iteration and Parallel branch): {@code Bindings} and {@code JsonataTemplate.States} carry the
 * scope a state reads, {@code Assignments} evaluates its {@code Assign} fields, and the engine
 * stores the values once the state is done.
 */
@NullMarked
package io.github.py2sfn.tasktools.localrunner.internal;

import org.jspecify.annotations.NullMarked;
