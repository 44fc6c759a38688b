#!/bin/sh
# Starts the grader's dedicated engine (compose's `engine` service, the Kubernetes grader pod's `engine` sidecar):
# its API only on a unix socket in a volume shared with the grader, whose `node` user (gid 1000) gets the socket's
# group. Once the engine answers, containers on its bridges (br-* for the gradings' networks, docker0) may start
# no connection out of their bridge: INPUT covers the engine's own addresses (and, in a pod, the grader's port),
# DOCKER-USER everything routed; containers of one bridge still reach each other. Replies to the grader's probes
# are ESTABLISHED and pass. Only then does the marker exist that the health check waits for. The data root must be
# a volume: overlay2 cannot stack on the container's own overlay root file system.
set -eu
socket=unix:///run/engine/docker.sock
mkdir -p /run/engine
rm -f /run/engine/contained
# Without --privileged (refused where the host's engine lacks a capability) /proc/sys and the container's own
# cgroup subtrees come read-only; the engine sets sysctls (ip_forward) and makes cgroups for its containers.
if ! touch /proc/sys/net/ipv4/ip_forward 2>/dev/null; then mount -o remount,bind,rw /proc/sys; fi
for hierarchy in /sys/fs/cgroup/*; do
  if mountpoint -q "$hierarchy" && ! touch "$hierarchy/.writable" 2>/dev/null; then mount -o remount,bind,rw "$hierarchy"; fi
  rm -f "$hierarchy/.writable"
done
dockerd --host="$socket" --group=1000 --storage-driver=overlay2 &
engine=$!
until docker -H "$socket" info >/dev/null 2>&1; do
  kill -0 "$engine" 2>/dev/null || { echo "dockerd exited" >&2; exit 1; }
  sleep 1
done
for chain in INPUT DOCKER-USER; do
  for bridge in br-+ docker0; do
    iptables -I "$chain" -i "$bridge" -m conntrack --ctstate NEW -j DROP
  done
done
# Traffic between two containers of one bridge (a Compose project's API and its database) never leaves it, but
# with bridge netfilter on (the engine turns it on) it passes FORWARD too; it goes on to the engine's own rules
# (inter-container traffic of that network). Only bridged frames match: anything routed out of the bridge does not.
iptables -I DOCKER-USER -m physdev --physdev-is-bridged -j RETURN || { echo "the kernel has no physdev match (xt_physdev): gradings' services could not reach each other" >&2; exit 1; }
touch /run/engine/contained
wait "$engine"
