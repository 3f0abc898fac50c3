package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.input.BoundedInput;
import dev.multiarch.tekton.input.InputException;
import dev.multiarch.tekton.input.InputLimits;
import dev.multiarch.tekton.input.IoReasons;
import dev.multiarch.tekton.tasks.Params;
import dev.multiarch.tekton.validate.TektonValidator;
import dev.multiarch.tekton.validate.ValidationReport;
import dev.multiarch.tekton.validate.YamlDocs;
import dev.multiarch.tekton.validate.YamlInputException;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a folder of Tekton YAML (a generated folder, as a user edited it) into what a local run
 * needs: it must pass the same checks as generated YAML ({@code validate}, all rules), hold one
 * Pipeline, the Tasks it references and one PipelineRun of it (the builder image bootstrap's are
 * left out), and have the generated Pipeline's params (PLATFORMS, IMAGE, DESTINATION), whose
 * values, the PipelineRun's over the Pipeline's defaults, say what to build and where.
 */
final class FolderInputs {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private FolderInputs() {}

  static RunInputs read(Path dir, Platform hostPlatform) {
    List<Path> files = yamlFiles(dir);
    // What the cluster would refuse stops the run; this project's own findings (advice) do not.
    ValidationReport report = TektonValidator.create().validateFiles(files);
    if (!report.passed()) {
      throw new LocalRunException(
          "run-local cannot run "
              + dir
              + ": validate finds "
              + report.problems().size()
              + " problem"
              + (report.problems().size() == 1 ? "" : "s")
              + ", the first: "
              + report.problems().get(0));
    }
    List<Pipeline> pipelines = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    List<PipelineRun> runs = new ArrayList<>();
    List<DaemonSet> daemonSets = new ArrayList<>();
    for (Path file : files) {
      for (YamlDocs.Doc doc : YamlDocs.parse(file.toString(), read(file))) {
        if ("apps/v1".equals(doc.root().path("apiVersion").asText())
            && "DaemonSet".equals(doc.kind())) {
          // The emulator DaemonSet of placement daemonset: its registration is stood in for before
          // the Pipeline.
          daemonSets.add(convert(doc.root(), DaemonSet.class));
          continue;
        }
        if (!"tekton.dev/v1".equals(doc.root().path("apiVersion").asText())) {
          continue;
        }
        switch (doc.kind()) {
          case "Pipeline" -> pipelines.add(convert(doc.root(), Pipeline.class));
          case "Task" -> tasks.add(convert(doc.root(), Task.class));
          case "PipelineRun" -> runs.add(convert(doc.root(), PipelineRun.class));
          default ->
              throw new LocalRunException(
                  "run-local cannot run "
                      + dir
                      + ": "
                      + file
                      + " holds a "
                      + doc.kind()
                      + "; run-local runs one Pipeline, its Tasks, one PipelineRun and DaemonSets");
        }
      }
    }
    // The builder image bootstrap is left alone: it builds the image of the steps on a cluster, and
    // run-local's steps use this host's buildah instead.
    pipelines.removeIf(p -> BuildSpec.BOOTSTRAP_PIPELINE.equals(p.getMetadata().getName()));
    runs.removeIf(
        r ->
            r.getSpec().getPipelineRef() != null
                && BuildSpec.BOOTSTRAP_PIPELINE.equals(r.getSpec().getPipelineRef().getName()));
    if (pipelines.size() != 1 || runs.size() != 1) {
      throw new LocalRunException(
          "run-local cannot run "
              + dir
              + ": it holds "
              + pipelines.size()
              + " Pipelines and "
              + runs.size()
              + " PipelineRuns; run-local runs a folder of exactly one of each");
    }
    Pipeline pipeline = pipelines.get(0);
    PipelineRun run = runs.get(0);
    String name = pipeline.getMetadata().getName();
    if (run.getSpec().getPipelineRef() == null
        || !name.equals(run.getSpec().getPipelineRef().getName())) {
      throw new LocalRunException(
          "run-local cannot run "
              + dir
              + ": its PipelineRun does not reference Pipeline "
              + name
              + " by pipelineRef");
    }
    List<Platform> platforms = new ArrayList<>();
    // The matrixed build's platforms; an all-native Pipeline has no matrix and no PLATFORMS param.
    List<String> matrixed =
        hasParam(pipeline, Params.PLATFORMS)
            ? value(pipeline, run, Params.PLATFORMS, dir).getArrayVal()
            : List.of();
    for (String platform : matrixed) {
      platforms.add(platform(platform, "param " + Params.PLATFORMS, dir));
    }
    List<Platform> natives = new ArrayList<>();
    for (PipelineTask task : list(pipeline.getSpec().getTasks())) {
      // A native build passes its platform as text; a matrixed one gets it from the matrix.
      for (Param param : list(task.getParams())) {
        String text = param.getValue() == null ? null : param.getValue().getStringVal();
        if (param.getName().equals(Params.PLATFORM) && text != null && !text.contains("$(")) {
          natives.add(
              platform(text, "pipeline task " + task.getName() + " param " + Params.PLATFORM, dir));
        }
      }
    }
    platforms.addAll(natives);
    String gitUrl =
        hasParam(pipeline, Params.GIT_URL)
            ? value(pipeline, run, Params.GIT_URL, dir).getStringVal()
            : "";
    String cacheRepository =
        hasParam(pipeline, Params.CACHE_REPOSITORY)
            ? value(pipeline, run, Params.CACHE_REPOSITORY, dir).getStringVal()
            : "";
    return new RunInputs(
        name,
        pipeline,
        tasks,
        run,
        platforms,
        hostPlatform,
        value(pipeline, run, Params.IMAGE, dir).getStringVal(),
        value(pipeline, run, Params.DESTINATION, dir).getStringVal(),
        gitUrl == null ? "" : gitUrl,
        natives,
        daemonSets,
        "",
        false,
        cacheRepository == null ? "" : cacheRepository);
  }

  private static Platform platform(String text, String where, Path dir) {
    try {
      return Platform.parse(text);
    } catch (InvalidValueException e) {
      throw new LocalRunException(
          "run-local cannot run " + dir + ": " + where + ": " + e.getMessage(), e);
    }
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
    throw new LocalRunException(
        "run-local cannot run "
            + dir
            + ": the Pipeline has no param "
            + param
            + " with a "
            + "value; run-local runs Pipelines generated by this tool, edited or not");
  }

  /** Whether the Pipeline declares param {@code name}. */
  static boolean hasParam(Pipeline pipeline, String name) {
    return list(pipeline.getSpec().getParams()).stream().anyMatch(p -> p.getName().equals(name));
  }

  private static <T> T convert(JsonNode node, Class<T> type) {
    return MAPPER.convertValue(node, type);
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .filter(p -> !p.getFileName().toString().matches("kustomization\\.ya?ml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new YamlInputException(
          dir.toString(), 0, "cannot list the folder: " + IoReasons.of(e), e);
    } catch (java.io.UncheckedIOException e) {
      // A subfolder the walk could not open.
      throw new YamlInputException(
          dir.toString(), 0, "cannot list the folder: " + IoReasons.withFile(e.getCause()), e);
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
}
