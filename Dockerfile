# Herald: build with Maven, run on a slim JRE. Base images are arguments so the image can be built from local
# stand-ins where no registry is reachable (containers/setup.sh does that, with
# --build-arg BUILD_IMAGE=localhost/debian-jdk:bookworm --build-arg BASE_IMAGE=localhost/debian-jre:bookworm
# and the host's ~/.m2 mounted at /root/.m2 so Maven finds its dependencies).
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG BASE_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# The source tree as .dockerignore trims it (every module's pom is there, as the reactor needs); only the launcher
# and the modules it depends on are built.
COPY . .
RUN mvn -B -q -Dstyle.color=never -pl app -am package -Dmaven.test.skip=true

FROM ${BASE_IMAGE}
ARG JAVA_HOME=/opt/java/openjdk
# A system user that may bind port 53: the capability sits on the java binary, whose own libraries must then be
# found through ld.so.conf (secure-execution mode ignores the binary's relative run path).
RUN set -eux; \
    (command -v setcap >/dev/null || (apt-get update && apt-get install -y --no-install-recommends libcap2-bin && rm -rf /var/lib/apt/lists/*)); \
    setcap cap_net_bind_service=+ep "${JAVA_HOME}/bin/java"; \
    echo "${JAVA_HOME}/lib" > /etc/ld.so.conf.d/herald-java.conf; \
    echo "${JAVA_HOME}/lib/server" >> /etc/ld.so.conf.d/herald-java.conf; \
    ldconfig; \
    useradd --system --no-create-home --shell /usr/sbin/nologin herald
COPY --from=build /src/app/target/herald.jar /opt/herald/herald.jar
USER herald
EXPOSE 53/udp 53/tcp 8500/tcp 7946/tcp
ENV HERALD_DNS_ADDRESS=0.0.0.0 \
    HERALD_DNS_PORT=53 \
    HERALD_HTTP_ADDRESS=0.0.0.0
# The probe is a short-lived JVM: the quickest-starting flags, and a timeout that a busy host can meet.
HEALTHCHECK --interval=5s --timeout=10s --retries=3 \
    CMD ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", "/opt/herald/herald.jar", "io.herald.app.Probe", \
         "http://127.0.0.1:8500/health"]
# A small initial heap keeps an idle node near 130 MiB RSS (the JVM's default, 1/64 of the host's RAM, is what it
# grows into otherwise); the heap still grows to the usual maximum when the catalogue needs it.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms16m", "-jar", "/opt/herald/herald.jar"]
