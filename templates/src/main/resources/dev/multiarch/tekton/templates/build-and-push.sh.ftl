#!/usr/bin/env bash
# Builds one platform's image with buildah (build arguments KEY=VALUE come as arguments) and pushes it to
# IMAGE:<TAG>-<os>-<arch>[-<variant>], then records its digest so the manifest list can refer to it by digest.
# Env: PLATFORM, IMAGE, TAG, GIT_URL, CONTEXT, CONTAINERFILE, FORMAT, TLS_VERIFY, STORAGE_DRIVER, SOURCE_DIR,
# DOCKERCONFIG_BOUND, DOCKERCONFIG_PATH, BUILD_SECRETS_BOUND, BUILD_SECRETS_PATH, HTTP_PROXY, HTTPS_PROXY,
# NO_PROXY, SSL_CA_DIRECTORY_BOUND, SSL_CA_DIRECTORY_PATH, CACHE_REPOSITORY, CACHE_NATIVE.
# The platform table's lookup also sets QEMU_ENTRY, which only the emulating scripts read.
# shellcheck disable=SC2034
set -euo pipefail

<#include "_common.ftl">

<#include "_proxy.ftl">

<#include "_platform-names.ftl">

<#include "_platform-table.ftl">

# chroot isolation needs no user namespaces or cgroup access, so it works in an unprivileged pod.
export BUILDAH_ISOLATION=chroot
BUILDAH=(buildah --storage-driver "$STORAGE_DRIVER")

<#include "_registry-auth.ftl">

<#include "_trust.ftl">

<#include "_git.ftl">

