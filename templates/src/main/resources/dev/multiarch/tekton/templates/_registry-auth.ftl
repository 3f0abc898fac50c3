INTERNAL_REGISTRY="image-registry.openshift-image-registry.svc:5000"
SA_DIR="${SA_DIR:-/var/run/secrets/kubernetes.io/serviceaccount}"
# Extra flags (--cert-dir) for every buildah command that talks to a registry.
REGISTRY_ARGS=()
# What check_tls_verify makes of TLS_VERIFY, for every buildah command that talks to a registry.
TLS_ARGS=()
# A registries.conf named by CONTAINERS_REGISTRIES_CONF (run-local names one that marks its loopback registry
# `insecure`; a cluster's pods have none) reaches every buildah command through the global --registries-conf: buildah
# 1.28 reads the variable only where it goes through libimage's Runtime (containers/common libimage/runtime.go,
# setRegistriesConfPath: build, pull, push), while `manifest add`, `manifest push` and `login` hand containers/image the
# context their flags make (buildah cmd/buildah/manifest.go and login.go, parse.SystemContextFromOptions).
if [ -n "${CONTAINERS_REGISTRIES_CONF:-}" ]; then
  BUILDAH+=(--registries-conf "$CONTAINERS_REGISTRIES_CONF")
fi
AUTH_WORK_DIR="$(mktemp -d)"
trap 'rm -rf -- "$AUTH_WORK_DIR"' EXIT

# setup_registry_auth HOST...: writes one auth file, REGISTRY_AUTH_FILE, that every buildah command here names with
# --authfile (pulls of FROM images as well as pushes), and logs in to the OpenShift internal registry with the pod's
# ServiceAccount token when one of HOST is that registry. The file merges, per registry, what Tekton's credential
# initialisation gave the step from the ServiceAccount's docker secrets with what the dockerconfig workspace holds,
# the workspace winning. It is a private copy because workspace secrets are read-only and `buildah login` writes.
setup_registry_auth() {
  local host internal=false file sources=()
  export REGISTRY_AUTH_FILE="$AUTH_WORK_DIR/auth.json"
  # Tekton's creds-init writes the docker secrets linked to the ServiceAccount as <dir>/.docker/config.json
  # (tektoncd/pipeline pkg/credentials/dockercreds/creds.go, basicDockerBuilder.Write) into /tekton/creds, and the
  # entrypoint copies that folder's .docker into the step's HOME (pkg/credentials/writer, CopyCredsToHome).
  for file in "${HOME:-/tekton/home}/.docker/config.json" /tekton/creds/.docker/config.json; do
    if [ -f "$file" ]; then
      sources+=("config:$file")
      break
    fi
  done
  if [ "${DOCKERCONFIG_BOUND:-false}" = true ]; then
    local found=false
    # Later sources win: a legacy .dockercfg (a map of registry to auth, without "auths"), then a
    # kubernetes.io/dockerconfigjson Secret's .dockerconfigjson, then a config.json.
    if [ -f "$DOCKERCONFIG_PATH/.dockercfg" ]; then
      sources+=("legacy:$DOCKERCONFIG_PATH/.dockercfg")
      found=true
    fi
    for file in "$DOCKERCONFIG_PATH/.dockerconfigjson" "$DOCKERCONFIG_PATH/config.json"; do
      if [ -f "$file" ]; then
        sources+=("config:$file")
        found=true
      fi
    done
    if [ "$found" = false ]; then
      echo "the dockerconfig workspace holds no config.json, .dockerconfigjson or .dockercfg; using the ServiceAccount's credentials"
    fi
  fi
  merge_auths "${sources[@]}" > "$REGISTRY_AUTH_FILE"
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

# merge_auths KIND:FILE...: prints one config.json whose "auths" holds the registry entries of every FILE (KIND config:
# the "auths" object of a config.json; KIND legacy: the whole object of a .dockercfg), in order. A registry named twice
# keeps its last entry: Go's encoding/json, which containers/image reads the file with, stores a repeated key of a map
# over the earlier one. Other members (credHelpers, credsStore) are left out: a step has no helper to run.
merge_auths() {
  local source members=() body
  for source in "$@"; do
    body="$(auths_members "${source%%:*}" < "${source#*:}")"
    if [[ "$body" =~ [^[:space:]] ]]; then
      members+=("$body")
    else
      echo "${source#*:} holds no registry credentials" >&2
    fi
  done
  printf '{"auths":{%s}}\n' "$(IFS=,; printf '%s' "${members[*]}")"
}

# auths_members KIND: the text between the braces of the registry map of the JSON document on stdin. It walks the
# characters, skipping strings (escapes included), so braces inside a password cannot end the map early. Plain bash:
# the plain buildah image the manifest task may run in promises no awk; a docker config of a few KB takes well
# under a second.
auths_members() {
  local kind="$1" text c i n depth=0 in_string=0 escaped=0 key="" wanted=0 start=-1 string_start=0
  local LC_ALL=C
  text="$(cat; printf x)"
  text="${text%x}"
  n=${#text}
  for ((i = 0; i < n; i++)); do
    c="${text:i:1}"
    if ((in_string)); then
      if ((escaped)); then
        escaped=0
      elif [[ "$c" == "\\" ]]; then
        escaped=1
      elif [[ "$c" == '"' ]]; then
        in_string=0
        if ((depth == 1)); then key="${text:string_start:i-string_start+1}"; fi
      fi
      continue
    fi
    case "$c" in
      '"') in_string=1; string_start=$i ;;
      ':') if ((depth == 1)); then if [[ "$key" == '"auths"' ]]; then wanted=1; else wanted=0; fi; fi ;;
      ',') if ((depth == 1)); then wanted=0; fi ;;
      '{')
        depth=$((depth + 1))
        if [[ ( "$kind" == legacy && $depth == 1 ) || ( "$kind" == config && $depth == 2 && $wanted == 1 ) ]]; then start=$((i + 1)); fi
        ;;
      '}')
        if ((start >= 0)) && [[ ( "$kind" == legacy && $depth == 1 ) || ( "$kind" == config && $depth == 2 ) ]]; then
          printf '%s' "${text:start:i-start}"
          return 0
        fi
        depth=$((depth - 1))
        ;;
    esac
  done
}

