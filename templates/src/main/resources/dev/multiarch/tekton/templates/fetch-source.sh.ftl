#!/usr/bin/env bash
# Shallow-clones GIT_URL at GIT_REVISION (the remote's default branch when empty) into SOURCE_DIR/<platform>,
# one directory per platform so that matrix siblings sharing one volume never touch each other's checkout.
# With an empty GIT_URL the source workspace already holds the source and nothing is fetched.
# Env: PLATFORM, GIT_URL, GIT_REVISION, SOURCE_DIR.
set -euo pipefail

<#include "_common.ftl">

<#include "_platform-names.ftl">

require_known_platform "$PLATFORM"

if [ -z "$GIT_URL" ]; then
  echo "GIT_URL is empty: building the source workspace as it is"
  exit 0
fi
# A leading '-' would turn a value into a git option.
case "$GIT_URL" in
  -*) die "GIT_URL must not start with '-'" ;;
esac
case "$GIT_REVISION" in
  -*) die "GIT_REVISION '$GIT_REVISION' is not allowed; expected a branch, tag, ref or commit" ;;
esac

checkout="$SOURCE_DIR/${PLATFORM//\//-}"
# A retried TaskRun finds the previous attempt's checkout: start from scratch.
rm -rf -- "$checkout"
mkdir -p -- "$checkout"
cd -- "$checkout"
git -c init.defaultBranch=main init --quiet
git remote add origin "$GIT_URL"
revision="${GIT_REVISION:-HEAD}"
git fetch --quiet --depth 1 origin "$revision"
git -c advice.detachedHead=false checkout --quiet FETCH_HEAD
printf 'checked out %s at commit %s into %s\n' "$revision" "$(git rev-parse HEAD)" "$checkout"
