INTERNAL_REGISTRY="image-registry.openshift-image-registry.svc:5000"
SA_DIR="${SA_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}"
# Extra flags (--cert-dir) for every buildah command that talks to a registry.
REGISTRY_ARGS=()
AUTH_WORK_DIR="$(mktemp -d)"
trap 'rm -rf -- "$AUTH_WORK_DIR"' EXIT

# setup_registry_auth HOST...: takes credentials from the dockerconfig workspace when it is bound, and logs in
# to the OpenShift internal registry with the pod's ServiceAccount token when one of HOST is that registry.
# The auth file is a private copy because workspace secrets are read-only and `buildah login` writes to it.
setup_registry_auth() {
  local host internal=false
  export REGISTRY_AUTH_FILE="$AUTH_WORK_DIR/auth.json"
  local workspace_config=""
  if [ "${DOCKERCONFIG_BOUND:-false}" = true ]; then
    if [ -f "$DOCKERCONFIG_PATH/config.json" ]; then
      workspace_config="$DOCKERCONFIG_PATH/config.json"
    elif [ -f "$DOCKERCONFIG_PATH/.dockerconfigjson" ]; then
      workspace_config="$DOCKERCONFIG_PATH/.dockerconfigjson"
    else
      echo "the dockerconfig workspace holds no config.json or .dockerconfigjson; using the ServiceAccount's credentials"
    fi
  fi
  # Without credentials from the workspace, keep what Tekton's credential initialisation wrote from the
  # ServiceAccount's docker secrets into $HOME/.docker/config.json.
  local home_config="${HOME:-/tekton/home}/.docker/config.json"
  if [ -n "$workspace_config" ]; then
    cp -- "$workspace_config" "$REGISTRY_AUTH_FILE"
  elif [ -f "$home_config" ]; then
    cp -- "$home_config" "$REGISTRY_AUTH_FILE"
  else
    printf '{"auths":{}}\n' > "$REGISTRY_AUTH_FILE"
  fi
  for host in "$@"; do
    if [ "$host" = "$INTERNAL_REGISTRY" ]; then
      internal=true
    fi
  done
  if [ "$internal" = true ] && [ -r "$SA_DIR/token" ]; then
    if [ -r "$SA_DIR/service-ca.crt" ]; then
      mkdir -p -- "$AUTH_WORK_DIR/certs"
      cp -- "$SA_DIR/service-ca.crt" "$AUTH_WORK_DIR/certs/service-ca.crt"
      REGISTRY_ARGS=(--cert-dir "$AUTH_WORK_DIR/certs")
    fi
    INTERNAL_LOGIN=true
  fi
  login_internal_registry
}

# login_internal_registry: (re)logs in to the internal registry with the token as the file holds it now, when
# setup_registry_auth found that registry among its hosts. Called again right before every push: the pod's token
# is a projected ServiceAccount token that the kubelet rewrites once it is older than 80% of its lifetime
# (Kubernetes API: ServiceAccountTokenProjection.expirationSeconds), so the one read before a build of hours may be
# refused at the push while the file already holds a valid one.
INTERNAL_LOGIN=false
login_internal_registry() {
  if [ "$INTERNAL_LOGIN" = true ]; then
    "${BUILDAH[@]}" login --authfile "$REGISTRY_AUTH_FILE" "${REGISTRY_ARGS[@]}" --tls-verify="$TLS_VERIFY" \
      --username serviceaccount --password-stdin "$INTERNAL_REGISTRY" < "$SA_DIR/token" > /dev/null
    echo "logged in to $INTERNAL_REGISTRY as the pod's ServiceAccount"
  fi
}

# push_format_of FORMAT: the manifest type name every buildah push command accepts for FORMAT.
push_format_of() {
  case "$1" in
    oci) echo oci ;;
    docker) echo v2s2 ;;
    *) die "FORMAT '$1' is not allowed; expected oci or docker" ;;
  esac
}

# check_tls_verify VALUE: only true or false reach buildah's --tls-verify.
check_tls_verify() {
  case "$1" in
    true | false) ;;
    *) die "TLS_VERIFY '$1' is not allowed; expected true or false" ;;
  esac
}

# check_repository FIELD VALUE: a repository without tag or digest, host first (quay.io/org/app).
check_repository() {
  local pattern='^[A-Za-z0-9][A-Za-z0-9.-]*(:[0-9]+)?(/[a-z0-9]+([._-]+[a-z0-9]+)*)+$'
  if [[ ! "$2" =~ $pattern ]]; then
    die "$1 '$2' is not allowed; expected a repository without tag or digest, like quay.io/org/app"
  fi
}

# check_tag FIELD VALUE: the tag grammar of the OCI distribution spec.
check_tag() {
  local pattern='^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$'
  if [[ ! "$2" =~ $pattern ]]; then
    die "$1 '$2' is not allowed; expected a tag matching [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
  fi
}
