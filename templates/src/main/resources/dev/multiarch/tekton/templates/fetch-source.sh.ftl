#!/usr/bin/env bash
# Shallow-clones GIT_URL at GIT_COMMIT (resolved once for every platform) or, without one, at GIT_REVISION (the
# remote's default branch when empty) into SOURCE_DIR/<platform>, one directory per platform so that matrix
# siblings sharing one volume never touch each other's checkout, and proves it got the commit it was given.
# With an empty GIT_URL the source workspace already holds the source and nothing is fetched.
# Env: PLATFORM, GIT_URL, GIT_REVISION, GIT_COMMIT, SOURCE_DIR, HTTP_PROXY, HTTPS_PROXY, NO_PROXY;
# BASIC_AUTH_BOUND/_PATH and SSH_DIRECTORY_BOUND/_PATH (the git credentials); SSL_CA_DIRECTORY_BOUND/_PATH (extra CAs).
set -euo pipefail

<#include "_common.ftl">

<#include "_proxy.ftl">

<#include "_platform-names.ftl">

<#include "_git.ftl">

<#include "_git-auth.ftl">

<#include "_trust.ftl">

require_known_platform "$PLATFORM"

if [ -z "$GIT_URL" ]; then
  echo "GIT_URL is empty: building the source workspace as it is"
  exit 0
fi
check_git_inputs
if [ -n "$GIT_COMMIT" ] && [[ ! "$GIT_COMMIT" =~ ^[0-9a-f]{40}([0-9a-f]{24})?$ ]]; then
  die "GIT_COMMIT '$GIT_COMMIT' is not allowed; expected a full commit id (40 or 64 hex digits)"
fi

url="$(url_without_credentials "$GIT_URL")"
home="$(mktemp -d)"
trap 'rm -rf -- "$home"' EXIT
setup_git_auth "$home/home"
setup_trust "$home/trust"
check_ssh_known_hosts "$url"

checkout="$SOURCE_DIR/${PLATFORM//\//-}"
# A retried TaskRun finds the previous attempt's checkout: start from scratch.
rm -rf -- "$checkout"
mkdir -p -- "$checkout"
cd -- "$checkout"
git -c init.defaultBranch=main init --quiet
git remote add origin "$GIT_URL"
revision="${GIT_COMMIT:-${GIT_REVISION:-HEAD}}"
if ! git_fetch_or_explain "$url" fetch --quiet --depth 1 origin "$revision"; then
  die "cannot fetch '$revision' from $url"
fi
git -c advice.detachedHead=false checkout --quiet FETCH_HEAD
commit="$(git rev-parse HEAD)"
if [ -n "$GIT_COMMIT" ] && [ "$commit" != "$GIT_COMMIT" ]; then
  die "fetched commit $commit, but this run builds commit $GIT_COMMIT"
fi
printf 'checked out %s at commit %s into %s\n' "${GIT_REVISION:-the default branch}" "$commit" "$checkout"
