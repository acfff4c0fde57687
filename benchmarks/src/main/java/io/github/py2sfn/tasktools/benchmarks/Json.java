package io.github.py2sfn.tasktools.benchmarks;

import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper of the harness and of the bare SDK baseline (reads Python's NaN like the
 * library).
 */
final class Json {

  static final JsonMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private Json() {}
}
