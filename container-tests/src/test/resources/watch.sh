#!/bin/sh
# Runs inside a client container during a failover trial: resolves NAME through the stub resolver and fetches
# http://NAME:8080/, one line per round, until STOP exists or SECONDS have passed:
#   <epoch ms at round start> <sorted A addresses|none> <curl exit> <address curl reached|-> <body|->
# The connect timeout keeps a round short while a dead address is still being answered.
name=$1 seconds=$2 out=$3 stop=$4
end=$(( $(date +%s) + seconds ))
while [ ! -e "$stop" ] && [ "$(date +%s)" -lt "$end" ]; do
  now=$(date +%s%3N)
  ips=$(getent ahostsv4 "$name" | awk '{print $1}' | sort -u | paste -sd, -)
  rm -f /tmp/watch-body
  reached=$(curl -s --connect-timeout 0.25 -m 1 -o /tmp/watch-body -w '%{remote_ip}' "http://$name:8080/")
  code=$?
  body=$(head -c 64 /tmp/watch-body 2>/dev/null | tr -d ' \n')
  echo "$now ${ips:-none} $code ${reached:--} ${body:--}" >> "$out"
done
