package dev.multiarch.tekton.tasks;

import io.fabric8.tekton.v1.Task;
import java.util.List;

/** Every catalog Task, listed explicitly in a stable order. */
public final class TaskCatalog {

  /**
   * The annotation in which a Task lists its privileged steps by name, comma-separated; {@code
   * validate} reports a privileged step missing from it.
   */
  public static final String PRIVILEGED_STEPS = "multiarch-tekton.dev/privileged-steps";

  private TaskCatalog() {}

  /**
   * The Tasks: resolve-commit, binfmt, build, build in-pod, manifest, binfmt cleanup, and the
   * builder image bootstrap's build, and the import of the index into an ImageStream.
   */
  public static List<Task> all() {
    return List.of(
        ResolveCommitTask.create(),
        BinfmtTask.create(),
        BuildTask.create(false),
        BuildTask.create(true),
        ManifestTask.create(),
        BinfmtCleanupTask.create(),
        BuilderImageTask.create(),
        ImportIndexTask.create());
  }
}
