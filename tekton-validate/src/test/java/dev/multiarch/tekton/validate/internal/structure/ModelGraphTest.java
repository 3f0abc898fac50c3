package dev.multiarch.tekton.validate.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import io.fabric8.tekton.v1.Pipeline;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskRun;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The model classes reachable from the four kinds, outside status: which of their fields accept
 * anything.
 */
class ModelGraphTest {

  @Test
  void isModel_fieldsThatAcceptAnything_areOnlyTheFreeFormOnes() {
    Set<String> open = new TreeSet<>();
    Deque<JavaType> todo = new ArrayDeque<>();
    Set<Class<?>> seen = new HashSet<>();
    for (Class<?> root :
        new Class<?>[] {Pipeline.class, Task.class, PipelineRun.class, TaskRun.class}) {
      todo.add(ModelFields.type(root));
    }
    while (!todo.isEmpty()) {
      JavaType type = todo.pop();
      if (!seen.add(type.getRawClass())) {
        continue;
      }
      ModelFields.of(type)
          .forEach(
              (name, fieldType) -> {
                JavaType leaf = fieldType;
                while (leaf.isContainerType()) {
                  leaf = leaf.getContentType();
                }
                if (Shape.of(fieldType) == Shape.ANY) {
                  open.add(
                      type.getRawClass().getSimpleName()
                          + "."
                          + name
                          + ": "
                          + fieldType.getRawClass().getSimpleName()
                          + (fieldType.equals(leaf)
                              ? ""
                              : " of " + leaf.getRawClass().getSimpleName()));
                } else if (Shape.of(leaf) == Shape.BEAN && !name.equals("status")) {
                  todo.add(leaf);
                }
              });
    }

    assertThat(open)
        .containsExactly(
            "EmbeddedTask.spec: Object",
            "EnvVarSource.fileKeyRef: Object",
            "ManagedFieldsEntry.fieldsV1: FieldsV1");
  }
}
