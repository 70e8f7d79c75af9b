# Shared by the launchers at the repository root (ringbook, ringbook-demo, ringbook-load, ringbook-replay,
# ringbook-report): sourced, not run. A launcher names the Maven modules it runs and the jars it needs;
# ringbook_build rebuilds them when a jar is missing or older than any build input.
#
# Build inputs are found by walking the tree, not listed: every pom.xml and every file under a src/main/ directory
# (outside target/), so a new module needs no change here. That is sometimes more than a jar depends on (a benchmark
# source for the server jar); after a build the jars are stamped with the time the build started, so such an input
# costs one rebuild, not one per run, and a source saved while Maven was running still triggers the next one.

ringbook_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Prints the first build input newer than the file $1, or nothing.
ringbook_newer_input() {
  find "$ringbook_root" -type d \( -name target -o -name .git \) -prune -o -type f \
    \( -name pom.xml -o -path '*/src/main/*' \) -newer "$1" -print -quit
}

# ringbook_build WHAT MODULES JAR...: when a JAR (relative to the repository root) is missing or older than a build
# input, runs `mvn package -pl MODULES -am` without tests; WHAT names the build in the message on stderr.
ringbook_build() {
  local what="$1" modules="$2" jar stale="" stamp
  shift 2
  for jar in "$@"; do
    if [ ! -f "$ringbook_root/$jar" ] || [ -n "$(ringbook_newer_input "$ringbook_root/$jar")" ]; then
      stale=yes
      break
    fi
  done
  if [ -z "$stale" ]; then
    return 0
  fi
  echo "Building $what (first run takes a minute or two)..." >&2
  stamp="$(mktemp)"
  if ! (cd "$ringbook_root" && mvn -B -q -DskipTests package -pl "$modules" -am >&2); then
    rm -f "$stamp"
    return 1
  fi
  for jar in "$@"; do
    touch -r "$stamp" "$ringbook_root/$jar"
  done
  rm -f "$stamp"
}
