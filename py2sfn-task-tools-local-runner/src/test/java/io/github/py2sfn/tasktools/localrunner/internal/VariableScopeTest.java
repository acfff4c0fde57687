package io.github.py2sfn.tasktools.localrunner.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.JsonNodeFactory;

class VariableScopeTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @Test
  void aChildReadsItsParentAndKeepsItsOwnAssignments() {
    VariableScope root = VariableScope.root();
    root.assign(Map.of("outer", IntNode.valueOf(1)));
    VariableScope child = root.child();
    child.assign(Map.of("inner", IntNode.valueOf(2)));

    assertThat(child.lookup("outer")).contains(IntNode.valueOf(1));
    assertThat(child.visible()).containsOnlyKeys("outer", "inner");
    assertThat(root.lookup("inner")).isEmpty();
  }

  @Test
  void aPathStartingWithANameReadsThatVariable() throws Exception {
    VariableScope scope = VariableScope.root();
    scope.assign(Map.of("order", JSON.readTree("{\"items\": [\"a\", \"b\"]}")));
    Bindings bindings = new Bindings(JSON.readTree("{\"x\": 1}"), JSON.createObjectNode(), scope);

    assertThat(compile("$order.items[1]").read(bindings, "InputPath").asString()).isEqualTo("b");
    assertThat(compile("$order.items[1]").variable()).isEqualTo("order");
    assertThat(compile("$.x").read(bindings, "InputPath").asInt()).isEqualTo(1);
    assertThat(compile("$.x").variable()).isNull();
    assertThatThrownBy(() -> compile("$missing").read(bindings, "InputPath"))
        .isInstanceOfSatisfying(
            StateFailure.class, e -> assertThat(e.error()).isEqualTo("States.Runtime"));
  }

  @Test
  void namesFollowTheGuidesSyntax() {
    assertThat(VariableNames.problem("productName")).isNull();
    assertThat(VariableNames.problem("größe2")).isNull();
    assertThat(VariableNames.problem("x_1")).isNull();
    assertThat(VariableNames.problem("states")).isNotNull();
    assertThat(VariableNames.problem("_x")).isNotNull();
    assertThat(VariableNames.problem("2x")).isNotNull();
    assertThat(VariableNames.problem("a.b")).isNotNull();
    assertThat(VariableNames.problem("v".repeat(80))).isNull();
    assertThat(VariableNames.problem("v".repeat(81))).isNotNull();
  }

  @Test
  void theExecutionStoresAtMost10MiBAcrossItsScopes() {
    VariableScope root = VariableScope.root();
    // 40 values of 250 KiB (less the quotes) fit in 10 MiB; a 41st does not.
    JsonNode chunk = JsonNodeFactory.instance.stringNode("y".repeat(250 * 1024 - 2));
    for (int i = 0; i < 40; i++) {
      root.assign(Map.of("v" + i, chunk));
    }
    // Replacing a value does not add to the total.
    root.assign(Map.of("v0", chunk));
    VariableScope child = root.child();
    assertThatThrownBy(() -> child.assign(Map.of("w", chunk)))
        .isInstanceOfSatisfying(
            StateFailure.class, e -> assertThat(e.error()).isEqualTo("States.DataLimitExceeded"));
    assertThat(child.lookup("w")).isEmpty();
    // A closed iteration's variables no longer count.
    root.assign(Map.of("v0", JsonNodeFactory.instance.stringNode("")));
    VariableScope iteration = root.child();
    iteration.assign(Map.of("w", chunk));
    iteration.close();
    root.assign(Map.of("v40", chunk));
  }

  private static JsonPathExpression compile(String path) {
    return JsonPathExpression.compile(path, JacksonJsonProvider.configuration(JSON));
  }
}
