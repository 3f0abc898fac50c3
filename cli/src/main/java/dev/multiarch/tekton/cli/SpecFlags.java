package dev.multiarch.tekton.cli;

import dev.multiarch.tekton.BuildResources;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.ImageFormat;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.LayerCache;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.Proxy;
import dev.multiarch.tekton.Source;
import dev.multiarch.tekton.SpecField;
import dev.multiarch.tekton.SpecFile;
import dev.multiarch.tekton.SpecFileException;
import dev.multiarch.tekton.WorkspaceClaim;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.cli.CommandLine;

/**
 * The spec flags of a command line, applied as typed calls on {@link BuildSpec#toBuilder()} of the
 * spec file's spec (or on an empty builder without a file), as jib-cli maps its build file onto the
 * core builder. Each flag's text is parsed where the flag is read ({@code Platform.parse} for
 * {@code --platforms}); a value the spec refuses afterwards is reported by its {@link
 * dev.multiarch.tekton.FieldPath}: against the flag that set it, at its line of the spec file when
 * the file set it, or as a missing flag when there is no file.
 *
 * <p>Every flag replaces what the file gave, except {@code --build-arg} and {@code
 * --emulation-node-selector}, whose entries are set into the file's map. {@code --destination
 * IMAGE[:TAG]} and {@code --tags} together stand for the file's {@code destination.image} and
 * {@code destination.tags}: the spec keeps the first tag with the image, the others as {@code
 * tags}; a destination tagged only with the default {@code latest} counts as untagged.
 */
final class SpecFlags {

  /** How messages name the flags when they are the whole spec. */
  static final String COMMAND_LINE = "command line";

  private final CommandLine line;
  private final List<Flag> given;

  private SpecFlags(CommandLine line, List<Flag> given) {
    this.line = line;
    this.given = given;
  }

  static SpecFlags from(CommandLine line) {
    return new SpecFlags(
        line, Arrays.stream(Flag.values()).filter(flag -> line.hasOption(flag.longName)).toList());
  }

  /** The spec flags that were given, in the table's order. */
  List<Flag> given() {
    return given;
  }

  /**
   * The spec of {@code file} (or of the flags alone) with every flag applied.
   *
   * @throws InvalidValueException naming the flag whose value is not allowed
   * @throws dev.multiarch.tekton.SpecFileException if the file cannot be read or holds a value not
   *     allowed
   * @throws CommandLines.UsageException naming a missing flag, without a file
   */
  BuildSpec spec(Optional<Path> file) {
    BuildSpec.Builder builder = file.map(SpecFile::readBuilder).orElseGet(BuildSpec::builder);
    try {
      return applyTo(builder).build();
    } catch (InvalidValueException e) {
      throw explained(e, file);
    }
  }

