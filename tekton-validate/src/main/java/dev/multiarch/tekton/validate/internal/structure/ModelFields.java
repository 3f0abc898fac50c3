package dev.multiarch.tekton.validate.internal.structure;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.tekton.pod.Template;
import io.fabric8.tekton.v1.PipelineRef;
import io.fabric8.tekton.v1.PipelineRunSpec;
import io.fabric8.tekton.v1.PipelineTaskRunSpec;
import io.fabric8.tekton.v1.Ref;
import io.fabric8.tekton.v1.ResolverRef;
import io.fabric8.tekton.v1.Step;
import io.fabric8.tekton.v1.TaskRef;
import io.fabric8.tekton.v1.TaskRunSpec;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON fields of a fabric8 model class and the type of each, as Jackson's own introspection
 * sees them (the {@code @JsonProperty} names, {@code finally} rather than {@code _finally}), sorted
 * by name.
 */
final class ModelFields {

  // fabric8's catch-all for unknown fields, not a Tekton field.
  private static final String CATCH_ALL = "additionalProperties";

  // Tekton inlines ResolverRef (resolver, params) into these refs; fabric8 7.1.0 dropped the
  // inlined struct, so its
  // fields are added back from fabric8's own ResolverRef.
  private static final Map<Class<?>, Class<?>> INLINED =
      Map.of(
          TaskRef.class,
          ResolverRef.class,
          PipelineRef.class,
          ResolverRef.class,
          Ref.class,
          ResolverRef.class);

  private static final DeserializationConfig CONFIG = new ObjectMapper().getDeserializationConfig();

  // Fields of Tekton v1.x and Kubernetes 1.33/1.34 that fabric8 7.1.0's models do not have yet.
  // Without them a valid
  // file written for a current cluster would be reported as having unknown fields.
  private static final Map<Class<?>, Map<String, Class<?>>> NEWER =
      Map.of(
          Step.class, Map.of("displayName", String.class),
          PipelineRunSpec.class, Map.of("managedBy", String.class),
          TaskRunSpec.class, Map.of("managedBy", String.class),
          PipelineTaskRunSpec.class, Map.of("timeout", Duration.class),
          Template.class, Map.of("hostUsers", Boolean.class),
          EnvVarSource.class, Map.of("fileKeyRef", Object.class));
  private static final Map<Class<?>, SortedMap<String, JavaType>> FIELDS =
      new ConcurrentHashMap<>();
  private static final Map<Class<?>, Boolean> MODELS = new ConcurrentHashMap<>();

  private ModelFields() {}

  static JavaType type(Class<?> model) {
    return CONFIG.constructType(model);
  }

  /** Field name to type; empty for a class without declared fields. */
  static SortedMap<String, JavaType> of(JavaType type) {
    return FIELDS.computeIfAbsent(
        type.getRawClass(),
        raw -> {
          SortedMap<String, JavaType> fields = new TreeMap<>();
          declared(type, fields);
          Class<?> inlined = INLINED.get(raw);
          if (inlined != null) {
            declared(type(inlined), fields);
          }
          NEWER
              .getOrDefault(raw, Map.of())
              .forEach((name, fieldType) -> fields.putIfAbsent(name, type(fieldType)));
          return Collections.unmodifiableSortedMap(fields);
        });
  }

  /**
   * Whether the type is a model class whose fields are walked. Object, JsonNode, java.* types,
   * interfaces, classes with their own deserializer (which may read any JSON shape) and classes
   * without declared fields (fabric8's FieldsV1 holds free-form JSON) are not.
   */
  static boolean isModel(JavaType type) {
    return MODELS.computeIfAbsent(
        type.getRawClass(),
        raw ->
            !raw.isPrimitive()
                && !raw.isArray()
                && !raw.getName().startsWith("java.")
                && !raw.getName().startsWith("com.fasterxml.")
                && !raw.isInterface()
                && !Modifier.isAbstract(raw.getModifiers())
                && !hasOwnDeserializer(type)
                && !of(type).isEmpty());
  }

  private static boolean hasOwnDeserializer(JavaType type) {
    Object deserializer =
        CONFIG.getAnnotationIntrospector().findDeserializer(introspect(type).getClassInfo());
    return deserializer != null && deserializer != JsonDeserializer.None.class;
  }

  private static void declared(JavaType type, Map<String, JavaType> into) {
    for (BeanPropertyDefinition property : introspect(type).findProperties()) {
      if ((property.hasSetter() || property.hasField()) && !property.getName().equals(CATCH_ALL)) {
        into.put(property.getName(), property.getPrimaryType());
      }
    }
  }

  private static BeanDescription introspect(JavaType type) {
    return CONFIG.introspect(type);
  }
}
