package dev.multiarch.tekton.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The reactor's shape: each module owns its Java packages, and nothing in the repository points
 * outside it.
 */
class ModuleLayoutTest {

  private static final Path ROOT = GoldenFiles.projectRoot();

  @Test
  void noJavaPackageLivesInTwoModules() throws IOException {
    // Given every package of every module, main and test sources
    Map<String, Set<String>> modulesByPackage = new TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
        for (String sources : new String[] {"src/main/java", "src/test/java"}) {
          Path dir = module.resolve(sources);
          if (!Files.isDirectory(dir)) {
            continue;
          }
          try (Stream<Path> files = Files.walk(dir)) {
            files
                .filter(f -> f.toString().endsWith(".java"))
                .forEach(
                    f ->
                        modulesByPackage
                            .computeIfAbsent(
                                dir.relativize(f.getParent()).toString().replace('/', '.'),
                                p -> new TreeSet<>())
                            .add(module.getFileName().toString()));
          }
        }
      }
    }

    // Then
    assertThat(modulesByPackage).isNotEmpty().containsKey("dev.multiarch.tekton");
    assertThat(modulesByPackage)
        .allSatisfy((pkg, modules) -> assertThat(modules).as(pkg).hasSize(1));
    assertThat(modulesByPackage.get("dev.multiarch.tekton")).containsExactly("core");
  }

  @Test
  void noModuleImportsAnotherModulesInternalPackage() throws IOException {
    // Given which module owns each package, and every import of an internal package, main and test
    // sources
    Map<String, String> ownerByPackage = new TreeMap<>();
    Map<String, String> importsByFile = new TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
        for (String sources : new String[] {"src/main/java", "src/test/java"}) {
          Path dir = module.resolve(sources);
          if (!Files.isDirectory(dir)) {
            continue;
          }
          try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
              String name = module.getFileName().toString();
              ownerByPackage.put(
                  dir.relativize(file.getParent()).toString().replace('/', '.'), name);
              importsByFile.put(name + ":" + ROOT.relativize(file), Files.readString(file));
            }
          }
        }
      }
    }

    // Then an import of a package with an "internal" segment names a package of the importing
    // module
    Pattern internalImport =
        Pattern.compile(
            "(?m)^import (?:static )?(dev\\.multiarch\\.tekton(?:\\.[a-z]\\w*)*?"
                + "\\.internal(?:\\.[a-z]\\w*)*)\\.[A-Z]");
    List<String> crossings = new ArrayList<>();
    importsByFile.forEach(
        (file, text) -> {
          String module = file.substring(0, file.indexOf(':'));
          Matcher m = internalImport.matcher(text);
          while (m.find()) {
            if (!module.equals(ownerByPackage.get(m.group(1)))) {
              crossings.add(
                  file + " imports " + m.group(1) + " of " + ownerByPackage.get(m.group(1)));
            }
          }
        });
    assertThat(importsByFile).isNotEmpty();
    assertThat(crossings).isEmpty();
  }

  @Test
  void nothingInTheRepositoryPointsAtTheSharedFolderBesideIt() throws IOException {
    String outside = "..".concat("/shared");
    try (Stream<Path> files = Files.walk(ROOT)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .filter(
                      f -> !ROOT.relativize(f).toString().matches("(\\.git|.*/target|target)/.*"))
                  .filter(
                      f -> {
                        try {
                          return new String(
                                  Files.readAllBytes(f),
                                  java.nio.charset.StandardCharsets.ISO_8859_1)
                              .contains(outside);
                        } catch (IOException e) {
                          return false;
                        }
                      })
                  .map(ROOT::relativize))
          .isEmpty();
    }
  }
}
