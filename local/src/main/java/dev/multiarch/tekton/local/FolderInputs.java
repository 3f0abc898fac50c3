package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
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
import java.util.IdentityHashMap;
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

  /** The field an {@link InvalidValueException} about the folder itself names. */
  static final String FOLDER_FIELD = "folder";

  private FolderInputs() {}

  static RunInputs read(Path dir, Platform hostPlatform) {
    if (dir.toString().isEmpty() || !Files.isDirectory(dir)) {
      // Path.of("") is the working directory to Java: a folder nobody named.
      throw new InvalidValueException(
          FOLDER_FIELD, dir.toString(), "an existing folder; an empty path names none");
    }
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
    List<String> notes = new ArrayList<>();
    IdentityHashMap<Object, YamlDocs.Doc> docs = new IdentityHashMap<>();
    for (Path file : files) {
      for (YamlDocs.Doc doc : YamlDocs.parse(file.toString(), read(file))) {
        if ("apps/v1".equals(doc.root().path("apiVersion").asText())
            && "DaemonSet".equals(doc.kind())) {
          DaemonSet daemonSet = FolderDaemonSets.read(doc);
          if (FolderDaemonSets.isOwn(daemonSet)) {
            // The emulator DaemonSet of placement daemonset: its registration is stood in for
            // before the Pipeline, if it is exactly what generate writes.
            FolderDaemonSets.checkOwn(daemonSet, doc);
            daemonSets.add(daemonSet);
          } else {
            notes.add(FolderDaemonSets.ignored(daemonSet, doc));
          }
          continue;
        }
        if (!"tekton.dev/v1".equals(doc.root().path("apiVersion").asText())) {
          continue;
        }
        switch (doc.kind()) {
          case "Pipeline" -> pipelines.add(remember(docs, doc, convert(doc, Pipeline.class)));
          case "Task" -> tasks.add(convert(doc, Task.class));
          case "PipelineRun" -> runs.add(remember(docs, doc, convert(doc, PipelineRun.class)));
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
    Values values = new Values(pipeline, docs.get(pipeline), run, docs.get(run));
    FolderPaths.check(pipeline, docs.get(pipeline), run, docs.get(run));
    List<Platform> platforms = new ArrayList<>();
    // The matrixed build's platforms; an all-native Pipeline has no matrix and no PLATFORMS param.
    List<String> matrixed =
        hasParam(pipeline, Params.PLATFORMS) ? values.array(Params.PLATFORMS, dir) : List.of();
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
    String gitUrl = hasParam(pipeline, Params.GIT_URL) ? values.string(Params.GIT_URL, dir) : "";
    String cacheRepository =
        hasParam(pipeline, Params.CACHE_REPOSITORY)
            ? values.string(Params.CACHE_REPOSITORY, dir)
            : "";
    return new RunInputs(
        name,
        pipeline,
        tasks,
        run,
        platforms,
        hostPlatform,
        values.string(Params.IMAGE, dir),
        values.string(Params.DESTINATION, dir),
        gitUrl,
        natives,
        daemonSets,
        "",
        false,
        cacheRepository,
        notes);
  }

  private static Platform platform(String text, String where, Path dir) {
    try {
      return Platform.parse(text);
    } catch (InvalidValueException e) {
      throw new LocalRunException(
          "run-local cannot run " + dir + ": " + where + ": " + e.getMessage(), e);
    }
  }

  /**
   * The values of the Pipeline's params, the PipelineRun's over the defaults, each of the type
   * run-local reads it as: a value of another type is the folder's fault, named with its file, line
   * and field.
   */
  private record Values(
      Pipeline pipeline, YamlDocs.Doc pipelineDoc, PipelineRun run, YamlDocs.Doc runDoc) {

    List<String> array(String param, Path dir) {
      Located value = value(param, dir);
      if (value.value().getArrayVal() == null) {
        throw value.wrongType("an array (of platforms)");
      }
      return value.value().getArrayVal();
    }

    String string(String param, Path dir) {
      Located value = value(param, dir);
      if (value.value().getArrayVal() != null
          || (value.value().getObjectVal() != null && !value.value().getObjectVal().isEmpty())) {
        throw value.wrongType("a string");
      }
      return value.value().getStringVal() == null ? "" : value.value().getStringVal();
    }

    /** The PipelineRun's value of a Pipeline param, or the param's default. */
    private Located value(String param, Path dir) {
      List<Param> given = list(run.getSpec().getParams());
      for (int i = 0; i < given.size(); i++) {
        if (given.get(i).getName().equals(param) && given.get(i).getValue() != null) {
          return new Located(given.get(i).getValue(), runDoc, "spec.params[" + i + "].value");
        }
      }
      List<ParamSpec> declared = list(pipeline.getSpec().getParams());
      for (int i = 0; i < declared.size(); i++) {
        if (declared.get(i).getName().equals(param) && declared.get(i).getDefault() != null) {
          return new Located(
              declared.get(i).getDefault(), pipelineDoc, "spec.params[" + i + "].default");
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
  }

  /** A param's value and where the folder gives it. */
  private record Located(ParamValue value, YamlDocs.Doc doc, String field) {

    YamlInputException wrongType(String expected) {
      return new YamlInputException(
          doc.source(),
          doc.line(field),
          doc.label()
              + " "
              + field
              + ": must be "
              + expected
              + ", as the generated Pipeline has it");
    }
  }

  /** Whether the Pipeline declares param {@code name}. */
  static boolean hasParam(Pipeline pipeline, String name) {
    return list(pipeline.getSpec().getParams()).stream().anyMatch(p -> p.getName().equals(name));
  }

  private static <T> T remember(
      IdentityHashMap<Object, YamlDocs.Doc> docs, YamlDocs.Doc doc, T object) {
    docs.put(object, doc);
    return object;
  }

  /**
   * The document as a model object; a field of a type the model cannot take (a string where an
   * object belongs) is the folder's fault, named with its file, line and field.
   */
  static <T> T convert(YamlDocs.Doc doc, Class<T> type) {
    try {
      return MAPPER.convertValue(doc.root(), type);
    } catch (IllegalArgumentException e) {
      String field =
          e.getCause() instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
      throw new YamlInputException(
          doc.source(),
          doc.line(field),
          doc.label()
              + " "
              + (field.isEmpty() ? "" : field + ": ")
              + "is not of the type a "
              + doc.kind()
              + " has there",
          e);
    }
  }

  /** Jackson's path as the validator writes one: {@code spec.template.spec.containers[0]}. */
  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
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
