package io.github.py2sfn.tasktools.test.runner.internal;

import tools.jackson.databind.JsonNode;

/**
 * What an expression reads when it is evaluated: the JSON it applies to ({@code $}) and the context
 * object ({@code $$}). Paths, payload templates, intrinsic functions and Choice rules all take one,
 * so that workflow variables become one more binding rather than another parameter everywhere.
 *
 * @param input the document {@code $} names: a state's input, effective input or result
 * @param context the context object {@code $$} names
 */
record Bindings(JsonNode input, JsonNode context) {}
