package dev.multiarch.tekton.testing;

import java.util.ArrayList;
import java.util.List;

/** Collects {@code Kind/name path: rule} findings in the order they were found. */
final class Findings {

  private final List<String> lines = new ArrayList<>();

  void add(YamlDocs.Doc doc, String path, String rule) {
    lines.add(doc.label() + " " + path + ": " + rule);
  }

  List<String> lines() {
    return List.copyOf(lines);
  }
}
