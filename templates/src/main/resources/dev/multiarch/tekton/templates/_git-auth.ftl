# setup_git_auth HOME_DIR: makes HOME_DIR (new, private) git's and ssh's home and copies into it the git
# credentials: first those Tekton's credential initialisation put into the step's HOME from the ServiceAccount's
# Secrets annotated tekton.dev/git-* (.gitconfig, .git-credentials, .ssh; Tekton's pkg/credentials,
# CopyCredsToHome), then, winning over them, the basic-auth workspace's (.gitconfig, .git-credentials) and the
# ssh-directory workspace's (private keys, known_hosts, optional config), in the layouts of the Tekton catalog's
# git-clone Task (task/git-clone/0.9, step clone). Workspaces are read-only Secret volumes: the copies are private
# (700/600). git never waits for input: no terminal prompt, no askpass, ssh in batch mode with host keys checked.
setup_git_auth() {
  local home="$1" previous="${HOME:-}" file name
  mkdir -m 700 -- "$home" "$home/.ssh"
  local ssh_dir="$home/.ssh"
  local -a sources=()
  if [ -n "$previous" ] && [ -d "$previous" ]; then
    sources+=("$previous")
  fi
  if [ "${BASIC_AUTH_BOUND:-false}" = true ]; then
    sources+=("$BASIC_AUTH_PATH")
  fi
  for file in "${sources[@]}"; do
    for name in .gitconfig .git-credentials; do
      if [ -f "$file/$name" ]; then
        cp -- "$file/$name" "$home/$name"
        chmod 600 -- "$home/$name"
      fi
    done
  done
  sources=()
  if [ -n "$previous" ] && [ -d "$previous/.ssh" ]; then
    sources+=("$previous/.ssh")
  fi
  if [ "${SSH_DIRECTORY_BOUND:-false}" = true ]; then
    sources+=("$SSH_DIRECTORY_PATH")
  fi
  for name in "${sources[@]}"; do
    for file in "$name"/*; do
      if [ -f "$file" ]; then
        cp -- "$file" "$ssh_dir/${file##*/}"
        chmod 600 -- "$ssh_dir/${file##*/}"
      fi
    done
  done
  export HOME="$home"
  export GIT_TERMINAL_PROMPT=0
  # Empty, not unset: git takes GIT_ASKPASS before core.askPass and SSH_ASKPASS, and runs no program for an empty
  # one (git's prompt.c, git_prompt).
  export GIT_ASKPASS=""
  unset SSH_ASKPASS
  GIT_BASIC_AUTH=false
  if [ -f "$home/.git-credentials" ]; then
    GIT_BASIC_AUTH=true
    # git reads .git-credentials only through the store helper, which the catalog's .gitconfig names.
    if [ ! -f "$home/.gitconfig" ]; then
      git config --global credential.helper store
    fi
  elif [ "${BASIC_AUTH_BOUND:-false}" = true ]; then
    echo "the basic-auth workspace holds no .git-credentials: git asks the server without credentials"
  fi
  local -a ssh=(ssh -o BatchMode=yes -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes)
  for file in "$ssh_dir"/*; do
    if [ -f "$file" ] && grep -q -- '-----BEGIN [A-Z ]*PRIVATE KEY-----' "$file"; then
      ssh+=(-i "$file")
    fi
  done
  GIT_SSH_DIRECTORY="${SSH_DIRECTORY_BOUND:-false}"
  GIT_KNOWN_HOSTS=false
  if [ -f "$ssh_dir/known_hosts" ]; then
    GIT_KNOWN_HOSTS=true
    ssh+=(-o "UserKnownHostsFile=$ssh_dir/known_hosts")
  fi
  # Options given on the command line win over the config file's (ssh_config(5): the first value obtained is
  # used), so its StrictHostKeyChecking cannot turn the check off; without a config of its own, ssh reads none.
  if [ -f "$ssh_dir/config" ]; then
    ssh+=(-F "$ssh_dir/config")
  else
    ssh+=(-F /dev/null)
  fi
  GIT_SSH_COMMAND="$(printf '%q ' "${ssh[@]}")"
  export GIT_SSH_COMMAND
}

# is_ssh_url URL: whether git reaches URL through ssh (ssh:// or the scp-like user@host:path form).
is_ssh_url() {
  [[ "$1" =~ ^ssh:// ]] || [[ "$1" =~ ^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+: ]]
}

# check_ssh_known_hosts URL: an ssh URL with an ssh-directory workspace needs the server's host key in it.
check_ssh_known_hosts() {
  if is_ssh_url "$1" && [ "$GIT_SSH_DIRECTORY" = true ] && [ "$GIT_KNOWN_HOSTS" = false ]; then
    die "the ssh-directory workspace holds no known_hosts, so the host key of $1 cannot be checked: add the server's key (ssh-keyscan HOST) as known_hosts to the Secret of spec.source.git.sshSecret (--git-ssh-secret)"
  fi
}

# git_fetch_or_explain URL GIT_ARGS...: runs git GIT_ARGS... and, when it fails because the server wants
# credentials git lacks or refuses a host key, fails with one line naming URL (without credentials) and the
# workspace that provides them. Any other failure returns git's status; git's own messages stay in the log.
git_fetch_or_explain() {
  local url="$1" status=0 errors
  shift
  errors="$(mktemp)"
  git "$@" 2> "$errors" || status=$?
  cat -- "$errors" >&2
  if [ "$status" -ne 0 ]; then
    if grep -q -e 'Host key verification failed' -e 'No .* host key is known' "$errors"; then
      rm -f -- "$errors"
      if [ "$GIT_KNOWN_HOSTS" = true ]; then
        die "git: the host key of $url is not the one in known_hosts of the ssh-directory workspace (spec.source.git.sshSecret, --git-ssh-secret)"
      fi
      die "git: cannot check the host key of $url: bind the ssh-directory workspace, with the server's key in known_hosts, through spec.source.git.sshSecret or --git-ssh-secret"
    elif grep -q -e 'Permission denied (publickey' "$errors"; then
      rm -f -- "$errors"
      if [ "$GIT_SSH_DIRECTORY" = true ]; then
        die "git: $url refused the keys of the ssh-directory workspace (spec.source.git.sshSecret, --git-ssh-secret)"
      fi
      die "git: $url wants an ssh key: bind the ssh-directory workspace (a private key and known_hosts) through spec.source.git.sshSecret or --git-ssh-secret"
    elif grep -q -i -e 'Authentication failed' -e 'could not read Username' -e 'could not read Password' \
      -e 'terminal prompts disabled' -e 'returned error: 40[13]' "$errors"; then
      rm -f -- "$errors"
      if [ "$GIT_BASIC_AUTH" = true ]; then
        die "git: $url refused the credentials of the basic-auth workspace (spec.source.git.credentialsSecret, --git-credentials-secret)"
      fi
      die "git: $url wants credentials: bind the basic-auth workspace (.git-credentials and .gitconfig) through spec.source.git.credentialsSecret or --git-credentials-secret"
    fi
  fi
  rm -f -- "$errors"
  return "$status"
}
