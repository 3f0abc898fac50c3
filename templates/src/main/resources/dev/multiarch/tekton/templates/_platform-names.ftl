<#-- Rendered from dev.multiarch.tekton.Platform.known(): the only platforms the scripts accept. -->
# known_platform PLATFORM: true for the platforms this project can build (from Platform.known() in Java).
known_platform() {
  case "$1" in
    <#list platforms as p>"[=p.name]"<#sep>|</#sep></#list>) return 0 ;;
    *) return 1 ;;
  esac
}

# require_known_platform PLATFORM: fails naming the platforms that are allowed.
require_known_platform() {
  known_platform "$1" || die "PLATFORM '$1' is not allowed; expected a known platform: [=platforms?map(p -> p.name)?join(", ")]"
}
