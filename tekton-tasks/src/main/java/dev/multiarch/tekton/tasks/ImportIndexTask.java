package dev.multiarch.tekton.tasks;

import static dev.multiarch.tekton.tasks.TaskParts.paramEnv;

import dev.multiarch.tekton.templates.ScriptTemplate;
import io.fabric8.tekton.v1.StepBuilder;
import io.fabric8.tekton.v1.Task;
import io.fabric8.tekton.v1.TaskBuilder;
import java.util.Map;

/**
 * The {@code multiarch-import-index} Task: imports the published multi-arch image (its image index,
 * by digest) into an ImageStream tag with {@code importMode: PreserveOriginal}, so that the
 * namespace's workloads and ImageStream triggers get every platform, and proves the tag holds the
 * index and an image of every platform.
 *
 * <p>It runs {@code oc import-image}, which creates an ImageStreamImport; the API server checks
 * only {@code create} on {@code imagestreamimports} and pulls with the namespace's docker config
 * Secrets (openshift-apiserver, {@code pkg/image/apiserver/registry/imagestreamimport/rest.go} and
 * {@code imagesecret/rest.go}).
 */
public final class ImportIndexTask {

  public static final String NAME = "multiarch-import-index";
  public static final String IMPORT_STEP = "import";

  private ImportIndexTask() {}

  /** The Task in catalog form. */
  public static Task create() {
    return new TaskBuilder()
        .withApiVersion(TaskParts.API_VERSION)
        .withKind("Task")
        .withMetadata(TaskParts.metadata(NAME, "Multi-arch: import the index into an ImageStream"))
        .withNewSpec()
        .withDescription(
            "Imports DESTINATION@IMAGE_DIGEST, a published image index, into ImageStreamTag"
                + " IMAGE_STREAM:TAG with import mode PreserveOriginal (OpenShift 4.12 and later), so"
                + " that workloads and ImageStream triggers of the namespace get every platform, and"
                + " checks that the tag holds the index with an image of each of PLATFORMS. The"
                + " ServiceAccount needs create on imagestreamimports; the API server pulls with the"
                + " namespace's docker config Secrets.")
        .withParams(
            TaskParts.string(
                Params.IMAGE_STREAM, "The ImageStream to import into, in this namespace.", null),
            TaskParts.string(Params.TAG, "The ImageStream tag that receives the index.", null),
            TaskParts.string(
                Params.DESTINATION,
                "Repository the index was published to, without tag, for example quay.io/org/app.",
                null),
            TaskParts.string(
                Params.IMAGE_DIGEST, "Digest of the published index, sha256:....", null),
            TaskParts.array(
                Params.PLATFORMS, "The platforms the index must hold, os/arch[/variant].", null),
            TaskParts.string(
                Params.IMPORT_INDEX, "true imports; false does nothing (run-local).", "true"),
            TaskParts.string(
                Params.REFERENCE_POLICY,
                "source: pods pull the images from DESTINATION; local: through the internal"
                    + " registry, with the namespace's pull secrets.",
                "source"),
            TaskParts.string(
                Params.OC_IMAGE,
                "An image with oc (4.12 or later) and bash: the cluster's own by default.",
                Images.OPENSHIFT_CLI))
        .withSteps(
            new StepBuilder()
                .withName(IMPORT_STEP)
                .withImage(References.param(Params.OC_IMAGE))
                .withEnv(
                    paramEnv(Params.IMPORT_INDEX),
                    paramEnv(Params.IMAGE_STREAM),
                    paramEnv(Params.TAG),
                    paramEnv(Params.DESTINATION),
                    paramEnv(Params.IMAGE_DIGEST),
                    paramEnv(Params.REFERENCE_POLICY),
                    TaskParts.env("NAMESPACE", References.context("taskRun", "namespace")))
                .withArgs(References.arrayParam(Params.PLATFORMS))
                .withScript(ScriptTemplate.IMPORT_INDEX.render(Map.of()))
                .withComputeResources(TaskParts.smallStep())
                .build())
        .endSpec()
        .build();
  }
}
