package dev.multiarch.tekton.cluster.internal;

import dev.multiarch.tekton.cluster.ClusterAccess;
import dev.multiarch.tekton.cluster.ClusterException;
import dev.multiarch.tekton.cluster.ClusterException.Reason;
import dev.multiarch.tekton.text.Printable;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A time bound on reading the kubeconfig, which runs the user's exec credential plugin: fabric8
 * 7.1.0 waits for the plugin without end ({@code KubeConfigUtils.getExecCredentialFromExecConfig}
 * reads its output whole, then calls {@code Process.waitFor()}). A plugin that hangs is a cluster
 * problem named by its command, never its arguments (they may hold a secret).
 */
final class CredentialPlugins {

  private CredentialPlugins() {}

  static Config bounded(Supplier<Config> configure, Duration limit, ClusterAccess access) {
    Instant started = Instant.now();
    CompletableFuture<Config> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(configure.get());
              } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
              }
            },
            "kubeconfig");
    thread.setDaemon(true);
    thread.start();
    try {
      return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) e.getCause();
    } catch (TimeoutException e) {
      thread.interrupt();
      // The plugin is our child: it ends with the command that started it.
      ProcessHandle.current()
          .descendants()
          .filter(
              process ->
                  process
                      .info()
                      .startInstant()
                      .map(start -> !start.isBefore(started.minusSeconds(1)))
                      .orElse(false))
          .forEach(ProcessHandle::destroyForcibly);
      throw new ClusterException(
          Reason.UNREACHABLE,
          pluginCommand(access)
                  .map(
                      command ->
                          "the kubeconfig's credential plugin '" + Printable.line(command) + "'")
                  .orElse("reading the kubeconfig")
              + " did not end within "
              + limit.toSeconds()
              + " s; run it yourself to see what it waits for (a login, a network)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException(Reason.UNREACHABLE, "interrupted while reading the kubeconfig");
    }
  }

  /** The exec command of the user of the context in use, if the kubeconfig names one. */
  private static Optional<String> pluginCommand(ClusterAccess access) {
    try {
      List<Path> files = access.kubeconfig().map(List::of).orElseGet(KubeconfigCheck::defaultFiles);
      for (Path file : files) {
        io.fabric8.kubernetes.api.model.Config config = Clients.parse(file, "kubeconfig " + file);
        String context = access.context().orElse(config.getCurrentContext());
        Optional<String> user =
            config.getContexts() == null
                ? Optional.empty()
                : config.getContexts().stream()
                    .filter(named -> Objects.equals(named.getName(), context))
                    .map(NamedContext::getContext)
                    .filter(Objects::nonNull)
                    .map(c -> c.getUser())
                    .filter(Objects::nonNull)
                    .findFirst();
        if (user.isEmpty() || config.getUsers() == null) {
          continue;
        }
        Optional<String> command =
            config.getUsers().stream()
                .filter(named -> user.get().equals(named.getName()))
                .map(NamedAuthInfo::getUser)
                .filter(Objects::nonNull)
                .map(AuthInfo::getExec)
                .filter(Objects::nonNull)
                .map(exec -> exec.getCommand())
                .filter(Objects::nonNull)
                .findFirst();
        if (command.isPresent()) {
          return command;
        }
      }
    } catch (RuntimeException e) {
      // the kubeconfig was read once already: the message names no command then
    }
    return Optional.empty();
  }
}
