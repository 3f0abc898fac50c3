package dev.multiarch.tekton.validate.internal.structure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Parses YAML test input into Jackson trees, the way the checker receives documents. */
final class Yaml {

  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  private Yaml() {}

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every non-empty document of a multi-document YAML text. */
  static List<JsonNode> parseAll(String text) {
    try {
      return MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll().stream()
          .filter(node -> node != null && !node.isMissingNode() && !node.isNull())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Pipeline named {@code p} whose spec is {@code spec} (indented as at the top level). */
  static JsonNode pipeline(String spec) {
    return parse(
        "apiVersion: tekton.dev/v1\nkind: Pipeline\nmetadata:\n  name: p\nspec:\n"
            + spec.indent(2));
  }

  /** A Task named {@code t} whose spec is {@code spec}. */
  static JsonNode task(String spec) {
    return parse(
        "apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\nspec:\n" + spec.indent(2));
  }

  /** A PipelineRun named {@code r} whose spec is {@code spec}. */
  static JsonNode pipelineRun(String spec) {
    return parse(
        "apiVersion: tekton.dev/v1\nkind: PipelineRun\nmetadata:\n  name: r\nspec:\n"
            + spec.indent(2));
  }

  /** A TaskRun named {@code r} whose spec is {@code spec}. */
  static JsonNode taskRun(String spec) {
    return parse(
        "apiVersion: tekton.dev/v1\nkind: TaskRun\nmetadata:\n  name: r\nspec:\n" + spec.indent(2));
  }
}
