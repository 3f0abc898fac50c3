package dev.multiarch.tekton.local;

import dev.multiarch.tekton.input.IoReasons;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The registries.conf every step of a run reads instead of the host's ({@code
 * CONTAINERS_REGISTRIES_CONF}): the host's {@code /etc/containers/registries.conf} as it is, plus a
 * {@code [[registry]]} table that marks the loopback registry {@code insecure}. So that registry is
 * the only one reached without TLS verification, as a cluster's internal registry is the only one
 * it trusts through its own CA, while a FROM image's registry is verified as on a cluster. The
 * drop-ins of {@code /etc/containers/registries.conf.d} are still read: containers/image's
 * sysregistriesv2.newConfigWrapperWithHomeDir keeps the system drop-in folder when only the main
 * file's path is given.
 */
final class RegistriesConf {

  /** The host's file, as containers/image names it (sysregistriesv2, systemRegistriesConfPath). */
  static final Path HOST_FILE = Path.of("/etc/containers/registries.conf");

  /**
   * A table or dotted key of the v1 format ({@code [registries.search]}, {@code
   * [registries.insecure]}, {@code [registries.block]}); containers/image refuses a file that mixes
   * it with v2's {@code [[registry]]} ("mixing sysregistry v1/v2 is not supported",
   * sysregistriesv2.loadConfigFile).
   */
  private static final Pattern V1 =
      Pattern.compile("(?m)^\\s*(\\[\\s*\"?registries\"?\\s*[.\\]]|\"?registries\"?\\s*[.=])");

  private RegistriesConf() {}

  /**
   * Writes {@code dir/registries.conf}: {@code hostFile}'s content, if it exists, then the table of
   * {@code registry}.
   *
   * @throws LocalRunException when {@code hostFile} is in the v1 format, or cannot be read or
   *     written
   */
  static Path write(Path hostFile, String registry, Path dir) {
    String host;
    try {
      host = Files.readString(hostFile, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      host = "";
    } catch (IOException e) {
      throw new LocalRunException("cannot read " + hostFile + ": " + IoReasons.of(e), e);
    }
    if (V1.matcher(host).find()) {
      throw new LocalRunException(
          hostFile
              + " is in the v1 format ([registries.search], [registries.insecure] or"
              + " [registries.block]), to which run-local cannot add the [[registry]] table that"
              + " lets its steps reach "
              + registry
              + " without TLS; convert it to the v2 format ([[registry]] tables,"
              + " unqualified-search-registries: man containers-registries.conf)");
    }
    StringBuilder text = new StringBuilder(host);
    if (!host.isEmpty() && !host.endsWith("\n")) {
      text.append('\n');
    }
    text.append("\n# Added by multiarch-tekton run-local: its loopback registry, without TLS.\n")
        .append("[[registry]]\nlocation = \"")
        .append(registry)
        .append("\"\ninsecure = true\n");
    Path file = dir.resolve("registries.conf");
    try {
      Files.createDirectories(dir);
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LocalRunException("cannot write " + file + ": " + IoReasons.of(e), e);
    }
    return file;
  }
}
