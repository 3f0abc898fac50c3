#!/usr/bin/env bash
# Assembles the per-platform images (IMAGE_REFS, one repo@sha256:digest per argument) into one manifest list and
# pushes it, with every image, to DESTINATION under each of DESTINATION_TAGS. Referring to the images by digest
# guarantees the list holds exactly what the builds pushed.
# Arguments: IMAGE_REFS, then --image-platforms and IMAGE_PLATFORMS (the platform of each ref), then --platform-order
# and PLATFORM_ORDER. A matrixed build's refs arrive as one block (Tekton reads a matrix's results only whole), so when
# native builds' refs come after it, PLATFORM_ORDER puts the list back in the order of the spec's platforms.
# Env: DESTINATION, DESTINATION_TAGS, FORMAT, TLS_VERIFY, STORAGE_DRIVER, DOCKERCONFIG_BOUND, DOCKERCONFIG_PATH,
# HTTP_PROXY, HTTPS_PROXY, NO_PROXY, SSL_CA_DIRECTORY_BOUND, SSL_CA_DIRECTORY_PATH.
set -euo pipefail

<#include "_common.ftl">

<#include "_proxy.ftl">

BUILDAH=(buildah --storage-driver "$STORAGE_DRIVER")

<#include "_registry-auth.ftl">

<#include "_trust.ftl">

check_repository DESTINATION "$DESTINATION"
check_tls_verify "$TLS_VERIFY"
push_format="$(push_format_of "$FORMAT")"

read -r -a tags <<< "$DESTINATION_TAGS"
if [ "${#tags[@]}" -eq 0 ]; then
  die "DESTINATION_TAGS is empty; expected one or more space-separated tags"
fi
for tag in "${tags[@]}"; do
  check_tag DESTINATION_TAGS "$tag"
done

refs=()
ref_platforms=()
platform_order=()
target=refs
for arg in "$@"; do
  case "$arg" in
    --image-platforms) target=ref_platforms ;;
    --platform-order) target=platform_order ;;
    *)
      case "$target" in
        refs) refs+=("$arg") ;;
        ref_platforms) ref_platforms+=("$arg") ;;
        *) platform_order+=("$arg") ;;
      esac
      ;;
  esac
done

if [ "${#refs[@]}" -eq 0 ]; then
  die "IMAGE_REFS is empty; expected one repo@sha256:digest per platform"
fi
ref_pattern='^[A-Za-z0-9][^@[:space:]]*@sha256:[0-9a-f]{64}$'
hosts=("${DESTINATION%%/*}")
for ref in "${refs[@]}"; do
  if [[ ! "$ref" =~ $ref_pattern ]]; then
    die "IMAGE_REFS: '$ref' is not allowed; expected name@sha256:<64 hex digits>"
  fi
  hosts+=("${ref%%/*}")
done

if [ "${#platform_order[@]}" -gt 0 ]; then
  if [ "${#ref_platforms[@]}" -ne "${#refs[@]}" ]; then
    die "IMAGE_PLATFORMS has ${#ref_platforms[@]} entries and IMAGE_REFS ${#refs[@]}; expected the platform of each image"
  fi
  ordered=()
  for platform in "${platform_order[@]}"; do
    found=""
    for i in "${!refs[@]}"; do
      if [ "${ref_platforms[$i]}" = "$platform" ]; then
        if [ -n "$found" ]; then
          die "IMAGE_PLATFORMS names $platform twice; expected one image per platform"
        fi
        found="${refs[$i]}"
      fi
    done
    if [ -z "$found" ]; then
      die "PLATFORM_ORDER names $platform, which has no image; IMAGE_PLATFORMS: ${ref_platforms[*]}"
    fi
    ordered+=("$found")
  done
  if [ "${#ordered[@]}" -ne "${#refs[@]}" ]; then
    die "IMAGE_PLATFORMS (${ref_platforms[*]}) has images of platforms PLATFORM_ORDER (${platform_order[*]}) does not name"
  fi
  refs=("${ordered[@]}")
fi

# The same certs folder as the internal registry's service CA (setup_registry_auth): one --cert-dir for both.
setup_trust "$AUTH_WORK_DIR"
setup_registry_auth "${hosts[@]}"

list="localhost/multiarch-tekton-manifest:latest"
"${BUILDAH[@]}" manifest create "$list" > /dev/null
for ref in "${refs[@]}"; do
  registry_command "reading an image" "${ref%%/*}" "${BUILDAH[@]}" manifest add "${TLS_ARGS[@]}" \
    --authfile "$REGISTRY_AUTH_FILE" "${REGISTRY_ARGS[@]}" "$list" "docker://$ref" > /dev/null
  echo "added $ref"
done

# `manifest push --retry` came with buildah 1.35; an older buildah in BUILDER_IMAGE (Debian 12 ships 1.28)
# rejects the flag, so it is passed only where it is understood. grep reads the whole help (no -q): with pipefail,
# a grep that quit at the first match could end buildah with SIGPIPE and make the test false.
retry_args=()
if "${BUILDAH[@]}" manifest push --help 2>/dev/null | grep -- '--retry' >/dev/null; then
  retry_args=(--retry 3)
fi

first_digest=""
for tag in "${tags[@]}"; do
  digest_file="$AUTH_WORK_DIR/digest-$tag"
  login_internal_registry
  registry_command pushing "${DESTINATION%%/*}" \
    "${BUILDAH[@]}" manifest push --all --format "$push_format" "${retry_args[@]}" --digestfile "$digest_file" \
    "${TLS_ARGS[@]}" --authfile "$REGISTRY_AUTH_FILE" "${REGISTRY_ARGS[@]}" "$list" "docker://$DESTINATION:$tag"
  digest="$(cat "$digest_file")"
  if [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
    die "buildah manifest push wrote no valid digest for $DESTINATION:$tag (got '$digest')"
  fi
  if [ -z "$first_digest" ]; then
    first_digest="$digest"
  elif [ "$digest" != "$first_digest" ]; then
    die "$DESTINATION:$tag got digest $digest but $DESTINATION:${tags[0]} got $first_digest"
  fi
  echo "pushed $DESTINATION:$tag ($digest)"
done

# Every child keeps its digest at the destination: `push --all` copies each image in the format it was built in,
# byte for byte. Tekton Chains reads IMAGES as comma-separated repo@digest references.
children=()
for ref in "${refs[@]}"; do
  children+=("$DESTINATION@${ref#*@}")
done
printf '%s' "$(IFS=,; printf '%s' "${children[*]}")" > "$(results.IMAGES.path)"
printf '%s' "$first_digest" > "$(results.IMAGE_DIGEST.path)"
printf '%s' "$DESTINATION:${tags[0]}" > "$(results.IMAGE_URL.path)"
