package dev.multiarch.tekton.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.tasks.testing.GoldenFiles;
import dev.multiarch.tekton.yaml.YamlWriter;
import io.fabric8.tekton.v1.Task;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskCatalogTest {

  @Test
  void all_listsEveryTaskOnceInStableOrder() {
    // When
    var names = TaskCatalog.all().stream().map(task -> task.getMetadata().getName()).toList();

    // Then
    assertThat(names)
        .containsExactly(
            ResolveCommitTask.NAME,
            BinfmtTask.NAME,
            BuildTask.NAME,
            BuildTask.IN_POD_NAME,
            ManifestTask.NAME,
            BinfmtCleanupTask.NAME,
            BuilderImageTask.NAME,
            ImportIndexTask.NAME);
  }

  @Test
  void all_renderedTwice_givesIdenticalYaml() {
    // When
    String first = YamlWriter.toYaml(TaskCatalog.all());
    String second = YamlWriter.toYaml(TaskCatalog.all());

    // Then
    assertThat(first).isEqualTo(second);
  }

  @Test
  void catalogYaml_ofEveryTask_isCommittedAndCurrent() {
    // Given
    Path catalog = GoldenFiles.moduleDir().resolve("catalog");

    for (Task task : TaskCatalog.all()) {
      // When
      String yaml = YamlWriter.toYaml(task);

      // Then
      GoldenFiles.assertCurrent(catalog.resolve(task.getMetadata().getName() + ".yaml"), yaml);
    }
  }

  @Test
  void everyTask_isCatalogFormWithLabelsAnnotationsAndNoNamespace() {
    for (Task task : TaskCatalog.all()) {
      // Then
      assertThat(task.getApiVersion()).isEqualTo("tekton.dev/v1");
      assertThat(task.getKind()).isEqualTo("Task");
      assertThat(task.getMetadata().getNamespace()).isNull();
      assertThat(task.getMetadata().getLabels())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "app.kubernetes.io/part-of",
                  "multiarch-tekton",
                  "app.kubernetes.io/version",
                  "0.1.0"));
      assertThat(task.getMetadata().getAnnotations())
          .containsEntry("tekton.dev/pipelines.minVersion", "0.53.0")
          .containsEntry("tekton.dev/tags", "image-build")
          .containsKeys("tekton.dev/displayName", "tekton.dev/platforms");
    }
  }

  @Test
  void everyTask_describesItselfAndEveryParamResultAndWorkspace() {
    for (Task task : TaskCatalog.all()) {
      String name = task.getMetadata().getName();
      // Then
      assertThat(task.getSpec().getDescription()).as(name).isNotBlank();
      task.getSpec()
          .getParams()
          .forEach(p -> assertThat(p.getDescription()).as(name + " " + p.getName()).isNotBlank());
      task.getSpec()
          .getResults()
          .forEach(r -> assertThat(r.getDescription()).as(name + " " + r.getName()).isNotBlank());
      task.getSpec()
          .getWorkspaces()
          .forEach(w -> assertThat(w.getDescription()).as(name + " " + w.getName()).isNotBlank());
    }
  }
}
