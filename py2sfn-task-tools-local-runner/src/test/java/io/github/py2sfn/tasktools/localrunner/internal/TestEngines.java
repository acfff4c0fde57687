package io.github.py2sfn.tasktools.localrunner.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Engines for tests that run whole definitions: a fixed clock, skipped waits, and Task functions
 * that return null.
 */
final class TestEngines {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private TestEngines() {}

  /** An engine for {@code definition} whose clock always reads 2024-01-01T00:00:00Z. */
  static Engine create(String definition) {
    return create(definition, Instant.parse("2024-01-01T00:00:00Z"));
  }

  /** An engine for {@code definition} whose clock always reads {@code now}. */
  static Engine create(String definition, Instant now) {
    JsonNode tree = JSON.readTree(definition);
    return new Engine(
        tree,
        new EngineSettings(
            JSON,
            request -> JSON.nullNode(),
            Map.of(),
            true,
            true,
            null,
            null,
            "fixed-clock",
            "us-east-1",
            "123456789012",
            "arn:aws:iam::123456789012:role/fixed-clock",
            Clock.fixed(now, ZoneOffset.UTC),
            null,
            Map.of()));
  }
}
