# first_target_instruction FILE: prints "LINE: TEXT" (TEXT: the instruction's first line) for the first instruction
# of the Containerfile FILE that may execute a binary of the target platform, or that this reading does not
# understand and so must assume does; prints nothing when everything that executes runs in a stage
# `FROM --platform=$BUILDPLATFORM`, so the target platform needs no emulator. A RUN in any other stage, ONBUILD, a
# heredoc (`<<`), an unknown instruction, FROM with any other flag, an escape directive or an unfinished continuation
# all count. core's dev.multiarch.tekton.Containerfiles applies the same rules; one table of Containerfiles tests
# both (templates/src/test/resources/containerfiles.txt).
first_target_instruction() {
  local line number=0 start=0 first="" joined="" stage=none keyword flags=0 word
  local -a words
  local skipped='^[[:blank:]]*(#.*)?$'
  local escape_directive='^[[:blank:]]*#[[:blank:]]*[Ee][Ss][Cc][Aa][Pp][Ee][[:blank:]]*='
  local continued='\\[[:blank:]]*$'
  # shellcheck disable=SC2016 # the flag as written in the Containerfile, not expanded
  local plain_flag='--platform=$BUILDPLATFORM' braced_flag='--platform=${BUILDPLATFORM}'
  while IFS= read -r line || [ -n "$line" ]; do
    number=$((number + 1))
    line="${line%$'\r'}"
    if [[ "$line" =~ $escape_directive ]]; then
      echo "$number: $(trim_blanks "$line")"
      return 0
    fi
    if [[ "$line" =~ $skipped ]]; then
      continue
    fi
    if [ -z "$first" ]; then
      start="$number"
      first="$(trim_blanks "$line")"
      first="$(trim_blanks "${first%\\}")"
    fi
    if [[ "$line" =~ $continued ]]; then
      line="$(trim_blanks "$line")"
      joined="$joined ${line%\\}"
      continue
    fi
    joined="$joined $line"
    IFS=$' \t' read -r -a words <<< "$joined"
    keyword="${words[0]^^}"
    if [[ "$joined" == *'<<'* ]]; then
      echo "$start: $first"
      return 0
    fi
    case "$keyword" in
      FROM)
        flags=0
        for word in "${words[@]:1}"; do
          if [[ "$word" == --* ]]; then
            flags=$((flags + 1))
          fi
        done
        if [ "$flags" -eq 0 ]; then
          stage=target
        elif [ "$flags" -eq 1 ] && [[ "${words[1]}" == "$plain_flag" || "${words[1]}" == "$braced_flag" ]]; then
          stage=build
        else
          echo "$start: $first"
          return 0
        fi
        ;;
      ARG) ;;
      RUN)
        if [ "$stage" != build ]; then
          echo "$start: $first"
          return 0
        fi
        ;;
      ADD | CMD | COPY | ENTRYPOINT | ENV | EXPOSE | HEALTHCHECK | LABEL | MAINTAINER | SHELL | STOPSIGNAL | USER | VOLUME | WORKDIR)
        if [ "$stage" = none ]; then
          echo "$start: $first"
          return 0
        fi
        ;;
      *)
        echo "$start: $first"
        return 0
        ;;
    esac
    first=""
    joined=""
  done < "$1"
  if [ -n "$first" ]; then
    echo "$start: $first"
  elif [ "$stage" = none ]; then
    echo "1: no FROM instruction"
  fi
}

# trim_blanks TEXT: TEXT without leading and trailing spaces and tabs.
trim_blanks() {
  local text="$1"
  text="${text#"${text%%[![:blank:]]*}"}"
  printf '%s' "${text%"${text##*[![:blank:]]}"}"
}
