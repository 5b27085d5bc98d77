# Herald: build with Maven, run on a slim JRE. Base images are arguments so the image can be built from local
# stand-ins (e.g. --build-arg BASE_IMAGE=localhost/debian-jre:bookworm) where no registry is reachable.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG BASE_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
COPY core core
COPY config config
COPY ttl-policy ttl-policy
COPY health-checker health-checker
COPY gossip-membership gossip-membership
COPY dns-server dns-server
COPY http-api http-api
COPY app app
RUN mvn -B -q package -DskipTests

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
HEALTHCHECK --interval=5s --timeout=3s --retries=3 \
    CMD ["java", "-cp", "/opt/herald/herald.jar", "io.herald.app.Probe", "http://127.0.0.1:8500/health"]
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-jar", "/opt/herald/herald.jar"]
