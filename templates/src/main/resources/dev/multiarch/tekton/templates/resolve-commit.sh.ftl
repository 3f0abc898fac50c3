#!/usr/bin/env bash
# Resolves GIT_REVISION (a branch, tag or commit; the remote's default branch when empty) to one commit, once for
# the whole run, so that every platform's build fetches exactly that commit even if the branch moves meanwhile.
# Writes the commit and the URL without credentials as results, which the Pipeline publishes for Tekton Chains.
# With an empty GIT_URL the source workspace is built as it is: both results are empty.
# Env: GIT_URL, GIT_REVISION, HTTP_PROXY, HTTPS_PROXY, NO_PROXY; BASIC_AUTH_BOUND/_PATH and SSH_DIRECTORY_BOUND/_PATH
# (the git credentials); SSL_CA_DIRECTORY_BOUND/_PATH (extra CAs).
set -euo pipefail

<#include "_common.ftl">

<#include "_proxy.ftl">

<#include "_git.ftl">

<#include "_git-auth.ftl">

<#include "_trust.ftl">

if [ -z "$GIT_URL" ]; then
  printf '' > "$(results.COMMIT.path)"
  printf '' > "$(results.URL.path)"
  echo "GIT_URL is empty: the builds use the source workspace as it is; no commit to resolve"
  exit 0
fi
check_git_inputs
url="$(url_without_credentials "$GIT_URL")"

work="$(mktemp -d)"
trap 'rm -rf -- "$work"' EXIT
setup_git_auth "$work/home"
setup_trust "$work/trust"
check_ssh_known_hosts "$url"
git -C "$work" -c init.defaultBranch=main init --quiet
git -C "$work" remote add origin "$GIT_URL"
revision="${GIT_REVISION:-HEAD}"
# A shallow fetch resolves the revision exactly as the builds' own fetch would (branch, tag, full commit).
if ! git_fetch_or_explain "$url" -C "$work" fetch --quiet --depth 1 origin "$revision"; then
  die "cannot fetch '$revision' from $url"
fi
commit="$(git -C "$work" rev-parse 'FETCH_HEAD^{commit}')"
printf '%s' "$commit" > "$(results.COMMIT.path)"
printf '%s' "$url" > "$(results.URL.path)"
echo "resolved $revision of $url to commit $commit"
