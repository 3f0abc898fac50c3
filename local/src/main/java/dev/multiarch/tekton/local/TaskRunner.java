package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import dev.multiarch.tekton.input.IoReasons;
import dev.multiarch.tekton.model.ParamFit;
import dev.multiarch.tekton.model.Scope;
import dev.multiarch.tekton.model.UnresolvedReferenceException;
import dev.multiarch.tekton.tasks.References;
import dev.multiarch.tekton.yaml.GoDuration;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.TaskResult;
import io.fabric8.tekton.v1.TaskSpec;
import io.fabric8.tekton.v1.WorkspaceDeclaration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one TaskRun on the host: resolves its params (with defaults), results and workspaces as
 * Tekton does, then runs its steps in order, each script with the step's env, one log file per
 * step. A step that fails ends the attempt, like a failed container ends a Tekton pod; a failed
 * attempt is retried as the TaskRun's retries allow.
 */
final class TaskRunner {

  /**
   * The largest result read back from a step: far more than the 4 KiB Tekton carries, far less than
   * memory.
   */
  private static final long MAX_RESULT = 1024 * 1024;

  /** Tekton's wrapper for a script without {@code #!}. */
  private static final String DEFAULT_SHEBANG = "#!/bin/sh\nset -e\n";

  private final ProcessSupervisor supervisor;
  private final Consumer<String> notes;
  private final Map<String, String> hostEnv;

  /**
   * A runner whose processes {@code supervisor} starts; {@code notes} hears of retries; every step
   * gets {@code hostEnv} (what this host sets instead of a cluster), its own env winning.
   */
  TaskRunner(ProcessSupervisor supervisor, Consumer<String> notes, Map<String, String> hostEnv) {
    this.supervisor = supervisor;
    this.notes = notes;
    this.hostEnv = Map.copyOf(hostEnv);
  }

  /**
   * Runs the TaskRun as the controller does: a failed or timed-out attempt is tried again while
   * retries remain, each attempt with its own timeout and {@code $(context.task.retry-count)}; the
   * group's deadline stops it for good.
   */
  TaskRunOutcome run(TaskRunRequest request) {
    Instant start = Instant.now();
    TaskRunPolicy policy = request.policy();
    for (int retry = 0; ; retry++) {
      Attempt attempt = attempt(request.attempt(retry), retry);
      TaskRunOutcome outcome = attempt.outcome();
      if (outcome.succeeded() || !attempt.retriable() || retry >= policy.retries()) {
        return new TaskRunOutcome(
            outcome.pipelineTask(),
            outcome.label(),
            outcome.status(),
            Duration.between(start, Instant.now()),
            outcome.failedStep(),
            outcome.message(),
            outcome.logDir(),
            outcome.results(),
            retry);
      }
      notes.accept(
          "retry "
              + (retry + 1)
              + " of "
              + policy.retries()
              + ": "
              + request.displayName()
              + " "
              + outcome.message());
    }
  }

  /**
   * One attempt's outcome, and whether the controller would retry it (not when stopped by a
   * pipeline timeout).
   */
  private record Attempt(TaskRunOutcome outcome, boolean retriable) {}

