<#-- Rendered from dev.multiarch.tekton.Platform.known(): one source of truth for Java and bash. -->
# The platform table, rendered from Platform.known() in Java so both sides agree.
known_platforms() {
  printf '%s\n'<#list platforms as p> "[=p.name]"</#list>
}

# lookup_platform PLATFORM: sets QEMU_ENTRY (the binfmt_misc entry tonistiigi/binfmt registers for it) and
# NATIVE_MACHINES (the `uname -m` values of nodes that run it without emulation); returns 1 if unknown.
lookup_platform() {
  case "$1" in
<#list platforms as p>
    "[=p.name]") QEMU_ENTRY="[=p.qemuBinary]"; NATIVE_MACHINES=(<#list p.nativeMachines as m>"[=m]"<#sep> </#sep></#list>) ;;
</#list>
    *) return 1 ;;
  esac
}

# runs_natively MACHINE: true if MACHINE is one of the NATIVE_MACHINES set by lookup_platform.
runs_natively() {
  local machine
  for machine in "${NATIVE_MACHINES[@]}"; do
    if [ "$machine" = "$1" ]; then
      return 0
    fi
  done
  return 1
}

# entry_problem FILE: prints why the binfmt_misc entry FILE cannot run container builds, or nothing if it can.
# The F (fix-binary) flag makes the kernel open the interpreter at registration, so it works in every container.
entry_problem() {
  if ! grep -qx 'enabled' "$1"; then
    echo "the entry is disabled"
  elif ! grep -q '^flags:.*F' "$1"; then
    echo "the entry lacks the F (fix-binary) flag, so containers cannot reach its interpreter"
  fi
}
