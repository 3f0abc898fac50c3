package dev.multiarch.tekton.local;

import static dev.multiarch.tekton.model.JsonNodes.list;

import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.OutputFolderException;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.input.IoReasons;
import dev.multiarch.tekton.model.Scope;
import dev.multiarch.tekton.tasks.Params;
import dev.multiarch.tekton.tasks.Workspaces;
import io.fabric8.tekton.v1.Param;
import io.fabric8.tekton.v1.ParamSpec;
import io.fabric8.tekton.v1.ParamValue;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.PipelineTask;
import io.fabric8.tekton.v1.WorkspaceBinding;
import io.fabric8.tekton.v1.WorkspacePipelineTaskBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Runs a generated multi-arch build on this Linux host, as {@code act} runs GitHub workflows: the
 * very Pipeline, Tasks and PipelineRun that {@code generate} writes, executed with the host's
 * buildah, QEMU and a local registry.
 *
 * <pre>{@code
 * LocalRunResult result = LocalRun.of(MultiArchTekton.fromSpecFile(path).generate())
 *     .withSource(Path.of("."))
 *     .run(listener);
 * }</pre>
 */
public final class LocalRun {

  /**
   * The field an {@link dev.multiarch.tekton.InvalidValueException} about the source folder names.
   */
  public static final String SOURCE_FIELD = "source";

  /**
   * The field an {@link dev.multiarch.tekton.InvalidValueException} about a folder bound to a
   * workspace names.
   */
  public static final String WORKSPACE_FIELD = "workspace";

  private static final String SOURCE_WORKSPACE = "source";

  private final RunInputs generated;
  private final Optional<String> registry;
  private final Optional<Path> source;
  private final Optional<Path> logDir;
  private final int parallelism;
  private final Duration defaultTaskTimeout;
  private final Map<String, Path> boundWorkspaces;

  private LocalRun(
      RunInputs generated,
      Optional<String> registry,
      Optional<Path> source,
      Optional<Path> logDir,
      int parallelism,
      Duration defaultTaskTimeout,
      Map<String, Path> boundWorkspaces) {
    this.generated = Objects.requireNonNull(generated, "generated");
    this.registry = registry;
    this.source = source;
    this.logDir = logDir;
    this.parallelism = parallelism;
    this.defaultTaskTimeout = defaultTaskTimeout;
    this.boundWorkspaces = Collections.unmodifiableMap(new LinkedHashMap<>(boundWorkspaces));
  }

  /**
   * A local run of {@code generated}, with a throwaway registry, the spec's source and a new log
   * folder.
   */
  public static LocalRun of(GeneratedPipeline generated) {
    return new LocalRun(
        RunInputs.of(generated),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        Timeouts.DEFAULT,
        Map.of());
  }

  /**
   * A local run of the Pipeline, Tasks and PipelineRun in the folder {@code dir} (a generated
   * folder, edited or not), checked as generated YAML is before it runs; this host is the node
   * platform.
   *
   * @throws LocalRunException when the folder does not pass {@code validate} or is not one Pipeline
   *     with its Tasks and one PipelineRun of the kind this tool generates
   * @throws dev.multiarch.tekton.validate.YamlInputException naming the file, line and field when
   *     the folder holds what run-local does not take on trust: a workspace subPath that is
   *     absolute or holds {@code ..}, a name that would leave the run's folders, a DaemonSet or
   *     param of the wrong shape, an emulator DaemonSet edited in what runs on this host
   * @throws InvalidValueException when {@code dir} is empty or not a folder
   */
  public static LocalRun fromFolder(Path dir) {
    Platform host =
        Machine.platform(Machine.name())
            .orElseThrow(
                () ->
                    new LocalRunException(
                        "run-local cannot run on this host: its architecture "
                            + Machine.name()
                            + " is no known platform"));
    return new LocalRun(
        FolderInputs.read(dir, host),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        Timeouts.DEFAULT,
        Map.of());
  }

  /** The build's name. */
  public String name() {
    return generated.name();
  }

  /** The platforms it builds. */
  public List<Platform> platforms() {
    return generated.platforms();
  }

  /**
   * Uses the registry already running at {@code host} ({@code 127.0.0.1:5000}) instead of a
   * throwaway one.
   */
  public LocalRun withRegistry(String host) {
    return new LocalRun(
        generated,
        Optional.of(host),
        source,
        logDir,
        parallelism,
        defaultTaskTimeout,
        boundWorkspaces);
  }

