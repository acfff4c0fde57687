package io.github.py2sfn.tasktools.localrunner.internal;

import tools.jackson.databind.JsonNode;

/**
 * What an expression reads when it is evaluated: the JSON it applies to ({@code $}), the context
 * object ({@code $$}) and the workflow variables ({@code $name}). Paths, payload templates,
 * intrinsic functions and Choice rules all take one.
 *
 * @param input the document {@code $} names: a state's input, effective input or result
 * @param context the context object {@code $$} names
 * @param variables the variables {@code $name} reads: the values from before the state
 */
record Bindings(JsonNode input, JsonNode context, VariableScope variables) {}
