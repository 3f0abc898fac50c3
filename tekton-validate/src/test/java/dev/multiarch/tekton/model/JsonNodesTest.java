package dev.multiarch.tekton.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link JsonNodes#list} returns for each shape a list field may have in a read document. */
class JsonNodesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Arguments> list_ofTree() throws Exception {
    JsonNode doc =
        JSON.readTree(
            "{\"tasks\": [\"a\", \"b\"], \"empty\": [], \"name\": \"x\", \"none\": null}");
    return Stream.of(
        Arguments.of("array", doc.get("tasks"), List.of("a", "b")),
        Arguments.of("empty array", doc.get("empty"), List.of()),
        Arguments.of("string", doc.get("name"), List.of()),
        Arguments.of("JSON null", doc.get("none"), List.of()),
        Arguments.of("missing node", doc.path("absent"), List.of()),
        Arguments.of("Java null", doc.get("absent"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void list_ofTree(String shape, JsonNode node, List<String> expected) {
    // When
    List<JsonNode> elements = JsonNodes.list(node);

    // Then
    assertThat(elements).map(JsonNode::asText).containsExactlyElementsOf(expected);
  }

  @Test
  void list_ofNullModelList_isEmpty() {
    // Given
    List<String> absent = null;

    // When / Then
    assertThat(JsonNodes.list(absent)).isEmpty();
  }

  @Test
  void list_ofModelList_isThatList() {
    // Given
    List<String> present = new ArrayList<>(List.of("a"));

    // When / Then
    assertThat(JsonNodes.list(present)).isSameAs(present);
  }
}
