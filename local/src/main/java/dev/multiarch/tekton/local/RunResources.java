package dev.multiarch.tekton.local;

import java.nio.file.Path;

/**
 * What a run must give back however it ends, normally or by Ctrl-C: its step processes, its
 * throwaway registry and its work folder. Closed by the run's {@code finally} and by a shutdown
 * hook, whichever comes first (a JVM stopped by a signal runs the hooks but not the main thread's
 * {@code finally}); a JVM killed outright leaves the work folder to its {@link Janitor}.
 */
final class RunResources implements AutoCloseable {

  private final ProcessSupervisor supervisor;
  private final Path work;
  private final Janitor janitor;
  private final Thread hook;
  private LocalRegistry registry;
  private boolean closed;

  RunResources(ProcessSupervisor supervisor, Path work) {
    this.supervisor = supervisor;
    this.work = work;
    this.janitor = Janitor.start(work);
    this.hook = new Thread(this::close, "run-local-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Hands the registry over, to be stopped at the end. */
  synchronized LocalRegistry registry(LocalRegistry registry) {
    this.registry = registry;
    if (closed) {
      registry.close();
    }
    return registry;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() == hook) {
      System.err.println(
          "run-local: interrupted; stopping the running steps"
              + (registry != null && registry.throwaway() ? " and the throwaway registry" : ""));
    }
    supervisor.cancel();
    if (registry != null) {
      registry.close();
    }
    FileTrees.deleteTree(work);
    janitor.close();
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down already; the hook finds everything closed.
      }
    }
  }
}
