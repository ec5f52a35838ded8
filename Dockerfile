# syntax=docker/dockerfile:1
# Build: docker build -t evalbot .      Run: docker run -p 8080:8080 evalbot
# On a Hugging Face Docker Space the platform sets PORT=7860; evalbot listens there when PORT is set.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies first, so that a code change does not download them again.
COPY pom.xml ./
COPY rules/pom.xml rules/
COPY app/pom.xml app/
COPY bench/pom.xml bench/
RUN mvn -B -q -ntp -pl app -am dependency:go-offline -DexcludeReactor=true || true
COPY rules/src rules/src
COPY app/src app/src
COPY config config
RUN mvn -B -q -ntp -pl app -am package -DskipTests
# SQLite's native library, unpacked once here: otherwise every start writes it to /tmp, compares it
# byte by byte with the jar's copy and runs `uname` to tell Android from Linux.
RUN mkdir -p /src/native && cd /src/native \
 && jar xf /src/app/target/evalbot.jar "org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so" \
 && mv "org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so" . && rm -r org

FROM eclipse-temurin:17-jre-jammy
RUN groupadd --system --gid 1000 evalbot \
 && useradd --system --uid 1000 --gid evalbot --home-dir /app --shell /usr/sbin/nologin evalbot \
 && mkdir -p /app/data && chown -R evalbot:evalbot /app
WORKDIR /app
COPY --from=build --chown=evalbot:evalbot /src/app/target/evalbot.jar /app/evalbot.jar
COPY --from=build --chown=evalbot:evalbot /src/config /app/config
# The GitHub Action's and the pre-commit hook's entrypoint (action.yml, .pre-commit-hooks.yaml).
COPY --chown=evalbot:evalbot --chmod=0755 action/entrypoint.sh /app/action-entrypoint.sh
COPY --from=build /src/native/libsqlitejdbc.so /app/lib/libsqlitejdbc.so
# Class-data sharing: one training start at build time records the classes a start, an accept and
# a review load (docker/cds-archive.sh); every start then maps them from /app/evalbot.jsa instead
# of loading and verifying them again, which halves the CPU a start spends before it is ready.
COPY --chmod=0755 docker/cds-archive.sh /tmp/cds-archive.sh
RUN /tmp/cds-archive.sh /app/evalbot.jar /app/config /app/evalbot.jsa && rm /tmp/cds-archive.sh
# uid 1000: the user a Hugging Face Docker Space runs containers as.
USER 1000:1000
ENV EVALBOT_CONFIG=/app/config \
    EVALBOT_DB=jdbc:sqlite:/app/data/evalbot.db \
    JAVA_TOOL_OPTIONS="-XX:SharedArchiveFile=/app/evalbot.jsa -Dorg.sqlite.lib.path=/app/lib -Dorg.sqlite.lib.name=libsqlitejdbc.so -XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080 7860
HEALTHCHECK --interval=30s --timeout=3s CMD ["java", "-cp", "/app/evalbot.jar", "dev.evalbot.app.cli.HealthProbe"]
ENTRYPOINT ["java", "-jar", "/app/evalbot.jar"]
CMD ["serve"]
