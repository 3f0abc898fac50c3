package dev.multiarch.tekton.internal.validate;

import dev.multiarch.tekton.internal.validate.structure.StructureCheck;

/** Adds the structural problems (unknown fields, wrong types, missing required fields) of a document. */
final class Structure {

  private Structure() {
  }

  static void check(Findings f, YamlDocs.Doc doc) {
    for (StructureCheck.Problem problem : StructureCheck.document(doc.root(), doc.kind())) {
      f.add(doc, problem.path(), problem.message());
    }
  }
}