  /** The flags set onto {@code builder}, which holds what the spec file set (or nothing). */
  private BuildSpec.Builder applyTo(BuildSpec.Builder builder) {
    // Read before --name changes the builder's name: an ImageStream named after the file's name
    // follows --name.
    Optional<ImageStreamTarget> imageStream = imageStream(builder);
    text(Flag.NAME).ifPresent(builder::name);
    text(Flag.NAMESPACE).ifPresent(builder::namespace);
    if (given.contains(Flag.PLATFORMS)) {
      builder.platforms(
          Arrays.stream(text(Flag.PLATFORMS).orElseThrow().split(",", -1))
              .map(item -> parsed(Flag.PLATFORMS, item, Platform::parse))
              .toList());
    }
    value(Flag.NODE_PLATFORM, Platform::parse).ifPresent(builder::nodePlatform);
    if (given.contains(Flag.NATIVE)
        || given.contains(Flag.NATIVE_NODE_SELECTOR)
        || given.contains(Flag.NATIVE_TOLERATION)) {
      builder.nativePlatforms(NativeFlags.platforms(line));
    }
    if (givenAny(
        Flag.GIT_URL,
        Flag.GIT_REVISION,
        Flag.GIT_CREDENTIALS_SECRET,
        Flag.GIT_SSH_SECRET,
        Flag.CONTEXT,
        Flag.CONTAINERFILE,
        Flag.BUILD_ARG)) {
      Source from = builder.source();
      builder.source(
          new Source(
              text(Flag.GIT_URL).orElse(from.gitUrl()),
              text(Flag.GIT_REVISION).orElse(from.gitRevision()),
              text(Flag.CONTEXT).orElse(from.context()),
              text(Flag.CONTAINERFILE).orElse(from.containerfile()),
              merged(from.buildArgs(), Flag.BUILD_ARG),
              text(Flag.GIT_CREDENTIALS_SECRET).orElse(from.credentialsSecret()),
              text(Flag.GIT_SSH_SECRET).orElse(from.sshSecret())));
    }
    imageStream.ifPresent(builder::imageStream);
    if (given.contains(Flag.IMPORT_INDEX)) {
      ImageStreamTarget target = builder.imageStream();
      if (target == null && builder.name() != null) {
        target = ImageStreamTarget.of(builder.name());
      }
      if (target != null) {
        builder.imageStream(target.withImportIndex(true));
      }
    }
    text(Flag.STAGING_REPOSITORY).ifPresent(builder::stagingRepository);
    destination(builder).ifPresent(builder::destination);
    text(Flag.SERVICE_ACCOUNT).ifPresent(builder::serviceAccount);
    text(Flag.BUILD_SECRET).ifPresent(builder::buildSecret);
    text(Flag.CA_BUNDLE).ifPresent(builder::caBundle);
    if (givenAny(Flag.HTTP_PROXY, Flag.HTTPS_PROXY, Flag.NO_PROXY)) {
      Proxy from = builder.proxy();
      builder.proxy(
          new Proxy(
              text(Flag.HTTP_PROXY).orElse(from.httpProxy()),
              text(Flag.HTTPS_PROXY).orElse(from.httpsProxy()),
              text(Flag.NO_PROXY).orElse(from.noProxy())));
    }
    if (givenAny(Flag.CACHE_REPOSITORY, Flag.CACHE_NATIVE)) {
      LayerCache from = builder.cache();
      builder.cache(
          new LayerCache(
              text(Flag.CACHE_REPOSITORY).orElse(from.repository()),
              given.contains(Flag.CACHE_NATIVE) || from.includeNative()));
    }
    text(Flag.BUILDER_IMAGE).ifPresent(builder::builderImage);
    text(Flag.BINFMT_IMAGE).ifPresent(builder::binfmtImage);
    value(Flag.PLACEMENT, Placement::parse).ifPresent(builder::placement);
    if (given.contains(Flag.EMULATION_NODE_SELECTOR)) {
      // The builder holds no default selector (that is placement daemonset's), only the file's
      // entries, if any.
      builder.emulationNodeSelector(
          merged(builder.emulationNodeSelector(), Flag.EMULATION_NODE_SELECTOR));
    }
    value(Flag.FORMAT, ImageFormat::parse).ifPresent(builder::format);
    if (given.contains(Flag.CLEANUP_EMULATORS)) {
      builder.cleanupEmulators(true);
    }
    if (given.contains(Flag.INLINE_TASKS)) {
      builder.inlineTasks(true);
    }
    if (givenAny(Flag.BUILD_TIMEOUT, Flag.MANIFEST_TIMEOUT, Flag.PIPELINE_TIMEOUT)) {
      BuildTimeouts from = builder.timeouts();
      builder.timeouts(
          new BuildTimeouts(
              value(Flag.BUILD_TIMEOUT, BuildTimeouts::parse).orElse(from.build()),
              value(Flag.MANIFEST_TIMEOUT, BuildTimeouts::parse).orElse(from.manifest()),
              value(Flag.PIPELINE_TIMEOUT, BuildTimeouts::parse).orElse(from.pipeline())));
    }
    value(Flag.RETRIES, BuildSpec::parseRetries).ifPresent(builder::retries);
    value(Flag.PAC_MAX_KEEP_RUNS, BuildSpec::parsePacMaxKeepRuns)
        .ifPresent(builder::pacMaxKeepRuns);
    if (givenAny(
        Flag.BUILD_CPU, Flag.BUILD_MEMORY, Flag.BUILD_EPHEMERAL_STORAGE, Flag.BUILD_CPU_LIMIT)) {
      BuildResources from = builder.resources();
      builder.resources(
          new BuildResources(
              text(Flag.BUILD_CPU).orElse(from.cpu()),
              text(Flag.BUILD_MEMORY).orElse(from.memory()),
              text(Flag.BUILD_EPHEMERAL_STORAGE).orElse(from.ephemeralStorage()),
              text(Flag.BUILD_CPU_LIMIT).orElse(from.cpuLimit())));
    }
    if (givenAny(Flag.STORAGE_CLASS, Flag.WORKSPACE_SIZE)) {
      WorkspaceClaim from = builder.workspace();
      builder.workspace(
          new WorkspaceClaim(
              text(Flag.STORAGE_CLASS).orElse(from.storageClassName()),
              text(Flag.WORKSPACE_SIZE).orElse(from.size())));
    }
    if (given.contains(Flag.CROSS_COMPILED)) {
      builder.crossCompiled(true);
    }
    return builder;
  }

