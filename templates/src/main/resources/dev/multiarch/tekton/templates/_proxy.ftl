# check_proxy: HTTP_PROXY and HTTPS_PROXY (Pipeline params, empty for none) are http(s)://host[:port] without user or
# password, and NO_PROXY a comma-separated list; a refused value is not echoed, as it may hold credentials. Git, curl
# and buildah then read them, upper and lower case alike (git and curl read only http_proxy in lower case).
check_proxy() {
  local name url_pattern='^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?/?$'
  local list_pattern='^[][A-Za-z0-9.*:/_-]+(,[][A-Za-z0-9.*:/_-]+)*$'
  for name in HTTP_PROXY HTTPS_PROXY; do
    if [ -n "${!name:-}" ] && [[ ! "${!name}" =~ $url_pattern ]]; then
      die "$name is not allowed; expected http://host:port or https://host:port without user or password"
    fi
  done
  if [ -n "${NO_PROXY:-}" ] && [[ ! "$NO_PROXY" =~ $list_pattern ]]; then
    die "NO_PROXY '$NO_PROXY' is not allowed; expected a comma-separated list of hosts, .domains, IP addresses or CIDRs"
  fi
  export HTTP_PROXY="${HTTP_PROXY:-}" HTTPS_PROXY="${HTTPS_PROXY:-}" NO_PROXY="${NO_PROXY:-}"
  export http_proxy="$HTTP_PROXY" https_proxy="$HTTPS_PROXY" no_proxy="$NO_PROXY"
}
check_proxy
