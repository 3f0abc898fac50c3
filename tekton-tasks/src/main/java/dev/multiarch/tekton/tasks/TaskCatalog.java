package dev.multiarch.tekton.tasks;

import io.fabric8.tekton.v1.Task;
import java.util.List;

/** Every catalog Task, listed explicitly in a stable order. */
public final class TaskCatalog {

  private TaskCatalog() {
  }

  /** The Tasks: binfmt, build, build in-pod, manifest, binfmt cleanup. */
  public static List<Task> all() {
    return List.of(
        BinfmtTask.create(),
        BuildTask.create(false),
        BuildTask.create(true),
        ManifestTask.create(),
        BinfmtCleanupTask.create());
  }
}