  private Attempt attempt(TaskRunRequest request, int retry) {
    Instant start = Instant.now();
    TaskRunPolicy policy = request.policy();
    Instant ownDeadline = policy.timeout().map(start::plus).orElse(Instant.MAX);
    boolean groupFirst =
        policy.groupDeadline().isPresent() && policy.groupDeadline().get().isBefore(ownDeadline);
    if (groupFirst) {
      ownDeadline = policy.groupDeadline().get();
    }
    TaskSpec spec = request.planned().spec();
    Path resultsDir = request.runDir().resolve("results");
    Scope scope;
    try {
      Files.createDirectories(resultsDir);
      Files.createDirectories(request.logDir());
      scope = scope(request, resultsDir, retry);
    } catch (IllegalArgumentException | UnresolvedReferenceException e) {
      return new Attempt(failed(request, start, Optional.empty(), e.getMessage()), false);
    } catch (IOException e) {
      return new Attempt(
          failed(
              request,
              start,
              Optional.empty(),
              "cannot prepare the TaskRun folder: " + IoReasons.withFile(e)),
          false);
    }
    List<Step> steps = list(spec.getSteps());
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String stepName = step.getName() == null ? "step-" + i : step.getName();
      try {
        Path log =
            RunPaths.child(
                request.logDir(), String.format("%02d-%s.log", i + 1, stepName), "step name");
        List<String> command = command(step, spec, scope, request, i, stepName);
        Map<String, String> env = env(step, spec, scope, request, hostEnv);
        int exit = supervisor.run(command, env, workDir(request), log, ownDeadline);
        if (exit == ProcessSupervisor.STOPPED_AT_DEADLINE) {
          String why =
              groupFirst
                  ? "timed out: " + policy.groupTimeout() + " passed"
                  : "timed out after "
                      + GoDuration.format(policy.timeout().orElseThrow())
                      + " (its timeout)";
          return new Attempt(
              failed(
                  request,
                  start,
                  Optional.of(stepName),
                  why + "; step " + stepName + " was stopped (log: " + log + ")"),
              !groupFirst);
        }
        if (exit != 0) {
          String why =
              exit == ProcessSupervisor.TIMED_OUT
                  ? "timed out (the PipelineRun's timeout)"
                  : exit == ProcessSupervisor.CANCELLED ? "was cancelled" : "exited " + exit;
          boolean retriable =
              exit != ProcessSupervisor.TIMED_OUT && exit != ProcessSupervisor.CANCELLED;
          // A step this run stopped has no error of its own: its last line is the shell's note of
          // our kill.
          String lastLine = retriable ? lastError(log).map(line -> ": " + line).orElse("") : "";
          return new Attempt(
              failed(
                  request,
                  start,
                  Optional.of(stepName),
                  "step " + stepName + " " + why + lastLine + " (log: " + log + ")"),
              retriable);
        }
      } catch (IllegalArgumentException | UnresolvedReferenceException e) {
        return new Attempt(
            failed(
                request, start, Optional.of(stepName), "step " + stepName + ": " + e.getMessage()),
            false);
      } catch (IOException e) {
        return new Attempt(
            failed(
                request,
                start,
                Optional.of(stepName),
                "step " + stepName + " could not start: " + IoReasons.of(e)),
            true);
      }
    }
    Map<String, String> results;
    try {
      results = results(spec, resultsDir);
    } catch (IOException e) {
      return new Attempt(failed(request, start, Optional.empty(), IoReasons.of(e)), false);
    }
    return new Attempt(
        new TaskRunOutcome(
            request.planned().name(),
            request.label(),
            TaskRunOutcome.Status.SUCCEEDED,
            Duration.between(start, Instant.now()),
            Optional.empty(),
            "",
            request.logDir(),
            results,
            retry),
        false);
  }

  private static Scope scope(TaskRunRequest request, Path resultsDir, int retry)
      throws IOException {
    TaskSpec spec = request.planned().spec();
    Scope scope =
        new Scope()
            .putAll(request.context())
            .put("context.taskRun.name", request.name())
            .put("context.task.name", request.planned().taskName())
            .put("context.task.retry-count", Integer.toString(retry));
    Map<String, ParamValue> given = new LinkedHashMap<>(request.params());
    // The fit Tekton's reconciler checks, from the one implementation validate uses too.
    List<ParamFit.Declared> declared = new ArrayList<>();
    for (ParamSpec param : list(spec.getParams())) {
      declared.add(
          new ParamFit.Declared(
              param.getName(),
              param.getType() == null
                  ? (param.getDefault() != null && param.getDefault().getArrayVal() != null
                      ? "array"
                      : "string")
                  : param.getType(),
              param.getDefault() != null));
    }
    List<ParamFit.Passed> passed = new ArrayList<>();
    given.forEach(
        (name, value) ->
            passed.add(
                new ParamFit.Passed(
                    name,
                    value.getArrayVal() != null
                        ? "array"
                        : value.getObjectVal() != null && !value.getObjectVal().isEmpty()
                            ? "object"
                            : "string")));
    List<ParamFit.Misfit> misfits = ParamFit.check(declared, passed);
    if (!misfits.isEmpty()) {
      throw new IllegalArgumentException(
          misfits.get(0).describe("Task " + request.planned().taskName()));
    }
    List<String> undeclared = ParamFit.undeclared(declared, passed);
    if (!undeclared.isEmpty()) {
      throw new IllegalArgumentException(
          "params " + undeclared + " are not declared by Task " + request.planned().taskName());
    }
    for (ParamSpec param : list(spec.getParams())) {
      ParamValue value =
          given.containsKey(param.getName()) ? given.get(param.getName()) : param.getDefault();
      if (value.getArrayVal() != null) {
        scope.putArray("params." + param.getName(), value.getArrayVal());
      } else {
        scope.put(
            "params." + param.getName(), value.getStringVal() == null ? "" : value.getStringVal());
      }
    }
    for (TaskResult result : list(spec.getResults())) {
      scope.put(
          "results." + result.getName() + ".path",
          RunPaths.child(resultsDir, result.getName(), "result name").toString());
    }
    for (WorkspaceDeclaration workspace : list(spec.getWorkspaces())) {
      Path dir = request.workspaces().get(workspace.getName());
      if (dir == null && !Boolean.TRUE.equals(workspace.getOptional())) {
        throw new IllegalArgumentException(
            "workspace " + workspace.getName() + " is required but not bound");
      }
      if (dir != null) {
        Files.createDirectories(dir);
      }
      String key = "workspaces." + workspace.getName();
      scope
          .put(key + ".path", dir == null ? "" : dir.toString())
          .put(key + ".bound", dir == null ? "false" : "true")
          .put(key + ".claim", "")
          .put(key + ".volume", dir == null ? "" : workspace.getName());
    }
    return scope;
  }

  private static List<String> command(
      Step step, TaskSpec spec, Scope scope, TaskRunRequest request, int index, String stepName)
      throws IOException {
    String where = request.displayName() + " step " + stepName;
    List<String> args = scope.elements(step.getArgs(), where + " args");
    if (step.getScript() != null) {
      String script = scope.text(step.getScript(), where + " script");
      if (!script.startsWith("#!")) {
        script = DEFAULT_SHEBANG + script;
      }
      Path file =
          RunPaths.child(
              request.runDir().resolve("scripts"),
              String.format("%02d-%s", index + 1, stepName),
              "step name");
      Files.createDirectories(file.getParent());
      Files.writeString(file, script, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
      List<String> command = new ArrayList<>(interpreter(script));
      command.add(file.toString());
      command.addAll(args);
      return command;
    }
    if (FeatureCheck.present(step.getCommand())
        && !ImageStandIns.runsEntrypoint(
            scope.text(FeatureCheck.image(step, spec), where + " image"),
            scope.elements(step.getCommand(), where + " command"))) {
      List<String> command = new ArrayList<>(scope.elements(step.getCommand(), where + " command"));
      command.addAll(args);
      return command;
    }
    String image = scope.text(FeatureCheck.image(step, spec), where + " image");
    return ImageStandIns.command(image, args, request.runDir().resolve("bin"));
  }

  /**
   * The script's {@code #!} line as the kernel reads it: the interpreter and at most one argument.
   * Running the interpreter rather than the script avoids "Text file busy": a process another
   * TaskRun forks at that moment may still hold this script open for writing, and the kernel
   * refuses to execute a file open for writing.
   */
  static List<String> interpreter(String script) {
    String line = script.lines().findFirst().orElse("#!").substring(2).strip();
    String[] parts = line.split("[ \t]+", 2);
    return parts.length == 1 ? List.of(parts[0]) : List.of(parts[0], parts[1]);
  }

  private static Map<String, String> env(
      Step step, TaskSpec spec, Scope scope, TaskRunRequest request, Map<String, String> hostEnv)
      throws IOException {
    String where = request.displayName() + " step " + step.getName() + " env";
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", Host.path());
    Path home = request.runDir().resolve("home");
    Files.createDirectories(home);
    env.put("HOME", home.toString());
    if (FeatureCheck.present(step.getVolumeMounts())) {
      env.put("CONTAINERS_STORAGE_CONF", storageConf(request.runDir()).toString());
    }
    env.putAll(hostEnv);
    List<EnvVar> vars = new ArrayList<>();
    if (spec.getStepTemplate() != null) {
      vars.addAll(list(spec.getStepTemplate().getEnv()));
    }
    vars.addAll(list(step.getEnv()));
    for (EnvVar var : vars) {
      env.put(
          var.getName(),
          var.getValueFrom() != null
              ? fieldRef(var, request, scope, where)
              : scope.text(
                  var.getValue() == null ? "" : var.getValue(), where + " " + var.getName()));
    }
    return env;
  }

  private static String fieldRef(EnvVar var, TaskRunRequest request, Scope scope, String where) {
    String field = var.getValueFrom().getFieldRef().getFieldPath();
    return switch (field) {
      case "spec.nodeName" -> Host.name();
      case "metadata.name" -> request.name() + "-pod";
      // The pod runs in the PipelineRun's namespace.
      default ->
          scope.text(References.context("taskRun", "namespace"), where + " " + var.getName());
    };
  }

  /**
   * Buildah storage private to this TaskRun, standing in for the emptyDir Tekton mounts at
   * /var/lib/containers.
   */
  private static Path storageConf(Path runDir) throws IOException {
    Path dir = runDir.resolve("containers");
    Path conf = dir.resolve("storage.conf");
    if (!Files.exists(conf)) {
      Files.createDirectories(dir);
      Files.writeString(
          conf,
          "[storage]\ndriver = \"vfs\"\ngraphroot = \""
              + dir.resolve("storage")
              + "\"\nrunroot = \""
              + dir.resolve("run")
              + "\"\n");
    }
    return conf;
  }

  private static Path workDir(TaskRunRequest request) throws IOException {
    Path dir = request.runDir().resolve("work");
    Files.createDirectories(dir);
    return dir;
  }

  /**
   * The results the steps wrote; one larger than {@link #MAX_RESULT}, or unreadable, fails the
   * TaskRun.
   */
  private static Map<String, String> results(TaskSpec spec, Path resultsDir) throws IOException {
    Map<String, String> results = new LinkedHashMap<>();
    for (TaskResult result : list(spec.getResults())) {
      Path file = RunPaths.child(resultsDir, result.getName(), "result name");
      if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        if (Files.size(file) > MAX_RESULT) {
          // A step wrote far more than Tekton would carry (results travel in a 4 KiB termination
          // message).
          throw new IOException(
              "result " + result.getName() + " is larger than " + MAX_RESULT / 1024 + " KiB");
        }
        try {
          results.put(result.getName(), Files.readString(file));
        } catch (IOException e) {
          throw new IOException(
              "cannot read result " + result.getName() + ": " + IoReasons.of(e), e);
        }
      }
    }
    return results;
  }

  /**
   * The line that says why a step failed: its last {@code ERROR:} line, else its last non-empty
   * line, looked for in the log's last 256 KiB (a build's log can be far larger than memory should
   * hold).
   */
  static Optional<String> lastError(Path log) {
    try {
      List<String> lines = tail(log, 256 * 1024).lines().toList();
      Optional<String> error =
          lines.stream()
              .filter(l -> l.startsWith("ERROR:") || l.startsWith("Error:"))
              .reduce((first, second) -> second);
      return error.isPresent()
          ? error
          : lines.stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .reduce((first, second) -> second);
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** The last {@code bytes} bytes of {@code file} as text, from the first whole line among them. */
  private static String tail(Path file, int bytes) throws IOException {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      long from = Math.max(0, channel.size() - bytes);
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (channel.size() - from));
      while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) > 0) {
        // read to the end
      }
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      return from == 0 ? text : text.substring(text.indexOf('\n') + 1);
    }
  }

  private static TaskRunOutcome failed(
      TaskRunRequest request, Instant start, Optional<String> step, String message) {
    return new TaskRunOutcome(
        request.planned().name(),
        request.label(),
        TaskRunOutcome.Status.FAILED,
        Duration.between(start, Instant.now()),
        step,
        message,
        request.logDir(),
        Map.of(),
        0);
  }
}
