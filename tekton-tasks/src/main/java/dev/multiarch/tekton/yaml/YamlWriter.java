package dev.multiarch.tekton.yaml;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one YAML writer of the project: minimal quoting, multi-line strings as {@code |} literal
 * blocks, {@code \n} line endings, map keys in a stable order and no line wrapping, so the same
 * objects always give the same bytes. A string that a YAML reader could take for a number, boolean,
 * null or timestamp ({@code 1.0}, {@code 0x1f}, {@code on}, {@code 2024-01-01}) is quoted, so it
 * reads back as the same string.
 */
public final class YamlWriter {

  private static final ObjectMapper MAPPER =
      configure(
          new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .stringQuotingChecker(PlainScalars.INSTANCE)
                  .build()));

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .addMixIn(io.fabric8.kubernetes.api.model.Duration.class, GoDurationText.class)
        .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /**
   * A JSON mapper that writes the same documents this writer does, as JSON: for API clients and
   * tests.
   */
  public static ObjectMapper jsonMapper() {
    return configure(new ObjectMapper());
  }

  private YamlWriter() {}

  /**
   * Writes fabric8 durations as Go text ({@code 2h}), where fabric8's own serializer writes
   * nanoseconds.
   */
  @JsonSerialize(using = GoDurationSerializer.class)
  private abstract static class GoDurationText {}

  private static final class GoDurationSerializer
      extends JsonSerializer<io.fabric8.kubernetes.api.model.Duration> {
    @Override
    public void serialize(
        io.fabric8.kubernetes.api.model.Duration value,
        JsonGenerator out,
        SerializerProvider provider)
        throws IOException {
      out.writeString(GoDuration.format(value.getDuration()));
    }
  }

  /** One YAML document, ending in a newline. */
  public static String toYaml(Object document) {
    try {
      return MAPPER.writeValueAsString(document).replace("\r\n", "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(
          "cannot write " + document.getClass().getSimpleName() + " as YAML", e);
    }
  }

  /** Several documents in one stream, separated by {@code ---} lines, in the order given. */
  public static String toYaml(List<?> documents) {
    StringBuilder out = new StringBuilder();
    for (Object document : documents) {
      if (out.length() > 0) {
        out.append("---\n");
      }
      out.append(toYaml(document));
    }
    return out.toString();
  }
}
