package io.github.py2sfn.tasktools.localrunner.internal;

import tools.jackson.databind.JsonNode;

/**
 * The value of a field that takes a path or an intrinsic function call, such as a Fail state's
 * {@code ErrorPath} ({@code $.error} or {@code States.Format('E{}', $.code)}).
 */
sealed interface DynamicValue {

  /** A path on the state's data, the context object or a variable. */
  record Path(JsonPathExpression path) implements DynamicValue {
    @Override
    public JsonNode evaluate(Bindings bindings, String field) {
      return path.read(bindings, field);
    }
  }

  /** An intrinsic function call. */
  record Call(IntrinsicCall call) implements DynamicValue {
    @Override
    public JsonNode evaluate(Bindings bindings, String field) {
      return call.evaluate(bindings, field);
    }
  }

  /**
   * Evaluates the value.
   *
   * @param field the field, for the causes of failures
   */
  JsonNode evaluate(Bindings bindings, String field);
}