# login_internal_registry: (re)logs in to the internal registry with the token as the file holds it now, when
# setup_registry_auth found that registry among its hosts. Called again right before every push: the pod's token
# is a projected ServiceAccount token that the kubelet rewrites once it is older than 80% of its lifetime
# (Kubernetes API: ServiceAccountTokenProjection.expirationSeconds), so the one read before a build of hours may be
# refused at the push while the file already holds a valid one.
INTERNAL_LOGIN=false
login_internal_registry() {
  if [ "$INTERNAL_LOGIN" = true ]; then
    "${BUILDAH[@]}" login --authfile "$REGISTRY_AUTH_FILE" "${REGISTRY_ARGS[@]}" "${TLS_ARGS[@]}" \
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

# check_tls_verify VALUE: true or false; sets TLS_ARGS. true passes no --tls-verify at all, so that buildah verifies
# every registry except one that registries.conf marks `insecure = true`: an explicit --tls-verify, true included,
# sets the SystemContext's DockerInsecureSkipTLSVerify (buildah pkg/parse, SystemContextFromFlagSet, only for a flag
# given), which wins over the registries.conf lookup of containers/image's newDockerClient in
# dockerClient.detectPropertiesHelper (docker/docker_client.go). false turns verification off for every registry.
check_tls_verify() {
  case "$1" in
    true) TLS_ARGS=() ;;
    false) TLS_ARGS=(--tls-verify=false) ;;
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

# registry_command WHAT HOST COMMAND...: runs a buildah COMMAND that pulls or pushes (WHAT: "pulling a FROM image",
# "pushing"), its output still in the log. When it fails because a registry refused the credentials (HTTP 401 or 403,
# as containers/image words them), it ends with one line naming the registry and where credentials come from;
# HOST is the registry when the output names none (a pull's registry comes from the output: FROM is the
# Containerfile's). When a registry's certificate chains to no CA the step trusts (Go's crypto/x509 error, which
# containers/image passes on), it ends with one line naming the registry and the ssl-ca-directory workspace.
registry_command() {
  local what="$1" host="$2" output="$AUTH_WORK_DIR/registry-command.log" status=0 line named
  shift 2
  # stderr passes through tee into the file and back to stderr; stdout goes straight on (fd 3).
  { "$@" 2>&1 1>&3 3>&- | tee "$output" >&2; } 3>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    return 0
  fi
  line="$(grep -E -i -m 1 'unauthorized|authentication required|invalid username/password|access to the resource is denied|denied: |40[13] (Unauthorized|Forbidden)' "$output" || true)"
  if [ -n "$line" ]; then
    named="$(printf '%s\n' "$line" | grep -E -o 'docker://[^/[:space:]]+' | head -n 1 || true)"
    if [ -z "$named" ]; then
      named="$(printf '%s\n' "$line" | grep -E -o ' in [A-Za-z0-9.-]+(:[0-9]+)?/' | head -n 1 || true)"
      named="${named# in }"
    fi
    named="${named#docker://}"
    named="${named%/}"
    die "registry ${named:-$host} refused access when $what (HTTP 401/403); give its credentials in the dockerconfig workspace (destination.credentialsSecret, --credentials-secret) or link its Secret to the ServiceAccount (oc secrets link SA SECRET --for=mount)"
  fi
  line="$(grep -E -m 1 'x509: certificate signed by unknown authority' "$output" || true)"
  if [ -n "$line" ]; then
    # containers/image names the registry it pinged: Get "https://HOST/v2/".
    named="$(printf '%s\n' "$line" | grep -E -o 'https://[^/"[:space:]]+' | head -n 1 || true)"
    named="${named#https://}"
    die "the TLS certificate of registry ${named:-$host} is not trusted when $what (signed by an unknown authority); put the CA that signed it in the ssl-ca-directory workspace (spec.caBundle, --ca-bundle)"
  fi
  exit "$status"
}
