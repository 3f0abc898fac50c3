#!/usr/bin/env bash
# Imports the multi-arch image the manifest task published (its image index, by digest) into the ImageStream tag of
# the release, keeping the whole index (importMode PreserveOriginal, OpenShift 4.12 and later), so that workloads and
# ImageStream triggers in the namespace get every platform, then proves the tag holds that index and an image of
# every platform. The API server does the import with the namespace's docker config Secrets (a private registry's
# pull secret in the namespace is enough); this step needs only `create` on imagestreamimports.
# Env: IMPORT_INDEX (false: do nothing), IMAGE_STREAM, TAG, DESTINATION, IMAGE_DIGEST, REFERENCE_POLICY, NAMESPACE.
# Args: the platforms the index must hold, os/arch[/variant] each.
set -euo pipefail

<#include "_common.ftl">

case "$IMPORT_INDEX" in
  true) ;;
  false)
    echo "IMPORT_INDEX is false: the multi-arch image is not imported into ImageStream $IMAGE_STREAM"
    exit 0
    ;;
  *) die "IMPORT_INDEX '$IMPORT_INDEX' is not allowed; expected true or false" ;;
esac
case "$IMAGE_DIGEST" in
  sha256:*) ;;
  *) die "IMAGE_DIGEST '$IMAGE_DIGEST' is not a sha256 digest: the manifest task published no image index" ;;
esac
case "$REFERENCE_POLICY" in
  source | local) ;;
  *) die "REFERENCE_POLICY '$REFERENCE_POLICY' is not allowed; expected source or local" ;;
esac
[ "$#" -gt 0 ] || die "no platforms given: the index cannot be checked"

# oc keeps a cache under HOME, which the image's user may not be able to write.
HOME="$(mktemp -d)"
export HOME
trap 'rm -rf -- "$HOME"' EXIT

ref="$DESTINATION@$IMAGE_DIGEST"
tag="$IMAGE_STREAM:$TAG"
echo "importing $ref into ImageStreamTag $tag of namespace $NAMESPACE (import mode PreserveOriginal)"
if ! oc import-image "$tag" --from="$ref" --import-mode=PreserveOriginal \
  --reference-policy="$REFERENCE_POLICY" --confirm -n "$NAMESPACE" >"$HOME/import.log" 2>&1; then
  cat "$HOME/import.log" >&2
  if grep -qi 'forbidden' "$HOME/import.log"; then
    die "this TaskRun's ServiceAccount may not import into ImageStream $IMAGE_STREAM of $NAMESPACE: it needs create on imagestreamimports (the generated Role <name>-import-index, or edit)"
  fi
  if grep -qiE 'unauthorized|authentication required|username or password' "$HOME/import.log"; then
    die "the registry refused the cluster's import of $ref: namespace $NAMESPACE needs a docker config Secret with pull credentials for ${DESTINATION%%/*}"
  fi
  die "cannot import $ref into ImageStreamTag $tag"
fi

# What the tag holds now: the index's digest, and the os/architecture/variant of each of its images.
held="$(oc get imagestreamtag "$tag" -n "$NAMESPACE" -o 'jsonpath={.image.metadata.name}')"
[ "$held" = "$IMAGE_DIGEST" ] \
  || die "ImageStreamTag $tag holds ${held:-nothing}, not the published index $IMAGE_DIGEST (another import raced this one?)"
manifests="$(oc get imagestreamtag "$tag" -n "$NAMESPACE" \
  -o 'jsonpath={range .image.dockerImageManifests[*]}{.os}/{.architecture}/{.variant}{"\n"}{end}')"
found=()
while IFS= read -r line; do
  [ -n "$line" ] || continue
  found+=("${line%/}")
done <<<"$manifests"
[ "${#found[@]}" -gt 0 ] \
  || die "ImageStreamTag $tag holds a single image, not an index: the import did not keep the list (is this OpenShift 4.12 or later?)"
for platform in "$@"; do
  present=false
  for have in "${found[@]}"; do
    if [ "$have" = "$platform" ]; then
      present=true
      break
    fi
  done
  $present || die "ImageStreamTag $tag has no image for $platform; it holds: ${found[*]}"
done
echo "ImageStreamTag $tag: image index $IMAGE_DIGEST of ${found[*]}"