  /**
   * The ImageStream the flags name, if they change it. As in a spec file, one that no flag or file
   * names is named after the spec, so {@code --name} renames it too.
   */
  private Optional<ImageStreamTarget> imageStream(BuildSpec.Builder base) {
    ImageStreamTarget from = base.imageStream();
    boolean namedAfterSpec = from == null || from.name().equals(base.name());
    if (!givenAny(Flag.IMAGE_STREAM, Flag.TAG) && !(given.contains(Flag.NAME) && namedAfterSpec)) {
      return Optional.empty();
    }
    String tag = text(Flag.TAG).orElse(from == null ? null : from.tag());
    if (given.contains(Flag.IMAGE_STREAM) || !namedAfterSpec) {
      return Optional.of(
          new ImageStreamTarget(
              text(Flag.IMAGE_STREAM).orElseGet(() -> from.name()), tag, imports(from)));
    }
    Optional<String> name = text(Flag.NAME).or(() -> Optional.ofNullable(base.name()));
    try {
      return name.map(n -> new ImageStreamTarget(n, tag, imports(from)));
    } catch (InvalidValueException e) {
      // A bad name is the name's problem, which the spec's own check of the name reports; so is a
      // missing one.
      if (e.path().map(path -> path.field() == SpecField.IMAGE_STREAM_NAME).orElse(false)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static boolean imports(ImageStreamTarget from) {
    return from != null && from.importIndex();
  }

  private Optional<Destination> destination(BuildSpec.Builder base) {
    if (!givenAny(Flag.DESTINATION, Flag.TAGS, Flag.CREDENTIALS_SECRET)) {
      return Optional.empty();
    }
    Destination from = base.destination();
    // Only the default tag: the file gave none, so --tags replaces it rather than following it.
    boolean untagged = from != null && from.tags().equals(List.of(Destination.DEFAULT_TAG));
    Optional<String> image =
        text(Flag.DESTINATION)
            .or(() -> Optional.ofNullable(from).map(d -> untagged ? d.repository() : d.image()));
    List<String> moreTags =
        text(Flag.TAGS)
            .map(tags -> List.of(tags.split(",", -1)))
            .orElse(
                from == null
                    ? null
                    : from.tags().subList(untagged ? from.tags().size() : 1, from.tags().size()));
    String secret =
        text(Flag.CREDENTIALS_SECRET).orElse(from == null ? null : from.credentialsSecret());
    // Without an image the spec's own check says the destination is missing.
    return image.map(i -> Destination.of(i, moreTags, secret));
  }

  /**
   * A value the spec refused, named as the user gave it: the flag that set it, else the file's
   * line, else (no file) the flag that would set the missing value.
   */
  RuntimeException explained(InvalidValueException e, Optional<Path> file) {
    Optional<Flag> flag = e.path().flatMap(path -> Flag.of(path.field()));
    if (flag.isPresent() && given.contains(flag.get())) {
      return new InvalidValueException("--" + flag.get().longName, e.value(), e.allowed());
    }
    if (e.path().isEmpty()) {
      return e;
    }
    if (file.isPresent()) {
      Optional<SpecFileException> ownProblem = ownProblem(file.get());
      if (ownProblem.isPresent()) {
        return ownProblem.get();
      }
      return SpecFile.problemAt(file.get(), e);
    }
    if (flag.isPresent() && (e.value().isEmpty() || e.value().equals("[]"))) {
      return new CommandLines.UsageException(
          COMMAND_LINE
              + ": --"
              + flag.get().longName
              + ": required (or give a"
              + " spec file with -f that sets "
              + e.field()
              + ")",
          e);
    }
    return e;
  }

  /**
   * What the spec file read alone says is wrong with it, unless a flag mends that: a required field
   * it leaves out that no flag gives is reported as the file's, at its line, as before flags were
   * read. A pipe is not read again.
   */
  private Optional<SpecFileException> ownProblem(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      SpecFile.read(file);
      return Optional.empty();
    } catch (SpecFileException problem) {
      boolean mendedByFlag =
          problem.path().flatMap(path -> Flag.of(path.field())).filter(given::contains).isPresent();
      return mendedByFlag ? Optional.empty() : Optional.of(problem);
    }
  }

  private boolean givenAny(Flag... flags) {
    return Arrays.stream(flags).anyMatch(given::contains);
  }

  private Optional<String> text(Flag flag) {
    return Optional.ofNullable(line.getOptionValue(flag.longName));
  }

  private <T> Optional<T> value(Flag flag, Function<String, T> parse) {
    return text(flag).map(text -> parsed(flag, text, parse));
  }

  /** The parsed text; a problem without a field (the text itself is bad) names the flag. */
  static <T> T parsed(Flag flag, String text, Function<String, T> parse) {
    try {
      return parse.apply(text);
    } catch (InvalidValueException e) {
      throw e.field().isEmpty() ? e.atField("--" + flag.longName) : e;
    }
  }

  /**
   * The map with the flag's {@code KEY=VALUE} entries set into it: a key given again takes the
   * flag's value.
   */
  private Map<String, String> merged(Map<String, String> from, Flag flag) {
    Map<String, String> merged = new LinkedHashMap<>(from);
    merged.putAll(
        CommandLines.entries(
            "--" + flag.longName, line.getOptionValues(flag.longName), "KEY=VALUE"));
    return merged;
  }
}