# check_relative FIELD VALUE: a path inside the source root.
check_relative() {
  case "$2" in
    /*) die "$1 '$2' is not allowed; expected a path relative to the source root" ;;
  esac
  case "/$2/" in
    */../*) die "$1 '$2' is not allowed; expected a path that stays inside the source root (no '..')" ;;
  esac
}

require_known_platform "$PLATFORM"
check_repository IMAGE "$IMAGE"
check_tag TAG "$TAG"
check_tls_verify "$TLS_VERIFY"
push_format="$(push_format_of "$FORMAT")"
check_relative CONTEXT "$CONTEXT"
check_relative CONTAINERFILE "$CONTAINERFILE"

tag="$TAG-${PLATFORM//\//-}"
check_tag "the pushed tag" "$tag"

if [ -n "$GIT_URL" ]; then
  source_root="$SOURCE_DIR/${PLATFORM//\//-}"
else
  source_root="$SOURCE_DIR"
fi
context_dir="$source_root/$CONTEXT"
containerfile_path="$context_dir/$CONTAINERFILE"
if [ ! -d "$context_dir" ]; then
  die "CONTEXT '$CONTEXT' is not a directory of the source"
fi
if [ ! -f "$containerfile_path" ]; then
  die "CONTAINERFILE '$CONTAINERFILE' is not a file in CONTEXT '$CONTEXT'"
fi
# buildah reads --file as a comma-separated list with CSV quoting: a path holding ',' or '"' would name other files
# or fail to parse, so such a path is reached through a link whose name has neither.
if [[ "$containerfile_path" == *[,\"]* ]]; then
  ln -s -- "$containerfile_path" "$AUTH_WORK_DIR/Containerfile"
  containerfile_path="$AUTH_WORK_DIR/Containerfile"
fi

build_args=()
key_pattern='^[A-Za-z_][A-Za-z0-9_]*$'
for build_arg in "$@"; do
  key="${build_arg%%=*}"
  if [[ "$build_arg" != *=* || ! "$key" =~ $key_pattern ]]; then
    die "BUILD_ARGS: '$key' is not allowed; expected KEY=VALUE with KEY matching [A-Za-z_][A-Za-z0-9_]*"
  fi
  case "$key" in
    BUILDPLATFORM | BUILDOS | BUILDARCH | BUILDVARIANT)
      die "BUILD_ARGS: '$key' is not allowed; the build sets BUILDPLATFORM, BUILDOS, BUILDARCH and BUILDVARIANT to the platform of the node it runs on"
      ;;
  esac
  build_args+=(--build-arg "$build_arg")
done

# The platform the build runs on, the node's, as build arguments, always. buildah 1.28 sets only TARGETPLATFORM,
# TARGETOS, TARGETARCH and TARGETVARIANT itself (imagebuildah/build.go, buildDockerfilesOnce) and leaves BUILD* to
# openshift/imagebuilder, whose `from` dispatcher before v1.2.4 expands FROM's --platform with the build arguments
# only (dispatchers.go; fixed by "dispatcher: honor builtinArgs while processing FROM --platform"). Debian 12's
# buildah 1.28.2 is built against imagebuilder 1.2.3: without these, FROM --platform=$BUILDPLATFORM becomes the
# target platform, and the stage meant to cross-compile runs under emulation.
# platform_of_machine MACHINE: the first known platform a node whose `uname -m` is MACHINE runs natively, if any.
platform_of_machine() {
  local known
  while read -r known; do
    lookup_platform "$known"
    if runs_natively "$1"; then
      echo "$known"
      return 0
    fi
  done < <(known_platforms)
}

node_platform="$(platform_of_machine "$(uname -m)")"
if [ -n "$node_platform" ]; then
  IFS=/ read -r node_os node_arch node_variant <<< "$node_platform"
  build_args+=(--build-arg "BUILDPLATFORM=$node_platform" --build-arg "BUILDOS=$node_os" --build-arg "BUILDARCH=$node_arch")
  if [ -n "$node_variant" ]; then
    build_args+=(--build-arg "BUILDVARIANT=$node_variant")
  fi
  echo "build platform $node_platform (this node's)"
else
  echo "WARNING: this node's architecture $(uname -m) is no known platform; BUILDPLATFORM is left to buildah"
fi

# Every file of the build-secrets workspace is a build secret named after the file; a RUN reads it with
# --mount=type=secret,id=<name> and buildah keeps it out of the image's layers. The `..data` entries and `..<date>`
# folders are how Kubernetes updates a Secret volume atomically, not keys.
secret_args=()
if [ "${BUILD_SECRETS_BOUND:-false}" = true ]; then
  id_pattern='^[-._A-Za-z0-9]+$'
  mkdir -p -- "$AUTH_WORK_DIR/build-secrets"
  for secret_file in "$BUILD_SECRETS_PATH"/* "$BUILD_SECRETS_PATH"/.[!.]*; do
    secret_id="${secret_file##*/}"
    if [ ! -f "$secret_file" ] || [[ "$secret_id" == ..* ]]; then
      continue
    fi
    if [[ ! "$secret_id" =~ $id_pattern ]]; then
      die "build-secrets: the file name '$secret_id' is not allowed; expected a Secret key ([-._A-Za-z0-9]+)"
    fi
    # --secret is a comma-separated list: a link whose path has no comma stands in for the file.
    ln -s -- "$secret_file" "$AUTH_WORK_DIR/build-secrets/$secret_id"
    secret_args+=(--secret "id=$secret_id,src=$AUTH_WORK_DIR/build-secrets/$secret_id")
    echo "build secret $secret_id"
  done
fi

# The layer cache (spec.cache): buildah build --layers pulls a step's layers from the cache repository instead of
# running the step when their cache key is there, and pushes the layers it built. The key (buildah imagebuildah
# StageExecutor.generateCacheKey) hashes the step's instruction and its parent's layers and history but no platform,
# and before buildah 1.41 (commit "stage_executor: check platform of cache candidates") a cached layer of another
# architecture could be taken: so each platform gets a repository of its own. The key is the tag, so buildah takes a
# repository without tag (pkg/parse RepoNameToNamedReference). Native builds skip it unless CACHE_NATIVE is true.
cache_args=()
cache_host=""
if [ -n "${CACHE_REPOSITORY:-}" ]; then
  case "${CACHE_NATIVE:-false}" in
    true | false) ;;
    *) die "CACHE_NATIVE '$CACHE_NATIVE' is not allowed; expected true or false" ;;
  esac
  check_repository CACHE_REPOSITORY "$CACHE_REPOSITORY"
  lookup_platform "$PLATFORM" || require_known_platform "$PLATFORM"
  native=false
  how="through $QEMU_ENTRY"
  if runs_natively "$(uname -m)"; then
    native=true
    how=natively
  fi
  if [ "${CACHE_NATIVE:-false}" = true ] || [ "$native" = false ]; then
    cache_repository="$CACHE_REPOSITORY-${PLATFORM//\//-}"
    check_repository "the cache repository" "$cache_repository"
    cache_args=(--layers --cache-from "$cache_repository" --cache-to "$cache_repository")
    cache_host="${cache_repository%%/*}"
    echo "layer cache: $cache_repository ($PLATFORM builds $how here)"
  else
    echo "layer cache: not used, $PLATFORM builds natively here (CACHE_NATIVE is false)"
  fi