  /**
   * Builds a copy of the folder {@code dir} instead of cloning the spec's git repository. When the
   * run starts, the folder must hold only regular files, folders and links (at most 100,000 of them
   * and 4 GiB of files), must not be the root folder or a pseudo file system, and must not hold the
   * run's work or log folder; otherwise {@link #run} throws an {@link
   * dev.multiarch.tekton.InvalidValueException} naming {@link #SOURCE_FIELD} and the path at fault,
   * before anything runs.
   */
  public LocalRun withSource(Path dir) {
    return new LocalRun(
        generated,
        registry,
        Optional.of(dir),
        logDir,
        parallelism,
        defaultTaskTimeout,
        boundWorkspaces);
  }

  /** Writes the step logs to {@code dir}, which must not exist or be empty. */
  public LocalRun withLogDir(Path dir) {
    return new LocalRun(
        generated,
        registry,
        source,
        Optional.of(dir),
        parallelism,
        defaultTaskTimeout,
        boundWorkspaces);
  }

  /** Runs at most {@code n} TaskRuns at once (default: the number of processors). */
  public LocalRun withParallelism(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + n);
    }
    return new LocalRun(
        generated, registry, source, logDir, n, defaultTaskTimeout, boundWorkspaces);
  }

  /**
   * The timeout of a TaskRun whose pipeline task sets none, as a cluster's {@code
   * default-timeout-minutes} gives it (Tekton's default: 60 minutes); zero for none.
   */
  public LocalRun withDefaultTaskTimeout(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(
          "the default TaskRun timeout must not be negative, got " + timeout);
    }
    return new LocalRun(generated, registry, source, logDir, parallelism, timeout, boundWorkspaces);
  }

  /**
   * Binds the Pipeline's workspace {@code name} to a copy of the folder {@code dir}, as {@code tkn
   * pipeline start --workspace name=NAME,secret=...} binds one to a Secret: each file of the folder
   * is there as the Secret's key of that name would be. It replaces the PipelineRun's binding of
   * that workspace, if any (a Secret, which is a cluster's, is otherwise left unbound), and binds
   * an optional workspace the PipelineRun leaves out. When the run starts, {@code name} must be one
   * of the Pipeline's workspaces and {@code dir} a folder (else {@link #run} throws an {@link
   * dev.multiarch.tekton.InvalidValueException} naming {@value #WORKSPACE_FIELD}).
   */
  public LocalRun withWorkspace(String name, Path dir) {
    Map<String, Path> bound = new LinkedHashMap<>(boundWorkspaces);
    bound.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(dir, "dir"));
    return new LocalRun(
        generated, registry, source, logDir, parallelism, defaultTaskTimeout, bound);
  }

  /**
   * Checks that this host can run the build, then runs it, telling {@code listener} as TaskRuns
   * start and end.
   *
   * @return what ran; a failed TaskRun is reported here, not thrown
   * @throws LocalRunException before anything runs: an unsupported Tekton feature, a host problem,
   *     a bad option
   * @throws dev.multiarch.tekton.InvalidValueException before anything runs: a source folder it
   *     cannot take, or a workspace subPath that goes through a symbolic link
   */
  public LocalRunResult run(RunListener listener) {
    Instant start = Instant.now();
    PipelinePlan plan = PipelinePlan.of(generated.pipeline(), generated.tasks());
    PipelineRun pipelineRun = generated.pipelineRun();
    List<String> problems = FeatureCheck.pipelineRun(pipelineRun);
    if (!problems.isEmpty()) {
      throw new LocalRunException(
          "run-local cannot run this PipelineRun: " + String.join("; ", problems));
    }
    Optional<Path> sourceTree = checkSource();
    Optional<String> advice = CrossCompileCheck.check(sourceTree, generated);
    Map<String, Path> workspaceTrees = checkWorkspaces();
    Path logs = prepareLogDir();
    boolean gitUsed = source.isEmpty() && !generated.gitUrl().isEmpty();
    Preflight.HostFacts host = Preflight.HostFacts.current();
    Preflight.check(
        generated.nodePlatform(),
        generated.emulatedPlatforms(),
        generated.nativePlatforms(),
        generated.buildsOnBuildNodes(),
        gitUsed,
        registry.isEmpty(),
        host);
    String runName = runName(pipelineRun);
    new SchedulingReport(
            plan,
            pipelineRun,
            generated.daemonSets(),
            generated.nativePlatforms(),
            generated.nodePlatform(),
            host.machine(),
            host.emulatorEnabled(),
            generated.crossCompiled())
        .lines(pipelineScope(Map.of(), runName))
        .forEach(listener::note);
    advice.ifPresent(listener::note);
    Path work = createTempDir("multiarch-tekton-work-");
    // Zero means no timeout: a deadline past any run.
    ProcessSupervisor supervisor =
        new ProcessSupervisor(
            start.plus(Timeouts.pipeline(pipelineRun).orElse(Duration.ofDays(3650))));
    try (RunResources resources = new RunResources(supervisor, work)) {
      LocalRegistry local =
          resources.registry(
              registry.isPresent()
                  ? LocalRegistry.existing(registry.get())
                  : LocalRegistry.start(work.resolve("registry")));
      listener.note("logs: " + logs);
      listener.note(
          local.throwaway()
              ? "registry: throwaway docker-registry at "
                  + local.host()
                  + " (stopped when the run ends)"
              : "registry: " + local.host());
      Map<String, String> overrides =
          Endpoints.params(
              generated.imageRepository(),
              generated.destinationRepository(),
              generated.cacheRepository(),
              local.host(),
              source.isPresent());
      // This host has no ImageStream to import the index into: the import task is told so, as
      // `tkn pipeline start -p IMPORT_INDEX=false` would tell it, and only checks its params.
      if (FolderInputs.hasParam(generated.pipeline(), Params.IMPORT_INDEX)) {
        overrides.put(Params.IMPORT_INDEX, "false");
      }
      listener.note(
          "params: "
              + String.join(
                  ", ",
                  overrides.entrySet().stream()
                      .map(e -> e.getKey() + "=" + e.getValue())
                      .toList()));
      Map<String, String> stepEnv = new LinkedHashMap<>();
      if (LocalRegistry.isLoopback(local.host())) {
        stepEnv.put(
            "CONTAINERS_REGISTRIES_CONF",
            RegistriesConf.write(RegistriesConf.HOST_FILE, local.host(), work).toString());
      }
      Scope scope = pipelineScope(overrides, runName);
      Map<String, Path> workspaces =
          workspaces(pipelineRun, work.resolve("workspaces"), sourceTree, workspaceTrees, listener);
      listener.note(
          "on this host: every step runs as root with the host's tools instead of its image; "
              + "tonistiigi/binfmt is stood in for by qemu-user-static and update-binfmts");
      if (!stepEnv.isEmpty()) {
        listener.note(
            "on this host: "
                + local.host()
                + " is the only registry reached without TLS verification, marked insecure in"
                + " the registries.conf every step reads (CONTAINERS_REGISTRIES_CONF, "
                + RegistriesConf.HOST_FILE
                + " plus that registry)");
      }
      generated.notes().forEach(listener::note);
      DaemonSetStandIn daemonSets = new DaemonSetStandIn(supervisor, work, logs);
      generated.daemonSets().forEach(daemonSet -> listener.note(daemonSets.run(daemonSet)));
      PipelineExecutor executor =
          new PipelineExecutor(
              plan,
              scope,
              workspaces,
              work.resolve("taskruns"),
              logs,
              runName,
              parallelism,
              listener,
              supervisor,
              new PipelineExecutor.RunTimeouts(
                  start,
                  Timeouts.tasks(pipelineRun),
                  Timeouts.finallyTasks(pipelineRun),
                  defaultTaskTimeout),
              stepEnv);
      List<TaskRunOutcome> outcomes = executor.run();
      Map<String, String> results = executor.pipelineResults();
      boolean succeeded = outcomes.stream().allMatch(TaskRunOutcome::succeeded);
      Published published =
          succeeded
              ? Published.check(results, LocalRegistry.isLoopback(local.host()))
              : Published.NONE;
      return new LocalRunResult(
          outcomes,
          results,
          published.reference(),
          published.platforms(),
          published.problem(),
          logs,
          Duration.between(start, Instant.now()));
    }
  }

  /**
   * The source folder's real path, checked whole; the work folder goes to the temporary folder, as
   * the logs may.
   */
  private Optional<Path> checkSource() {
    if (source.isEmpty()) {
      return Optional.empty();
    }
    if (generated.pipeline().getSpec().getWorkspaces().stream()
        .noneMatch(w -> w.getName().equals(SOURCE_WORKSPACE))) {
      throw new LocalRunException(
          LocalRunException.Option.SOURCE,
          "",
          "the Pipeline has no '" + SOURCE_WORKSPACE + "' workspace to put it in",
          null);
    }
    Map<String, Path> runFolders = new LinkedHashMap<>();
    runFolders.put(
        "the temporary folder, where run-local's work folder goes,",
        realOrAbsolute(Path.of(System.getProperty("java.io.tmpdir"))));
    logDir.ifPresent(dir -> runFolders.put("the log folder", realOrAbsolute(dir)));
    return Optional.of(SourceTree.check(source.get(), runFolders));
  }

  /**
   * The real paths of the folders bound to workspaces ({@link #withWorkspace}), each checked whole
   * as a source folder is; a name the Pipeline does not declare is refused.
   */
  private Map<String, Path> checkWorkspaces() {
    List<String> declared =
        generated.pipeline().getSpec().getWorkspaces().stream().map(w -> w.getName()).toList();
    Map<String, Path> trees = new LinkedHashMap<>();
    for (Map.Entry<String, Path> bound : boundWorkspaces.entrySet()) {
      if (!declared.contains(bound.getKey())) {
        throw new InvalidValueException(
            WORKSPACE_FIELD,
            bound.getKey(),
            "a workspace of Pipeline "
                + generated.pipeline().getMetadata().getName()
                + ": "
                + String.join(", ", declared));
      }
      Map<String, Path> runFolders = new LinkedHashMap<>();
      runFolders.put(
          "the temporary folder, where run-local's work folder goes,",
          realOrAbsolute(Path.of(System.getProperty("java.io.tmpdir"))));
      logDir.ifPresent(dir -> runFolders.put("the log folder", realOrAbsolute(dir)));
      trees.put(bound.getKey(), SourceTree.check(WORKSPACE_FIELD, bound.getValue(), runFolders));
    }
    return trees;
  }

  /** The path with its links resolved as far as it exists: a log folder may not exist yet. */
  private static Path realOrAbsolute(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    for (Path existing = absolute; existing != null; existing = existing.getParent()) {
      try {
        return existing.toRealPath().resolve(existing.relativize(absolute));
      } catch (IOException e) {
        // not there yet: try its parent
      }
    }
    return absolute;
  }

  private Path prepareLogDir() {
    if (logDir.isEmpty()) {
      return createTempDir("multiarch-tekton-run-" + generated.name() + "-");
    }
    Path dir = logDir.get();
    try {
      if (Files.exists(dir)) {
        try (var entries = Files.list(dir)) {
          if (!Files.isDirectory(dir) || entries.findAny().isPresent()) {
            throw new LocalRunException(
                LocalRunException.Option.LOG_DIR,
                dir.toString(),
                "exists and is not an"
                    + " empty folder; give a new one so that no earlier logs are overwritten",
                null);
          }
        }
      }
      Files.createDirectories(dir);
      return dir;
    } catch (IOException e) {
      throw new LocalRunException(
          LocalRunException.Option.LOG_DIR,
          dir.toString(),
          "cannot create it: " + IoReasons.of(e),
          e);
    }
  }

  private Scope pipelineScope(Map<String, String> overrides, String runName) {
    Map<String, ParamValue> given = new LinkedHashMap<>();
    for (Param param : list(generated.pipelineRun().getSpec().getParams())) {
      given.put(param.getName(), param.getValue());
    }
    overrides.forEach((name, value) -> given.put(name, new ParamValue(value)));
    String namespace = generated.pipeline().getMetadata().getNamespace();
    Scope scope =
        new Scope()
            .put("context.pipelineRun.name", runName)
            .put("context.pipelineRun.namespace", namespace == null ? "default" : namespace)
            .put("context.pipelineRun.uid", runName)
            .put("context.pipeline.name", generated.pipeline().getMetadata().getName())
            .put("context.taskRun.namespace", namespace == null ? "default" : namespace)
            .put("context.taskRun.uid", runName)
            .put("context.pipelineTask.retries", "0");
    for (ParamSpec param : list(generated.pipeline().getSpec().getParams())) {
      ParamValue value = given.getOrDefault(param.getName(), param.getDefault());
      if (value == null) {
        throw new LocalRunException(
            "Pipeline param " + param.getName() + " has no value and no default");
      }
      if (value.getArrayVal() != null) {
        scope.putArray("params." + param.getName(), value.getArrayVal());
      } else {
        scope.put(
            "params." + param.getName(), value.getStringVal() == null ? "" : value.getStringVal());
      }
    }
    return scope;
  }

  private Map<String, Path> workspaces(
      PipelineRun run,
      Path root,
      Optional<Path> sourceTree,
      Map<String, Path> workspaceTrees,
      RunListener listener) {
    Map<String, Path> dirs = new LinkedHashMap<>();
    Set<String> sources = sourceWorkspaces();
    for (Map.Entry<String, Path> bound : workspaceTrees.entrySet()) {
      Path dir = workspaceDir(root, bound.getKey());
      try {
        Files.createDirectories(dir);
        SourceTree.copy(bound.getValue(), dir);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot prepare workspace " + bound.getKey() + ": " + IoReasons.withFile(e), e);
      }
      listener.note(
          "workspace " + bound.getKey() + ": a copy of " + boundWorkspaces.get(bound.getKey()));
      dirs.put(bound.getKey(), dir);
    }
    for (WorkspaceBinding binding : list(run.getSpec().getWorkspaces())) {
      if (boundWorkspaces.containsKey(binding.getName())) {
        continue;
      }
      if (binding.getSecret() != null) {
        listener.note(
            "workspace "
                + binding.getName()
                + ": left unbound, secret "
                + binding.getSecret().getSecretName()
                + " is a cluster's; the local registry needs no credentials");
        continue;
      }
      Path dir = workspaceDir(root, binding.getName());
      try {
        Files.createDirectories(dir);
        if (sources.contains(binding.getName()) && sourceTree.isPresent()) {
          SourceTree.copy(sourceTree.get(), dir);
          listener.note("workspace " + binding.getName() + ": a copy of " + source.get());
        }
        // After the copy: a link of the source on the subPath's way is refused, not followed.
        dirs.put(
            binding.getName(),
            binding.getSubPath() == null
                ? dir
                : RunPaths.subPath(
                    dir,
                    binding.getSubPath(),
                    "PipelineRun workspace " + binding.getName() + " subPath"));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot prepare workspace " + binding.getName() + ": " + IoReasons.withFile(e), e);
      }
    }
    return dirs;
  }

  private static Path workspaceDir(Path root, String name) {
    return RunPaths.child(root, name, "PipelineRun workspace name");
  }

  /**
   * The Pipeline's workspaces that hold a build's source: {@value #SOURCE_WORKSPACE}, and any other
   * a pipeline task binds as its Task's source workspace (native builds clone into one of their own
   * beside a shared volume).
   */
  private Set<String> sourceWorkspaces() {
    Set<String> names = new LinkedHashSet<>(List.of(SOURCE_WORKSPACE));
    for (PipelineTask task : list(generated.pipeline().getSpec().getTasks())) {
      for (WorkspacePipelineTaskBinding binding : list(task.getWorkspaces())) {
        if (binding.getName().equals(Workspaces.SOURCE) && binding.getWorkspace() != null) {
          names.add(binding.getWorkspace());
        }
      }
    }
    return names;
  }

  /**
   * A PipelineRun name as the cluster would give one: the generateName and five random characters.
   */
  private static String runName(PipelineRun run) {
    String prefix =
        run.getMetadata().getName() != null
            ? run.getMetadata().getName()
            : run.getMetadata().getGenerateName();
    if (run.getMetadata().getName() != null) {
      return prefix;
    }
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    Random random = new Random();
    StringBuilder name = new StringBuilder(prefix == null ? "run-" : prefix);
    for (int i = 0; i < 5; i++) {
      name.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return name.toString();
  }

  private static Path createTempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      // The environment's input, not a fault of the run: one line naming the folder, exit 2.
      throw new OutputFolderException(
          "cannot create a folder in the temporary folder "
              + System.getProperty("java.io.tmpdir")
              + ": "
              + IoReasons.of(e)
              + "; point TMPDIR (java.io.tmpdir) at a folder you can write",
          e);
    }
  }
}
