# setup_trust DIR: when the ssl-ca-directory workspace is bound (SSL_CA_DIRECTORY_BOUND/_PATH), trusts the CA
# certificates (PEM) of its regular files besides the system ones: git reads GIT_SSL_CAINFO, one bundle of them all
# written to DIR/ca-bundle.crt, and every buildah command that talks to a registry gets REGISTRY_ARGS --cert-dir
# DIR/certs, which holds each file as <name>.crt. containers/image reads the *.crt files of a cert dir as CAs added to
# the system pool (pkg/tlsclientconfig, SetupCertificates). DIR belongs to the caller, who removes it. A ConfigMap's
# `..data` entries start with '.', which the glob skips.
setup_trust() {
  local dir="$1" file name found=false
  if [ "${SSL_CA_DIRECTORY_BOUND:-false}" != true ]; then
    return 0
  fi
  mkdir -p -- "$dir/certs"
  : > "$dir/ca-bundle.crt"
  for file in "$SSL_CA_DIRECTORY_PATH"/*; do
    if [ ! -f "$file" ]; then
      continue
    fi
    name="${file##*/}"
    name="${name%.*}"
    cat -- "$file" >> "$dir/ca-bundle.crt"
    printf '\n' >> "$dir/ca-bundle.crt"
    cp -- "$file" "$dir/certs/$name.crt"
    found=true
  done
  if [ "$found" = false ]; then
    die "the ssl-ca-directory workspace holds no file; expected CA certificates (PEM) such as ca-bundle.crt"
  fi
  export GIT_SSL_CAINFO="$dir/ca-bundle.crt"
  # shellcheck disable=SC2034 # read by the buildah scripts (_registry-auth.ftl), not by the git ones
  REGISTRY_ARGS=(--cert-dir "$dir/certs")
}