fi

# The same certs folder as the internal registry's service CA (setup_registry_auth): one --cert-dir for both.
setup_trust "$AUTH_WORK_DIR"
# shellcheck disable=SC2086 # cache_host is one host name or nothing
setup_registry_auth "${IMAGE%%/*}" $cache_host

# OCI labels name the source and the commit the image was built from (with credentials stripped from the URL).
labels=(--label "org.opencontainers.image.created=$(date -u +%Y-%m-%dT%H:%M:%SZ)")
if [ -n "$GIT_URL" ]; then
  labels+=(--label "org.opencontainers.image.source=$(url_without_credentials "$GIT_URL")")
  labels+=(--label "org.opencontainers.image.revision=$(git -C "$source_root" rev-parse HEAD)")
fi

local_name="localhost/multiarch-tekton-build:$tag"
# buildah fails the build when it cannot push to the cache (imagebuildah StageExecutor.Execute returns pushCache's
# error), so a refusal there is reported like one of a FROM pull.
pulling="pulling a FROM image"
if [ "${#cache_args[@]}" -gt 0 ]; then
  pulling="pulling a FROM image or using the layer cache"
fi
registry_command "$pulling" "${IMAGE%%/*}" \
  "${BUILDAH[@]}" build --isolation chroot --platform "$PLATFORM" --format "$FORMAT" "${TLS_ARGS[@]}" \
  --authfile "$REGISTRY_AUTH_FILE" "${REGISTRY_ARGS[@]}" -f "$containerfile_path" "${build_args[@]}" "${secret_args[@]}" \
  "${cache_args[@]}" "${labels[@]}" -t "$local_name" "$context_dir"

# A FROM pinned to another platform would silently give an image of the wrong architecture.
expected_arch="${PLATFORM#*/}"
expected_arch="${expected_arch%%/*}"
actual_arch="$("${BUILDAH[@]}" inspect --type image --format '{{.OCIv1.Architecture}}' "$local_name")"
if [ "$actual_arch" != "$expected_arch" ]; then
  die "the image built for $PLATFORM has architecture '$actual_arch', expected '$expected_arch'; check FROM --platform in $CONTAINERFILE"
fi

digest_file="$AUTH_WORK_DIR/digest"
login_internal_registry
registry_command pushing "${IMAGE%%/*}" \
  "${BUILDAH[@]}" push --format "$push_format" --retry 3 --digestfile "$digest_file" "${TLS_ARGS[@]}" \
  --authfile "$REGISTRY_AUTH_FILE" "${REGISTRY_ARGS[@]}" "$local_name" "docker://$IMAGE:$tag"
digest="$(cat "$digest_file")"
if [[ ! "$digest" =~ ^sha256:[0-9a-f]{64}$ ]]; then
  die "buildah push wrote no valid digest for $IMAGE:$tag (got '$digest')"
fi

printf '%s' "$digest" > "$(results.IMAGE_DIGEST.path)"
printf '%s' "$IMAGE:$tag" > "$(results.IMAGE_URL.path)"
printf '%s' "$IMAGE@$digest" > "$(results.IMAGE_REF.path)"
echo "pushed $IMAGE:$tag ($digest)"
