package dev.multiarch.tekton.internal.validate;

import com.fasterxml.jackson.databind.JsonNode;

/** Rules of a taskRef or pipelineRef (container_validation.go validateRef, taskref_validation.go). */
final class RefRules {

  private RefRules() {
  }

  static void check(Findings f, YamlDocs.Doc doc, JsonNode ref, String at) {
    String name = Nodes.text(ref, "name");
    boolean resolver = ref.hasNonNull("resolver");
    boolean params = ref.has("params");
    if (name != null && !name.isEmpty()) {
      if (resolver && params) {
        f.add(doc, at + ".name", "name and params are exclusive");
      }
      if (!qualified(name)) {
        f.add(doc, at + ".name", "'" + name + "' is not a qualified name ([prefix/]name of <= 63 alphanumerics, '-',"
            + " '_' or '.', starting and ending alphanumeric)");
      }
    } else if (!resolver) {
      f.add(doc, at + ".name", "a ref needs a name or a resolver");
    }
    if (params && !resolver) {
      f.add(doc, at + ".params", "ref params need a resolver");
    }
    String kind = Nodes.text(ref, "kind");
    boolean custom = (kind != null && !"Task".equals(kind) && !"Pipeline".equals(kind)) || ref.has("apiVersion");
    if (custom && (kind == null || !ref.path("apiVersion").asText("").matches("[^/]+/[^/]+"))) {
      f.add(doc, at, "a custom task ref needs kind and apiVersion group/version");
    }
  }

  static boolean qualified(String name) {
    String[] parts = name.split("/", -1);
    if (parts.length > 2) {
      return false;
    }
    String local = parts[parts.length - 1];
    boolean prefixOk = parts.length == 1
        || (Nodes.DNS_SUBDOMAIN.matcher(parts[0]).matches() && parts[0].length() <= 253);
    return prefixOk && local.length() <= 63 && Nodes.QUALIFIED_NAME.matcher(local).matches();
  }
}
