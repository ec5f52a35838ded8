# syntax=docker/dockerfile:1
# Build: docker build -t evalbot .      Run: docker run -p 8080:7860 evalbot
# The image listens on 7860 (EVALBOT_PORT), the port a Hugging Face Docker Space's front matter names
# (`app_port: 7860`, see docs/hub.md); PORT, when a platform sets it, still wins.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies and build plugins first, in a layer of their own: building the poms alone (modules
# without sources) resolves everything the package step needs, so that step runs offline (-o) and a
# source change downloads nothing. `dependency:go-offline` cannot do this: it looks for the reactor's
# own modules (evalbot-rules) in Maven Central.
COPY pom.xml ./
COPY rules/pom.xml rules/
COPY app/pom.xml app/
COPY bench/pom.xml bench/
RUN mvn -B -q -ntp -pl app -am package -DskipTests && rm -rf rules/target app/target
COPY rules/src rules/src
COPY app/src app/src
COPY config config
RUN mvn -B -q -o -pl app -am package -DskipTests
# SQLite's native library, unpacked once here: otherwise every start writes it to /tmp, compares it
# byte by byte with the jar's copy and runs `uname` to tell Android from Linux.
RUN mkdir -p /src/native && cd /src/native \
 && jar xf /src/app/target/evalbot.jar "org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so" \
 && mv "org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so" . && rm -r org

FROM eclipse-temurin:17-jre-jammy
# uid 1000: the user a Hugging Face Docker Space runs containers as. It owns /app/data only (the
# store and the dry-run's webhook secret); the jar, the configuration and the archive stay root's,
# so the running server cannot change its own code or rules.
RUN groupadd --system --gid 1000 evalbot \
 && useradd --system --uid 1000 --gid evalbot --home-dir /app/data --shell /usr/sbin/nologin evalbot \
 && mkdir -p /app/data && chown evalbot:evalbot /app/data && chmod 0750 /app/data
WORKDIR /app
COPY --from=build /src/app/target/evalbot.jar /app/evalbot.jar
COPY --from=build /src/config /app/config
# The GitHub Action's and the pre-commit hook's entrypoint (action.yml, .pre-commit-hooks.yaml).
COPY --chmod=0755 action/entrypoint.sh /app/action-entrypoint.sh
COPY --from=build /src/native/libsqlitejdbc.so /app/lib/libsqlitejdbc.so
# Class-data sharing: one training start at build time records the classes a start, an accept and
# a review load (docker/cds-archive.sh); every start then maps them from /app/evalbot.jsa instead
# of loading and verifying them again, which halves the CPU a start spends before it is ready.
COPY --chmod=0755 docker/cds-archive.sh /tmp/cds-archive.sh
RUN /tmp/cds-archive.sh /app/evalbot.jar /app/config /app/evalbot.jsa && rm /tmp/cds-archive.sh \
 && chmod 0644 /app/evalbot.jsa
USER 1000:1000
# LANG: the review's text ("—", "✅") is UTF-8 whatever the base image's locale.
# EVALBOT_HOST: a container is reached from outside it; the dry-run's loopback default would hide it.
ENV LANG=C.UTF-8 \
    EVALBOT_CONFIG=/app/config \
    EVALBOT_DB=jdbc:sqlite:/app/data/evalbot.db \
    EVALBOT_DATA=/app/data \
    EVALBOT_HOST=0.0.0.0 \
    EVALBOT_PORT=7860
EXPOSE 7860
HEALTHCHECK --interval=30s --timeout=3s CMD ["java", "-cp", "/app/evalbot.jar", "dev.evalbot.app.cli.HealthProbe"]
# The JVM's options on its command line, not in JAVA_TOOL_OPTIONS (which makes every java call,
# the health probe's included, print "Picked up JAVA_TOOL_OPTIONS"): the archive above, SQLite's
# unpacked library, a collector sized for a heap of tens of MB, and a restart rather than a limp
# when memory runs out.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/app/evalbot.jsa", "-Dorg.sqlite.lib.path=/app/lib", \
            "-Dorg.sqlite.lib.name=libsqlitejdbc.so", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", \
            "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/evalbot.jar"]
CMD ["serve"]
