package dev.multiarch.tekton.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.TektonValidator;
import dev.multiarch.tekton.ValidationReport;
import dev.multiarch.tekton.YamlInputException;
import dev.multiarch.tekton.internal.input.BoundedInput;
import dev.multiarch.tekton.internal.input.InputException;
import dev.multiarch.tekton.internal.input.InputLimits;
import dev.multiarch.tekton.internal.input.IoReasons;
import dev.multiarch.tekton.internal.validate.YamlDocs;
import dev.multiarch.tekton.tasks.Params;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a folder of Tekton YAML (a generated folder, as a user edited it) into what a local run needs: it must pass
 * the same checks as generated YAML ({@code validate}, all rules), hold one Pipeline, the Tasks it references and one
 * PipelineRun of it, and have the generated Pipeline's params (PLATFORMS, IMAGE, DESTINATION), whose values, the
 * PipelineRun's over the Pipeline's defaults, say what to build and where.
 */
final class FolderInputs {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private FolderInputs() {}

  static RunInputs read(Path dir, Platform hostPlatform) {
    List<Path> files = yamlFiles(dir);
    // What the cluster would refuse stops the run; this project's own findings (advice) do not.
    ValidationReport report = TektonValidator.create().withRules(TektonValidator.Rules.TEKTON).validateFiles(files);
    if (!report.passed()) {
      throw new LocalRunException("run-local cannot run " + dir + ": validate finds " + report.problems().size()
          + " problem" + (report.problems().size() == 1 ? "" : "s") + ", the first: " + report.problems().get(0));
    }
    List<Pipeline> pipelines = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    List<PipelineRun> runs = new ArrayList<>();
    for (Path file : files) {
      for (YamlDocs.Doc doc : YamlDocs.parse(file.toString(), read(file))) {
        if (!"tekton.dev/v1".equals(doc.root().path("apiVersion").asText())) {
          continue;
        }
        switch (doc.kind()) {
          case "Pipeline" -> pipelines.add(convert(doc.root(), Pipeline.class));
          case "Task" -> tasks.add(convert(doc.root(), Task.class));
          case "PipelineRun" -> runs.add(convert(doc.root(), PipelineRun.class));
          default -> throw new LocalRunException("run-local cannot run " + dir + ": " + file + " holds a "
              + doc.kind() + "; run-local runs one Pipeline, its Tasks and one PipelineRun");
        }
      }
    }
    if (pipelines.size() != 1 || runs.size() != 1) {
      throw new LocalRunException("run-local cannot run " + dir + ": it holds " + pipelines.size() + " Pipelines and "
          + runs.size() + " PipelineRuns; run-local runs a folder of exactly one of each");
    }
    Pipeline pipeline = pipelines.get(0);
    PipelineRun run = runs.get(0);
    String name = pipeline.getMetadata().getName();
    if (run.getSpec().getPipelineRef() == null || !name.equals(run.getSpec().getPipelineRef().getName())) {
      throw new LocalRunException("run-local cannot run " + dir + ": its PipelineRun does not reference Pipeline "
          + name + " by pipelineRef");
    }
    List<Platform> platforms = new ArrayList<>();
    for (String platform : value(pipeline, run, Params.PLATFORMS, dir).getArrayVal()) {
      try {
        platforms.add(Platform.parse(platform));
      } catch (InvalidValueException e) {
        throw new LocalRunException("run-local cannot run " + dir + ": param " + Params.PLATFORMS + ": "
            + e.getMessage(), e);
      }
    }
    String gitUrl = hasParam(pipeline, Params.GIT_URL) ? value(pipeline, run, Params.GIT_URL, dir).getStringVal() : "";
    return new RunInputs(name, pipeline, tasks, run, platforms, hostPlatform,
        value(pipeline, run, Params.IMAGE, dir).getStringVal(), value(pipeline, run, Params.DESTINATION, dir)
        .getStringVal(), gitUrl == null ? "" : gitUrl);
  }

  /** The PipelineRun's value of a Pipeline param, or the param's default. */
  private static ParamValue value(Pipeline pipeline, PipelineRun run, String param, Path dir) {
    for (Param given : list(run.getSpec().getParams())) {
      if (given.getName().equals(param)) {
        return given.getValue();
      }
    }
    for (ParamSpec declared : list(pipeline.getSpec().getParams())) {
      if (declared.getName().equals(param) && declared.getDefault() != null) {
        return declared.getDefault();
      }
    }
    throw new LocalRunException("run-local cannot run " + dir + ": the Pipeline has no param " + param + " with a "
        + "value; run-local runs Pipelines generated by this tool, edited or not");
  }

  private static boolean hasParam(Pipeline pipeline, String name) {
    return list(pipeline.getSpec().getParams()).stream().anyMatch(p -> p.getName().equals(name));
  }

  private static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml")
          || p.toString().endsWith(".yml")).filter(p -> !p.getFileName().toString().matches("kustomization\\.ya?ml"))
          .sorted().toList();
    } catch (IOException e) {
      throw new YamlInputException(dir.toString(), 0, "cannot list the folder: " + IoReasons.of(e), e);
    } catch (java.io.UncheckedIOException e) {
      // A subfolder the walk could not open.
      throw new YamlInputException(dir.toString(), 0, "cannot list the folder: " + IoReasons.withFile(e.getCause()),
          e);
    }
  }

  /** The file's text, within the limits {@code validate} holds every file to. */
  private static String read(Path file) {
    try {
      return BoundedInput.read(file, InputLimits.TEKTON_FILE);
    } catch (InputException e) {
      throw new YamlInputException(e.file(), e.line(), e.problem(), e);
    }
  }

  private static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : list;
  }
}
