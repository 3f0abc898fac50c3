package dev.multiarch.tekton.validate.internal;

import dev.multiarch.tekton.validate.FieldErrors;
import dev.multiarch.tekton.validate.YamlDocs;
import dev.multiarch.tekton.validate.internal.structure.StructureCheck;

/** The structural problems (unknown fields, wrong types, missing required fields) of a document. */
final class Structure {

  private Structure() {}

  static FieldErrors check(YamlDocs.Doc doc) {
    FieldErrors errs = FieldErrors.NONE;
    for (StructureCheck.Problem problem : StructureCheck.document(doc.root(), doc.kind())) {
      errs = errs.also(FieldErrors.of(problem.path(), problem.message()));
    }
    return errs;
  }
}
