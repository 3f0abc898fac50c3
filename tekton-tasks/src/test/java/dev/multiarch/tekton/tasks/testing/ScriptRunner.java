package dev.multiarch.tekton.tasks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a rendered step script with bash on this host the way a Tekton step would: it does Tekton's
 * one in-script substitution, {@code $(results.X.path)}, into a results directory, and passes env
 * and args.
 */
public final class ScriptRunner {

  /** What a run left behind: exit code, both streams, and the results directory. */
  public record Run(int exitCode, String stdout, String stderr, Path results) {

    /** The content of result {@code name}, or null if the script did not write it. */
    public String result(String name) throws IOException {
      Path file = results.resolve(name);
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }
  }

  private ScriptRunner() {}

  /**
   * The build script's params as a test of one of its parts passes them: {@code platform}, image
   * {@code quay.io/org/app:tag}, no git URL, the context {@code .} of {@code sourceDir} with its
   * {@code Containerfile}, OCI format, TLS verified, vfs storage. The map is the test's to change.
   */
  public static Map<String, String> buildParams(String platform, String tag, Path sourceDir) {
    Map<String, String> env = new HashMap<>();
    env.put("PLATFORM", platform);
    env.put("IMAGE", "quay.io/org/app");
    env.put("TAG", tag);
    env.put("GIT_URL", "");
    env.put("CONTEXT", ".");
    env.put("CONTAINERFILE", "Containerfile");
    env.put("SOURCE_DIR", sourceDir.toString());
    env.put("FORMAT", "oci");
    env.put("TLS_VERIFY", "true");
    env.put("STORAGE_DRIVER", "vfs");
    return env;
  }

  /**
   * Runs {@code script} in a clean environment plus {@code env}, with files under {@code workDir}.
   */
  public static Run run(Path workDir, String script, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path results = Files.createDirectories(workDir.resolve("results"));
    String substituted =
        script.replaceAll(
            "\\$\\(results\\.([A-Za-z0-9_.-]+)\\.path\\)",
            results.toString().replace("\\", "\\\\").replace("$", "\\$") + "/$1");
    Path file = workDir.resolve("script.sh");
    Files.writeString(file, substituted, StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(List.of("bash", file.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectOutput(workDir.resolve("stdout").toFile())
            .redirectError(workDir.resolve("stderr").toFile());
    Map<String, String> environment = builder.environment();
    String path = environment.get("PATH");
    environment.clear();
    environment.put("PATH", path == null ? "/usr/local/bin:/usr/bin:/bin" : path);
    environment.put("HOME", workDir.toString());
    environment.putAll(env);
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("script finished within 60 s").isTrue();
    return new Run(
        process.exitValue(),
        Files.readString(workDir.resolve("stdout"), StandardCharsets.UTF_8),
        Files.readString(workDir.resolve("stderr"), StandardCharsets.UTF_8),
        results);
  }
}
