package dev.multiarch.tekton.internal.spec;

import dev.multiarch.tekton.BuildResources;
import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.BuildTimeouts;
import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.ImageFormat;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.InvalidValueException;
import dev.multiarch.tekton.LayerCache;
import dev.multiarch.tekton.NativePlatform;
import dev.multiarch.tekton.NodeToleration;
import dev.multiarch.tekton.Placement;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.Proxy;
import dev.multiarch.tekton.Source;
import dev.multiarch.tekton.SpecField;
import dev.multiarch.tekton.SpecFileException;
import dev.multiarch.tekton.WorkspaceClaim;
import dev.multiarch.tekton.input.BoundedInput;
import dev.multiarch.tekton.input.InputException;
import dev.multiarch.tekton.input.InputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a spec file's text into a {@link BuildSpec}, see {@code dev.multiarch.tekton.SpecFile} for
 * the format. SnakeYAML composes the node tree (which keeps line numbers) within {@link
 * InputLimits#SPEC_FILE}; this class walks it.
 */
public final class SpecFileParser {

  public static final String API_VERSION = "multiarch-tekton.dev/v1alpha1";
  public static final String KIND = "MultiArchBuild";

  private final String file;
  private final Node root;

  private SpecFileParser(String file, Node root) {
    this.file = file;
    this.root = root;
  }

  /** The spec the YAML text describes; {@code file} names the text in messages. */
  public static BuildSpec parse(String yaml, String file) {
    SpecFileParser parser = new SpecFileParser(file, compose(yaml, file));
    return parser.checked(() -> parser.builder(true).build());
  }

  /**
   * The fields the YAML text sets, on a builder: every value is checked as {@link #parse} checks
   * it, but the required fields {@code metadata}, {@code spec.platforms} and {@code
   * spec.destination} may be left out, for the caller to set before {@link
   * BuildSpec.Builder#build()}.
   */
  public static BuildSpec.Builder parseBuilder(String yaml, String file) {
    SpecFileParser parser = new SpecFileParser(file, compose(yaml, file));
    return parser.checked(() -> parser.builder(false));
  }

  /**
   * The line of the text where {@code e}'s field is set (of its nearest ancestor if the field is
   * absent), for a value that became invalid only after the spec was read, or 0 if the text is not
   * a document.
   */
  public static int lineOf(String yaml, String file, InvalidValueException e) {
    try {
      return FieldLines.lineOf(compose(yaml, file), e.field(), e.value());
    } catch (SpecFileException notADocument) {
      return 0;
    }
  }

  private static Node compose(String yaml, String file) {
    Node root;
    try {
      root = BoundedInput.composeOne(file, yaml, InputLimits.SPEC_FILE);
    } catch (InputException e) {
      throw new SpecFileException(file, e.line(), "", e.problem(), e);
    }
    if (root == null) {
      throw new SpecFileException(file, 0, "", "empty; expected a " + KIND + " document", null);
    }
    return root;
  }

  private <T> T checked(Supplier<T> read) {
    try {
      return read.get();
    } catch (InvalidValueException e) {
      throw SpecFileException.of(file, FieldLines.lineOf(root, e.field(), e.value()), e);
    }
  }

  /** The builder of what the file sets; {@code strict}: the required fields must be there. */
  private BuildSpec.Builder builder(boolean strict) {
    YamlMap top = YamlMap.root(file, root, known(""));
    expect("apiVersion", top.requiredString("apiVersion"), API_VERSION);
    expect("kind", top.requiredString("kind"), KIND);
    YamlMap metadata =
        strict
            ? top.requiredMap("metadata", known("metadata"))
            : top.map("metadata", known("metadata"));
    String name =
        metadata == null
            ? null
            : strict ? metadata.requiredString("name") : metadata.string("name");
    String namespace =
        metadata == null
            ? null
            : strict ? metadata.requiredString("namespace") : metadata.string("namespace");
    YamlMap spec = top.requiredMap("spec", known("spec"));
    List<Platform> platforms = new ArrayList<>();
    List<String> platformTexts =
        strict ? spec.requiredStringList("platforms") : spec.stringList("platforms");
    for (String text : platformTexts == null ? List.<String>of() : platformTexts) {
      platforms.add(value("spec.platforms[" + platforms.size() + "]", text, Platform::parse));
    }
    YamlMap destination =
        strict
            ? spec.requiredMap("destination", known("spec.destination"))
            : spec.map("destination", known("spec.destination"));
    YamlMap imageStream = spec.map("imageStream", known("spec.imageStream"));
    YamlMap staging = spec.map("staging", known("spec.staging"));
    YamlMap workspace = spec.map("workspace", known("spec.workspace"));
    YamlMap proxy = spec.map("proxy", known("spec.proxy"));
    YamlMap pac = spec.map("pac", known("spec.pac"));
    YamlMap cache = spec.map("cache", known("spec.cache"));
    Boolean cleanup = spec.bool("cleanupEmulators");
    Boolean inline = spec.bool("inlineTasks");
    Boolean crossCompiled = spec.bool("crossCompiled");
    YamlMap timeouts = spec.map("timeouts", known("spec.timeouts"));
    YamlMap resources = spec.map("resources", known("spec.resources"));
    YamlMap buildResources =
        resources == null ? null : resources.map("build", known("spec.resources.build"));
    return BuildSpec.builder()
        .name(name)
        .namespace(namespace)
        .platforms(platforms)
        .nodePlatform(value("spec.nodePlatform", spec.string("nodePlatform"), Platform::parse))
        .nativePlatforms(nativePlatforms(spec.mapList("native", known("spec.native[]"))))
        .source(source(spec.map("source", known("spec.source"))))
        .imageStream(imageStream == null ? null : imageStream(imageStream, name))
        .stagingRepository(staging == null ? null : staging.string("repository"))
        .destination(
            destination == null
                ? null
                : Destination.of(
                    destination.requiredString("image"),
                    destination.stringList("tags"),
                    destination.string("credentialsSecret")))
        .serviceAccount(spec.string("serviceAccount"))
        .buildSecret(buildSecret(spec.map("source", known("spec.source"))))
        .caBundle(spec.string("caBundle"))
        .proxy(
            proxy == null
                ? null
                : new Proxy(
                    proxy.string("httpProxy"), proxy.string("httpsProxy"), proxy.string("noProxy")))
        .pacMaxKeepRuns(
            pac == null
                ? BuildSpec.DEFAULT_PAC_MAX_KEEP_RUNS
                : orElse(
                    value(
                        "spec.pac.maxKeepRuns",
                        pac.string("maxKeepRuns"),
                        BuildSpec::parsePacMaxKeepRuns),
                    BuildSpec.DEFAULT_PAC_MAX_KEEP_RUNS))
        .cache(cache == null ? null : layerCache(cache))
        .builderImage(spec.string("builderImage"))
        .binfmtImage(spec.string("binfmtImage"))
        .placement(value("spec.placement", spec.string("placement"), Placement::parse))
        .emulationNodeSelector(spec.stringMap("emulationNodeSelector"))
        .format(value("spec.format", spec.string("format"), ImageFormat::parse))
        .cleanupEmulators(cleanup != null && cleanup)
        .inlineTasks(inline != null && inline)
        .crossCompiled(crossCompiled != null && crossCompiled)
        .timeouts(
            timeouts == null
                ? null
                : new BuildTimeouts(
                    value("spec.timeouts.build", timeouts.string("build"), BuildTimeouts::parse),
                    value(
                        "spec.timeouts.manifest",
                        timeouts.string("manifest"),
                        BuildTimeouts::parse),
                    value(
                        "spec.timeouts.pipeline",
                        timeouts.string("pipeline"),
                        BuildTimeouts::parse)))
        .retries(
            orElse(
                value("spec.retries", spec.string("retries"), BuildSpec::parseRetries),
                BuildSpec.DEFAULT_RETRIES))
        .resources(
            buildResources == null
                ? null
                : new BuildResources(
                    buildResources.string("cpu"),
                    buildResources.string("memory"),
                    buildResources.string("ephemeralStorage"),
                    buildResources.string("cpuLimit")))
        .workspace(
            workspace == null
                ? null
                : new WorkspaceClaim(
                    workspace.string("storageClassName"), workspace.string("size")));
  }

  private static String buildSecret(YamlMap source) {
    return source == null ? null : source.string("buildSecret");
  }

  private static ImageStreamTarget imageStream(YamlMap imageStream, String specName) {
    String name = orElse(imageStream.string("name"), specName);
    if (name == null) {
      throw new InvalidValueException(
          "spec.imageStream.name",
          "",
          "a name, since the file leaves metadata.name out "
              + "(the ImageStream is named after it by default)");
    }
    Boolean importIndex = imageStream.bool("importIndex");
    return new ImageStreamTarget(
        name, imageStream.string("tag"), importIndex != null && importIndex);
  }

  private static List<NativePlatform> nativePlatforms(List<YamlMap> entries) {
    List<NativePlatform> natives = new ArrayList<>();
    if (entries == null) {
      return natives;
    }
    for (YamlMap entry : entries) {
      String at = "spec.native[" + natives.size() + "]";
      Platform platform =
          value(at + ".platform", entry.requiredString("platform"), Platform::parse);
      List<NodeToleration> tolerations = new ArrayList<>();
      // Kubernetes' Toleration fields: one row of the table, documented there.
      List<YamlMap> given = entry.mapList("tolerations", "key", "operator", "value", "effect");
      for (YamlMap toleration : given == null ? List.<YamlMap>of() : given) {
        try {
          tolerations.add(
              new NodeToleration(
                  toleration.string("key"),
                  toleration.string("operator"),
                  toleration.string("value"),
                  toleration.string("effect")));
        } catch (InvalidValueException e) {
          throw e.atField(at + ".tolerations[" + tolerations.size() + "]");
        }
      }
      try {
        natives.add(new NativePlatform(platform, entry.stringMap("nodeSelector"), tolerations));
      } catch (InvalidValueException e) {
        throw e.atField(at);
      }
    }
    return natives;
  }

  private static Source source(YamlMap source) {
    if (source == null) {
      return null;
    }
    YamlMap git = source.map("git", known("spec.source.git"));
    return new Source(
        git == null ? null : git.requiredString("url"),
        git == null ? null : git.string("revision"),
        source.string("context"),
        source.string("containerfile"),
        source.stringMap("buildArgs"),
        git == null ? null : git.string("credentialsSecret"),
        git == null ? null : git.string("sshSecret"));
  }

  /** The keys the field table allows in the map at {@code path}. */
  private static String[] known(String path) {
    return SpecField.keysUnder(path).toArray(String[]::new);
  }

  private static void expect(String field, String value, String only) {
    if (!value.equals(only)) {
      throw new InvalidValueException(field, value, only);
    }
  }

  /** The parsed value, or null if the text is absent; parse errors name {@code field}. */
  private static <T> T value(String field, String text, Function<String, T> parse) {
    try {
      return text == null ? null : parse.apply(text);
    } catch (InvalidValueException e) {
      throw e.atField(field);
    }
  }

  private static <T> T orElse(T value, T fallback) {
    return value == null ? fallback : value;
  }

  private static LayerCache layerCache(YamlMap cache) {
    Boolean includeNative = cache.bool("native");
    return new LayerCache(cache.string("repository"), includeNative != null && includeNative);
  }
}
