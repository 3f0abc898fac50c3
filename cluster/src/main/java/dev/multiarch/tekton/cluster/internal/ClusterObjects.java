package dev.multiarch.tekton.cluster.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.multiarch.tekton.cluster.ClusterException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.tekton.v1.PipelineRun;
import io.fabric8.tekton.v1.TaskRun;
import java.net.HttpURLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one reader of the PipelineRuns and TaskRuns a cluster returns, from their JSON text, object
 * by object: a field the model cannot hold (conditions that are a string, results that are a
 * number, labels that are a list) is dropped and the rest of the object kept, an item of a list
 * that is not an object at all is left out, so a broken or hostile server costs what it broke,
 * never the whole answer. Lists are read in pages of {@value #PAGE}, at most {@value #MAX_PAGES} of
 * them (a server that hands out continue tokens forever ends there).
 */
public final class ClusterObjects {

  /** Items asked for per page ({@code limit}), as kubectl asks for 500. */
  static final int PAGE = 500;

  /** Pages read at most: 100,000 TaskRuns, far beyond a real run (matrix caps a task at 256). */
  static final int MAX_PAGES = 200;

  /** Fields dropped from one object at most before it is given up. */
  private static final int MAX_DROPPED = 64;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** fabric8's own mapping of JSON onto its model, with its deserializers. */
  private static final KubernetesSerialization MODEL = new KubernetesSerialization();

  private static final String TEKTON = "/apis/tekton.dev/v1/namespaces/";

  private final KubernetesClient client;
  private final Failures failures;
  private final String namespace;

  public ClusterObjects(KubernetesClient client, Failures failures, String namespace) {
    this.client = client;
    this.failures = failures;
    this.namespace = namespace;
  }

  /** The PipelineRun of that name, or empty when there is none. */
  public Optional<PipelineRun> pipelineRun(String name) {
    String resource = "pipelineruns.tekton.dev";
    Optional<JsonNode> answer =
        get(TEKTON + encode(namespace) + "/pipelineruns/" + encode(name), "get", resource);
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        read(answer.get(), PipelineRun.class)
            .orElseThrow(() -> unreadable("get", resource, "is not an object")));
  }

  /** The namespace's PipelineRuns, page by page. */
  public List<PipelineRun> pipelineRuns() {
    return list(
        TEKTON + encode(namespace) + "/pipelineruns?",
        "pipelineruns.tekton.dev",
        PipelineRun.class);
  }

  /** The TaskRuns Tekton's controller labelled as the PipelineRun's, page by page. */
  public List<TaskRun> taskRuns(String runName) {
    return list(
        TEKTON
            + encode(namespace)
            + "/taskruns?labelSelector="
            + encode(RunReader.PIPELINE_RUN_LABEL + "=" + runName)
            + "&",
        "taskruns.tekton.dev",
        TaskRun.class);
  }

  private <T extends HasMetadata> List<T> list(String query, String resource, Class<T> type) {
    List<T> all = new ArrayList<>();
    String next = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      String uri = query + "limit=" + PAGE + (next.isEmpty() ? "" : "&continue=" + encode(next));
      JsonNode answer =
          get(uri, "list", resource)
              .orElseThrow(() -> unreadable("list", resource, "was not found"));
      JsonNode items = answer.path("items");
      if (items instanceof ArrayNode array) {
        for (JsonNode item : array) {
          read(item, type).ifPresent(all::add);
        }
      }
      next = answer.path("metadata").path("continue").asText("");
      if (next.isEmpty()) {
        break;
      }
    }
    return all;
  }

  /** The answer to a GET as a JSON tree; empty on 404. */
  private Optional<JsonNode> get(String uri, String verb, String resource) {
    String text;
    try {
      text = client.raw(uri, "GET", null);
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return Optional.empty();
      }
      throw failures.of(e, verb, resource, namespace);
    }
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readTree(text));
    } catch (JsonProcessingException e) {
      throw unreadable(verb, resource, "is not JSON");
    }
  }

  private ClusterException unreadable(String verb, String resource, String why) {
    return new ClusterException(
        ClusterException.Reason.REJECTED,
        "the cluster's answer to "
            + verb
            + " "
            + resource
            + " in namespace "
            + namespace
            + " "
            + why);
  }

  /**
   * {@code node} as a {@code type}, without the fields the model cannot hold; empty when it is not
   * an object. Its metadata is never null.
   */
  static <T extends HasMetadata> Optional<T> read(JsonNode node, Class<T> type) {
    if (!(node instanceof ObjectNode object)) {
      return Optional.empty();
    }
    withoutNulls(object);
    for (int dropped = 0; dropped <= MAX_DROPPED; dropped++) {
      try {
        T value = MODEL.convertValue(object, type);
        if (value.getMetadata() == null) {
          value.setMetadata(new ObjectMeta());
        }
        return Optional.of(value);
      } catch (IllegalArgumentException e) {
        if (!(e.getCause() instanceof JsonMappingException mapping)
            || !drop(object, mapping.getPath())) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Removes the null elements of every list in {@code node}: a {@code null} among a TaskRun's steps
   * or conditions stands for nothing, and the readers need not look for it.
   */
  private static void withoutNulls(JsonNode node) {
    if (node.getNodeType() == JsonNodeType.ARRAY) {
      ArrayNode array = (ArrayNode) node;
      for (int i = array.size() - 1; i >= 0; i--) {
        if (array.get(i).isNull()) {
          array.remove(i);
        }
      }
    }
    if (node.isContainerNode()) {
      node.forEach(ClusterObjects::withoutNulls);
    }
  }

  /** Removes the field or element the path ends at; false when there is nothing to remove. */
  private static boolean drop(ObjectNode root, List<JsonMappingException.Reference> path) {
    JsonNode parent = null;
    JsonNode node = root;
    JsonMappingException.Reference last = null;
    for (JsonMappingException.Reference step : path) {
      JsonNode child =
          step.getFieldName() != null ? node.get(step.getFieldName()) : node.get(step.getIndex());
      if (child == null) {
        break;
      }
      parent = node;
      last = step;
      node = child;
    }
    if (last == null) {
      return false;
    }
    if (parent instanceof ObjectNode object && last.getFieldName() != null) {
      object.remove(last.getFieldName());
      return true;
    }
    if (parent instanceof ArrayNode array && last.getIndex() >= 0) {
      array.remove(last.getIndex());
      return true;
    }
    return false;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
