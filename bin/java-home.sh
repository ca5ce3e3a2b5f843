# Sourced by the bin/ scripts: pick a JDK 25 (the machine's default java may be 17).
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/*-25-*; do
    if [ -x "$candidate/bin/java" ]; then JAVA_HOME="$candidate"; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "sluice: a JDK 25 is required; set JAVA_HOME (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)" >&2
  exit 1
fi
export JAVA_HOME
