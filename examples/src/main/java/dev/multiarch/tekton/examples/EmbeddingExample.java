package dev.multiarch.tekton.examples;

import dev.multiarch.tekton.BuildSpec;
import dev.multiarch.tekton.Destination;
import dev.multiarch.tekton.GeneratedPipeline;
import dev.multiarch.tekton.ImageStreamTarget;
import dev.multiarch.tekton.MultiArchTekton;
import dev.multiarch.tekton.Platform;
import dev.multiarch.tekton.Source;
import io.fabric8.tekton.v1.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How another Java tool embeds multiarch-tekton: build a spec in code, generate, then use the
 * fabric8 objects or the YAML. Run it with {@code java ... EmbeddingExample [DIR]}; with DIR it
 * writes the folder that {@code oc apply -k} takes.
 */
public final class EmbeddingExample {

  private EmbeddingExample() {}

  /** The spec of this example: the same build as examples/hello/multiarch.yaml. */
  public static BuildSpec spec() {
    return BuildSpec.builder()
        .name("hello")
        .namespace("demo")
        .platforms(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))
        .source(new Source("https://github.com/example/hello.git", "main", null, null, Map.of()))
        .imageStream(new ImageStreamTarget("hello", "latest"))
        .destination(
            new Destination("quay.io/example/hello", List.of("1.0", "latest"), "quay-push"))
        .build();
  }

  public static void main(String[] args) {
    GeneratedPipeline generated = MultiArchTekton.from(spec()).generate();

    // The fabric8 objects are there to inspect or change before they are written or applied.
    Pipeline pipeline = generated.pipeline();
    System.err.println(
        "pipeline "
            + pipeline.getMetadata().getName()
            + " runs "
            + pipeline.getSpec().getTasks().size()
            + " tasks");

    if (args.length > 0) {
      generated.writeTo(Path.of(args[0]));
      generated.startCommands(Path.of(args[0])).forEach(System.err::println);
    } else {
      System.out.print(generated.toYaml());
    }
  }
}
