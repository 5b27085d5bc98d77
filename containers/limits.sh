# Sourced by setup.sh and build-image.sh: resource limits for containers and builds. The runtime may not raise a
# limit above the hard limit of the process that starts it: this shell's, and for builds podman's own process
# limit of 32768 processes.
nofile=$(ulimit -Hn); [ "$nofile" = unlimited ] && nofile=1048576; [ "$nofile" -gt 1048576 ] && nofile=1048576
nproc=$(ulimit -Hu); [ "$nproc" = unlimited ] && nproc=32768; [ "$nproc" -gt 32768 ] && nproc=32768
# Builds do not read containers.conf's default_ulimits: they get the same limits by flag.
build_limits=(--ulimit "nofile=${nofile}:${nofile}" --ulimit "nproc=${nproc}:${nproc}")
