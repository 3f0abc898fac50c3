package dev.multiarch.tekton.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one way this project reads a file it is given and composes YAML: the spec reader and {@code
 * validate} both come here, so both refuse the same hostile input the same way, as one {@link
 * InputException} naming the file (and line) and the limit, long before time or memory run out.
 * Reading refuses a path that is not a regular file (a FIFO would block forever, a device never
 * end) before opening it; only standard input may be a pipe, and it is read up to the size limit.
 * Composing refuses long lines, deep nesting, too many nodes, and aliases that expand past the node
 * budget ({@link AliasBudget}).
 */
public final class BoundedInput {

  // Names of this process's standard input; read from the open descriptor, since reopening a pipe
  // blocks when
  // its writer has already closed it.
  private static final Set<String> STANDARD_INPUT =
      Set.of("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0");

  // A regular file whose read blocks (/proc/kmsg) must not hang a command: a regular file that
  // gives nothing for this long is refused.
  private static final Duration READ_TIME = Duration.ofSeconds(30);

  // The kernel's pseudo-file systems: their "regular files" may block (/proc/kmsg), never end, or
  // hold another process's secrets (/proc/self/environ); a link in a folder must not lead a read
  // there.
  private static final List<Path> KERNEL_FOLDERS =
      List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));

  private BoundedInput() {}

  /**
   * Why {@code file} is not read, if it reaches {@code /proc}, {@code /sys} or {@code /dev} through
   * a link: {@code a link to /proc/kmsg (files under /proc, /sys and /dev are not read through a
   * link)}. Found from where the link leads, without opening anything.
   */
  public static Optional<String> linkIntoKernelFiles(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path real;
    try {
      real = file.toRealPath();
    } catch (IOException e) {
      return Optional.empty(); // the read says why it cannot be read
    }
    if (real.equals(absolute)) {
      return Optional.empty(); // named as it is: no link followed
    }
    for (Path kernel : KERNEL_FOLDERS) {
      if (real.startsWith(kernel) && !absolute.startsWith(kernel)) {
        return Optional.of(
            "a link to "
                + real
                + " (files under /proc, /sys and /dev are not read through a link)");
      }
    }
    return Optional.empty();
  }

  /**
   * At most {@code max} bytes of {@code file}, refused if the read takes longer than {@code time}:
   * the reading thread is a daemon, so one left blocked does not keep the command running.
   */
  static byte[] readWithin(Path file, int max, Duration time) throws IOException {
    FutureTask<byte[]> read =
        new FutureTask<>(
            () -> {
              try (InputStream in = Files.newInputStream(file)) {
                return in.readNBytes(max);
              }
            });
    Thread reader = new Thread(read, "read " + file.getFileName());
    reader.setDaemon(true);
    reader.start();
    try {
      return read.get(time.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      read.cancel(true);
      throw new InputException(
          file.toString(),
          0,
          "cannot read: the read did not end within "
              + time.toSeconds()
              + " s; a file that blocks (a device or kernel file) is not read",
          null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(file.toString(), 0, "cannot read: interrupted", e);
    }
  }

  /**
   * The text of {@code file}, UTF-8, at most {@code limits.maxBytes()} bytes.
   *
   * @throws InputException if it cannot be read, is not a regular file (nor standard input), is too
   *     large or is not UTF-8
   */
  public static String read(Path file, InputLimits limits) {
    String name = file.toString();
    if (name.isEmpty()) {
      throw new InputException(name, 0, "an empty path names no file", null);
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new InputException(
          name,
          0,
          "cannot read: "
              + (Files.isSymbolicLink(file) ? FileKinds.describe(file) : IoReasons.of(e)),
          e);
    }
    boolean standardInput =
        STANDARD_INPUT.contains(file.toAbsolutePath().normalize().toString())
            && !attributes.isRegularFile()
            && FileKinds.isPipe(file);
    Optional<String> kernelLink = standardInput ? Optional.empty() : linkIntoKernelFiles(file);
    if (kernelLink.isPresent()) {
      throw new InputException(name, 0, "cannot read: " + kernelLink.get(), null);
    }
    if (!attributes.isRegularFile() && !standardInput) {
      throw new InputException(
          name, 0, "cannot read: " + FileKinds.describe(file) + ", not a regular file", null);
    }
    if (attributes.size() > limits.maxBytes()) {
      throw tooLarge(name, limits);
    }
    byte[] bytes;
    try {
      if (standardInput) {
        bytes = System.in.readNBytes(limits.maxBytes() + 1);
      } else {
        bytes = readWithin(file, limits.maxBytes() + 1, READ_TIME);
      }
    } catch (IOException e) {
      throw new InputException(name, 0, "cannot read: " + IoReasons.of(e), e);
    }
    if (bytes.length > limits.maxBytes()) {
      throw tooLarge(name, limits);
    }
    return decode(name, bytes);
  }

  /**
   * Composes every document of {@code text} into SnakeYAML node trees, which keep line numbers.
   *
   * @throws InputException if the text is over a limit or not YAML
   */
  public static List<Node> composeAll(String name, String text, InputLimits limits) {
    BoundedComposer composer = composer(name, text, limits);
    List<Node> documents = new ArrayList<>();
    AliasBudget budget = new AliasBudget(name, limits);
    try {
      while (composer.checkNode()) {
        Node document = composer.getNode();
        budget.check(document);
        documents.add(document);
      }
    } catch (YAMLException e) {
      throw notYaml(name, e);
    }
    return documents;
  }

  /**
   * Composes the one document of {@code text}, or returns null if it holds none.
   *
   * @throws InputException if the text is over a limit, not YAML or holds several documents
   */
  public static Node composeOne(String name, String text, InputLimits limits) {
    BoundedComposer composer = composer(name, text, limits);
    try {
      Node document = composer.getSingleNode();
      if (document != null) {
        new AliasBudget(name, limits).check(document);
      }
      return document;
    } catch (YAMLException e) {
      throw notYaml(name, e);
    }
  }

  private static BoundedComposer composer(String name, String text, InputLimits limits) {
    if (text.length() > limits.maxBytes()) {
      throw tooLarge(name, limits);
    }
    checkLines(name, text, limits);
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(limits.maxBytes());
    options.setNestingDepthLimit(limits.maxDepth());
    // Aliases are bounded by what they expand to (AliasBudget), not by how many there are.
    options.setMaxAliasesForCollections(Integer.MAX_VALUE);
    return new BoundedComposer(
        name, limits, new ParserImpl(new StreamReader(new StringReader(text)), options), options);
  }

  private static void checkLines(String name, String text, InputLimits limits) {
    int line = 1;
    int start = 0;
    int end = text.length();
    for (int i = 0; i <= end; i++) {
      char c = i < end ? text.charAt(i) : '\n';
      if (c != '\n' && c != '\r') {
        continue;
      }
      if (i - start > limits.maxLineLength()) {
        throw new InputException(
            name,
            line,
            "a line longer than "
                + limits.maxLineLength()
                + " characters, the limit for "
                + limits.what(),
            null);
      }
      if (c == '\r' && i + 1 < end && text.charAt(i + 1) == '\n') {
        i++;
      }
      line++;
      start = i + 1;
    }
  }

  private static String decode(String name, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        line += bytes[i] == '\n' ? 1 : 0;
      }
      throw new InputException(name, line, "not UTF-8 text", null);
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  static InputException tooLarge(String name, InputLimits limits) {
    return new InputException(
        name,
        0,
        "larger than " + InputLimits.size(limits.maxBytes()) + ", the limit for " + limits.what(),
        null);
  }

  private static InputException notYaml(String name, YAMLException e) {
    if (e instanceof MarkedYAMLException marked) {
      Mark mark =
          marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
      String context = marked.getContext() == null ? "" : marked.getContext() + ", ";
      String problem = marked.getProblem() == null ? marked.getMessage() : marked.getProblem();
      return new InputException(
          name, mark == null ? 0 : mark.getLine() + 1, "not valid YAML: " + context + problem, e);
    }
    return new InputException(name, 0, "not valid YAML: " + e.getMessage(), e);
  }

  /**
   * SnakeYAML's composer, counting the nodes it makes and refusing anchors where they are not
   * allowed.
   */
  private static final class BoundedComposer extends Composer {

    private final String name;
    private final InputLimits limits;
    private int nodes;

    BoundedComposer(String name, InputLimits limits, ParserImpl parser, LoaderOptions options) {
      super(parser, new Resolver(), options);
      this.name = name;
      this.limits = limits;
    }

    @Override
    protected Node composeScalarNode(String anchor, List<CommentLine> comments) {
      admit(anchor);
      return super.composeScalarNode(anchor, comments);
    }

    @Override
    protected Node composeSequenceNode(String anchor) {
      admit(anchor);
      return super.composeSequenceNode(anchor);
    }

    @Override
    protected Node composeMappingNode(String anchor) {
      admit(anchor);
      return super.composeMappingNode(anchor);
    }

    private void admit(String anchor) {
      Mark mark = parser.peekEvent().getStartMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      if (anchor != null && !limits.aliases()) {
        throw new InputException(
            name,
            line,
            "anchor '&"
                + anchor
                + "': "
                + limits.what()
                + " takes no anchors or aliases (&name, *name); write the value out",
            null);
      }
      if (++nodes > limits.maxNodes()) {
        throw new InputException(
            name,
            line,
            "more than " + limits.maxNodes() + " YAML nodes, the limit for " + limits.what(),
            null);
      }
    }
  }
}
