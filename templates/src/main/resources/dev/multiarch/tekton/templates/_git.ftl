# check_git_inputs: GIT_URL and GIT_REVISION must not start with '-', which would turn them into git options.
check_git_inputs() {
  case "$GIT_URL" in
    -*) die "GIT_URL must not start with '-'" ;;
  esac
  case "$GIT_REVISION" in
    -*) die "GIT_REVISION '$GIT_REVISION' is not allowed; expected a branch, tag, ref or commit" ;;
  esac
}

# url_without_credentials URL: the URL without a user:password@ part, fit to print, label and publish.
url_without_credentials() {
  local url="$1"
  if [[ "$url" =~ ^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@(.*)$ ]]; then
    url="${BASH_REMATCH[1]}${BASH_REMATCH[2]}"
  fi
  printf '%s' "$url"
}
