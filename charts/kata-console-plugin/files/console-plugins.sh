#!/bin/bash
# Adds (enable) or removes (disable) one plugin in consoles.operator.openshift.io/cluster
# spec.plugins, leaving every other entry as it is. Idempotent; handles spec.plugins (and spec)
# being absent. Every patch is a JSON patch guarded by a test of metadata.resourceVersion, so a
# concurrent writer is never overwritten: the script rereads and retries.
# usage: console-plugins.sh enable|disable PLUGIN   (env KUBECTL: the client, default oc or kubectl)
set -euo pipefail

action="${1:-}"
plugin="${2:-}"
if [[ "$action" != enable && "$action" != disable ]] || [[ ! "$plugin" =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]]; then
  echo "usage: $0 enable|disable PLUGIN" >&2
  exit 2
fi
client="${KUBECTL:-$(command -v oc || command -v kubectl || true)}"
if [[ -z "$client" ]]; then
  echo "neither oc nor kubectl is on PATH" >&2
  exit 2
fi
resource=consoles.operator.openshift.io/cluster

# disable runs before uninstall: it never blocks it, a failure is only reported.
give_up() {
  echo "$1" >&2
  if [[ "$action" == disable ]]; then exit 0; fi
  exit 1
}

for attempt in $(seq 1 10); do
  if ! state="$("$client" get "$resource" -o 'jsonpath={.metadata.resourceVersion}{"\n"}{.spec}{"\n"}{range .spec.plugins[*]}{@}{"\n"}{end}' 2>&1)"; then
    give_up "cannot read $resource: $state"
  fi
  version="$(sed -n 1p <<<"$state")"
  spec="$(sed -n 2p <<<"$state")"
  mapfile -t plugins < <(sed -n '3,$p' <<<"$state" | sed '/^$/d')
  test_version="{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"$version\"}"

  index=-1
  for i in "${!plugins[@]}"; do
    if [[ "${plugins[$i]}" == "$plugin" ]]; then index=$i; break; fi
  done

  if [[ "$action" == enable ]]; then
    if (( index >= 0 )); then
      echo "plugin $plugin is enabled in $resource"
      exit 0
    fi
    if [[ -z "$spec" ]]; then
      op="{\"op\":\"add\",\"path\":\"/spec\",\"value\":{\"plugins\":[\"$plugin\"]}}"
    elif [[ "$spec" != *'"plugins":'* ]]; then
      op="{\"op\":\"add\",\"path\":\"/spec/plugins\",\"value\":[\"$plugin\"]}"
    else
      op="{\"op\":\"add\",\"path\":\"/spec/plugins/-\",\"value\":\"$plugin\"}"
    fi
  else
    if (( index < 0 )); then
      echo "plugin $plugin is not in $resource spec.plugins"
      exit 0
    fi
    op="{\"op\":\"remove\",\"path\":\"/spec/plugins/$index\"}"
  fi

  if output="$("$client" patch "$resource" --type=json -p "[$test_version,$op]" 2>&1)"; then
    echo "$action: $output"
    # Loop again: confirms the result and removes a duplicate entry, if any.
    continue
  fi
  echo "attempt $attempt: $output; retrying" >&2
  sleep 1
done
give_up "could not $action plugin $plugin in $resource after 10 attempts"
