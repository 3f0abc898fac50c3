package dev.multiarch.tekton.validate.internal;

import dev.multiarch.tekton.validate.Errs;
import dev.multiarch.tekton.validate.YamlDocs;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck;

/** The structural problems (unknown fields, wrong types, missing required fields) of a document. */
final class Structure {

  private Structure() {
  }

  static Errs check(YamlDocs.Doc doc) {
    Errs errs = Errs.NONE;
    for (StructureCheck.Problem problem : StructureCheck.document(doc.root(), doc.kind())) {
      errs = errs.also(Errs.of(problem.path(), problem.message()));
    }
    return errs;
  }
}
