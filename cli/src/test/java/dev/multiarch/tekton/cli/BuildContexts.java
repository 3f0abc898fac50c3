package dev.multiarch.tekton.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Build contexts made in the test: FROM scratch, a static busybox per architecture (Debian's
 * busybox-static for amd64, arm64 and armhf, fetched once with apt-get download and kept in
 * target/), and exec-form RUNs, since scratch has no shell.
 */
final class BuildContexts {

  /**
   * Buildah's TARGETARCH (the context folder) to Debian's architecture of the busybox-static
   * package.
   */
  static final Map<String, String> ARCHES =
      Map.of("amd64", "amd64", "arm64", "arm64", "arm", "armhf");

  private static final Path CACHE = Path.of("target", "e2e-cache").toAbsolutePath();

  private BuildContexts() {}

  /**
   * The files of folder {@code work} committed on branch main and cloned to the bare repository
   * {@code bare}, as a git server would serve them; gives the commit.
   */
  static String bareRepository(Path work, Path bare) throws IOException {
    String commit = committed(work, "main");
    Files.createDirectories(bare.getParent());
    Commands.run("git", "clone", "-q", "--bare", work.toString(), bare.toString());
    return commit;
  }

  /** The files of folder {@code work} committed on {@code branch} of a new repository there. */
  static String committed(Path work, String branch) throws IOException {
    Commands.run("git", "-C", work.toString(), "init", "-q", "-b", branch);
    Commands.run("git", "-C", work.toString(), "add", ".");
    Commands.run(
        "git",
        "-C",
        work.toString(),
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@example.com",
        "commit",
        "-q",
        "-m",
        "context");
    return Commands.run("git", "-C", work.toString(), "rev-parse", "HEAD").strip();
  }

  /**
   * A context whose RUN writes {@code uname -m} to /arch.txt, plus {@code extraRun} instructions if
   * any.
   */
  static Path unameContext(Path dir, String... extraInstructions) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> arch : ARCHES.entrySet()) {
      Path target = dir.resolve(arch.getKey()).resolve("busybox");
      Files.createDirectories(target.getParent());
      Files.copy(busybox(arch.getValue()), target, StandardCopyOption.REPLACE_EXISTING);
    }
    StringBuilder containerfile =
        new StringBuilder()
            .append("FROM scratch\n")
            .append("ARG TARGETARCH\n")
            .append("COPY ${TARGETARCH}/busybox /bin/busybox\n")
            .append(
                "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"/bin/busybox uname -m > /arch.txt\"]\n");
    for (String instruction : extraInstructions) {
      containerfile.append(instruction).append('\n');
    }
    containerfile.append("ENTRYPOINT [\"/bin/busybox\"]\n");
    Files.writeString(dir.resolve("Containerfile"), containerfile.toString());
    return dir;
  }

  /** Debian's static busybox for the Debian architecture {@code arch}, downloaded on first use. */
  static synchronized Path busybox(String arch) throws IOException {
    Path binary = CACHE.resolve(arch).resolve("bin/busybox");
    if (Files.isExecutable(binary)) {
      return binary;
    }
    Files.createDirectories(CACHE);
    // Retries: a mirror can drop a download now and then; that is no fault of the code under test.
    Commands.Output download =
        Commands.tryRun(
            CACHE,
            "apt-get",
            "download",
            "-q",
            "-o",
            "APT::Sandbox::User=root",
            "-o",
            "Acquire::Retries=3",
            "busybox-static:" + arch);
    if (download.code() != 0) {
      throw new AssertionError(
          "cannot download busybox-static:"
              + arch
              + " (the e2e tests need Debian's "
              + "busybox-static for amd64, arm64 and armhf; run 'dpkg --add-architecture arm64 && dpkg"
              + " --add-architecture armhf && apt-get update' first, as .ci/run does):\n"
              + download.text());
    }
    try (var debs = Files.list(CACHE)) {
      Path deb =
          debs.filter(
                  p ->
                      p.getFileName().toString().startsWith("busybox-static_")
                          && p.getFileName().toString().endsWith("_" + arch + ".deb"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "apt-get download left no busybox-static deb for " + arch));
      Commands.run("dpkg", "-x", deb.toString(), CACHE.resolve(arch).toString());
    }
    return binary;
  }
}
