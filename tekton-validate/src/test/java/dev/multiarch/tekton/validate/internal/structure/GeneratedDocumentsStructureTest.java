package dev.multiarch.tekton.validate.internal.structure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multiarch.tekton.validate.internal.structure.GeneratedDocuments.Doc;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GeneratedDocumentsStructureTest {

  @Test
  void document_everyGeneratedDocument_hasNoProblems() {
    List<Doc> docs = GeneratedDocuments.all();
    Map<String, List<StructureCheck.Problem>> problems = new TreeMap<>();
    for (Doc doc : docs) {
      List<StructureCheck.Problem> found = StructureCheck.document(doc.root(), doc.kind());
      if (!found.isEmpty()) {
        problems.put(doc.label(), found);
      }
    }

    assertThat(problems)
        .as(
            "structure problems in generated documents:%n%s",
            problems.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n")))
        .isEmpty();
  }

  @Test
  void all_findsEveryKindInTheExamples() {
    List<Doc> docs = GeneratedDocuments.all();

    assertThat(docs).extracting(Doc::kind).contains("Pipeline", "Task", "PipelineRun");
    assertThat(docs)
        .extracting(Doc::label)
        .anyMatch(label -> label.startsWith("examples/inline-tasks/"))
        .allMatch(label -> label.startsWith("examples/"));
  }
}
